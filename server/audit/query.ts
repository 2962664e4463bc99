// The bureau's audit viewer: who did what to which record, searched by actor (name or e-mail),
// action, target (record type or id) and China-time dates, paged and sorted.
import { z } from "zod";
import {
  type ChinaDate,
  chinaDayEnd,
  chinaDayStart,
  compareChinaDates,
  formatChinaDate,
  parseChinaDate,
} from "../clock";
import { chinaDateInput } from "../contracts/inputs";
import type { DbTx } from "../db";
import { AppError } from "../errors";
import type { Prisma } from "../generated/prisma/client";
import { containsText } from "../search";
import { text } from "../validation/text";
import { auditDetailView } from "./changes";

export const AUDIT_SORTS = ["at", "actor", "action"] as const;
export type AuditSort = (typeof AUDIT_SORTS)[number];

/** The viewer's filter as the router accepts it (dates are China calendar dates, inclusive). */
export const auditFilterInput = z.object({
  page: z.number().int().min(1).max(100_000).default(1),
  pageSize: z.number().int().min(1).max(200).default(50),
  actor: text({ max: 100 }).optional(),
  action: text({ max: 100 }).optional(),
  target: text({ max: 100 }).optional(),
  enterpriseId: z.string().trim().max(64).optional(),
  from: chinaDateInput.optional(),
  to: chinaDateInput.optional(),
  sort: z.enum(AUDIT_SORTS).default("at"),
  dir: z.enum(["asc", "desc"]).default("desc"),
});
export type AuditFilterInput = z.input<typeof auditFilterInput>;
export type AuditFilter = z.output<typeof auditFilterInput>;

/** The filter as a database condition; DATE_RANGE_INVALID {from, to} when `from` is after `to`. */
export function auditWhere(filter: Omit<AuditFilter, "page" | "pageSize" | "sort" | "dir">): Prisma.AuditLogWhereInput {
  const from: ChinaDate | undefined = filter.from ? parseChinaDate(filter.from) : undefined;
  const to: ChinaDate | undefined = filter.to ? parseChinaDate(filter.to) : undefined;
  if (from && to && compareChinaDates(from, to) > 0)
    throw new AppError("DATE_RANGE_INVALID", { from: formatChinaDate(from), to: formatChinaDate(to) });
  const actor = filter.actor?.trim();
  const action = filter.action?.trim();
  const target = filter.target?.trim();
  const and: Prisma.AuditLogWhereInput[] = [];
  if (actor) and.push({ actor: { OR: [{ name: containsText(actor) }, { email: containsText(actor) }] } });
  if (action) and.push({ action: containsText(action) });
  if (target) and.push({ OR: [{ entityType: containsText(target) }, { entityId: target }] });
  if (filter.enterpriseId) and.push({ enterpriseId: filter.enterpriseId });
  if (from || to)
    and.push({ at: { ...(from ? { gte: chinaDayStart(from) } : {}), ...(to ? { lt: chinaDayEnd(to) } : {}) } });
  return and.length > 0 ? { AND: and } : {};
}

function auditOrder(sort: AuditSort, dir: "asc" | "desc"): Prisma.AuditLogOrderByWithRelationInput[] {
  const tie: Prisma.AuditLogOrderByWithRelationInput = { id: dir };
  if (sort === "actor") return [{ actor: { name: dir } }, { at: dir }, tie];
  if (sort === "action") return [{ action: dir }, { at: dir }, tie];
  return [{ at: dir }, tie];
}

/** One page of entries, each with its changes (before → after) and other facts read from its detail. */
export async function searchAudit(db: DbTx, filter: AuditFilter) {
  const where = auditWhere(filter);
  const [total, rows] = await Promise.all([
    db.auditLog.count({ where }),
    db.auditLog.findMany({
      where,
      orderBy: auditOrder(filter.sort, filter.dir),
      skip: (filter.page - 1) * filter.pageSize,
      take: filter.pageSize,
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
      ...auditDetailView(r.detail),
    })),
  };
}
