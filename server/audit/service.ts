// The append-only audit log (甲方 3, 乙方 1): every state change and every staff read of customer
// content goes through recordAudit. The table refuses UPDATE and DELETE at the database.
import type { DbTx } from "../db";
import type { Prisma, Role } from "../generated/prisma/client";

/** Who acted and from where: built once per request by the adapters. */
export interface Actor {
  userId: string | null;
  role: Role | null;
  ip?: string | null;
  userAgent?: string | null;
}

export const SYSTEM_ACTOR: Actor = { userId: null, role: null, ip: null, userAgent: "system" };

export interface AuditEntry {
  action: string;
  entityType: string;
  entityId?: string | null;
  enterpriseId?: string | null;
  detail?: Prisma.InputJsonValue;
}

export async function recordAudit(db: DbTx, actor: Actor, entry: AuditEntry, now: Date): Promise<void> {
  await db.auditLog.create({ data: auditRow(actor, entry, now) });
}

/** Many entries by one actor at once (a bulk operation's one entry per record): one INSERT per 5,000. */
export async function recordAuditMany(
  db: DbTx,
  actor: Actor,
  entries: readonly AuditEntry[],
  now: Date,
): Promise<void> {
  for (let i = 0; i < entries.length; i += 5_000) {
    const chunk = entries.slice(i, i + 5_000);
    await db.$executeRaw`
      INSERT INTO "AuditLog" ("at", "actorId", "actorRole", "ip", "userAgent", "action", "entityType", "entityId", "enterpriseId", "detail")
      SELECT ${now}::timestamp, ${actor.userId}, ${actor.role}::"Role", ${actor.ip ?? null}, ${actor.userAgent?.slice(0, 500) ?? null},
             e.action, e."entityType", e."entityId", e."enterpriseId", e.detail
      FROM unnest(${chunk.map((e) => e.action)}::text[], ${chunk.map((e) => e.entityType)}::text[],
        ${chunk.map((e) => e.entityId ?? null)}::text[], ${chunk.map((e) => e.enterpriseId ?? null)}::text[],
        ${chunk.map((e) => (e.detail === undefined ? null : JSON.stringify(e.detail)))}::jsonb[])
        AS e(action, "entityType", "entityId", "enterpriseId", detail)`;
  }
}

function auditRow(actor: Actor, entry: AuditEntry, now: Date) {
  return {
    at: now,
    actorId: actor.userId,
    actorRole: actor.role,
    ip: actor.ip ?? null,
    userAgent: actor.userAgent?.slice(0, 500) ?? null,
    action: entry.action,
    entityType: entry.entityType,
    entityId: entry.entityId ?? null,
    enterpriseId: entry.enterpriseId ?? null,
    detail: entry.detail,
  };
}

export interface AuditQuery {
  page: number;
  pageSize: number;
  action?: string;
  entityType?: string;
  entityId?: string;
  enterpriseId?: string;
}

export async function listAudit(db: DbTx, query: AuditQuery) {
  const where: Prisma.AuditLogWhereInput = {
    ...(query.action ? { action: { startsWith: query.action } } : {}),
    ...(query.entityType ? { entityType: query.entityType } : {}),
    ...(query.entityId ? { entityId: query.entityId } : {}),
    ...(query.enterpriseId ? { enterpriseId: query.enterpriseId } : {}),
  };
  const [total, rows] = await Promise.all([
    db.auditLog.count({ where }),
    db.auditLog.findMany({
      where,
      orderBy: { id: "desc" },
      skip: (query.page - 1) * query.pageSize,
      take: query.pageSize,
      include: { actor: { select: { email: true, name: true } } },
    }),
  ]);
  return {
    total,
    rows: rows.map((r) => ({
      id: r.id.toString(),
      at: r.at,
      actorEmail: r.actor?.email ?? null,
      actorName: r.actor?.name ?? null,
      actorRole: r.actorRole,
      action: r.action,
      entityType: r.entityType,
      entityId: r.entityId,
      ip: r.ip,
      detail: r.detail,
    })),
  };
}
