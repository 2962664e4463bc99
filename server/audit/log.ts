// The append-only audit log (甲方 3, 乙方 1): every state change and every staff read of customer
// content goes through recordAudit. The table refuses UPDATE and DELETE at the database. Reading it
// back: ./query.ts (the viewer's search) and ./changes.ts (what an entry changed).
import type { DbTx } from "../db";
import type { Prisma, Role } from "../generated/prisma/client";

/** Who acted and from where: built once per request by the adapters. */
export interface Actor {
  userId: string | null;
  role: Role | null;
  ip?: string | null;
  userAgent?: string | null;
}

/** A signed-in user of a customer enterprise (its admin or operator), acting on that enterprise's data. */
export type EnterpriseActor = Actor & { userId: string; enterpriseId: string };

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
