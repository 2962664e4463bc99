// Confirmed violations of 乙方 3 (content) and 乙方 6 (recipients) on the enterprise's record. A
// confirmed violation lets the bureau terminate at once, so each is kept with who recorded it.
import { type Actor, recordAudit } from "../audit/log";
import type { DbTx } from "../db";
import { AppError } from "../errors";
import type { Prisma } from "../generated/prisma/client";

/**
 * The kinds in use: CONTENT_REJECTED (COMPLIANCE rejected a held job), CONTENT_BLOCKED (a send hit a
 * BLOCK term), RECIPIENTS (sending outside the address book and consents), OTHER (recorded by hand).
 */
export const VIOLATION_KINDS = ["CONTENT_REJECTED", "CONTENT_BLOCKED", "RECIPIENTS", "OTHER"] as const;
export type ViolationKind = (typeof VIOLATION_KINDS)[number];

export interface ViolationInput {
  enterpriseId: string;
  kind: ViolationKind;
  detail: string;
  jobId?: string | null;
}

/** Records a violation against the enterprise and audits it; in the caller's transaction when given one. */
export async function recordViolation(db: DbTx, actor: Actor, input: ViolationInput, now: Date) {
  const detail = input.detail.trim().slice(0, 2000);
  if (!detail) throw new AppError("REASON_REQUIRED");
  if (!(VIOLATION_KINDS as readonly string[]).includes(input.kind))
    throw new AppError("INVALID_REQUEST", { detail: `kind ${input.kind}` });
  const enterprise = await db.enterprise.findUnique({ where: { id: input.enterpriseId }, select: { id: true } });
  if (!enterprise) throw new AppError("NOT_FOUND");
  const row = await db.complianceViolation.create({
    data: {
      enterpriseId: input.enterpriseId,
      kind: input.kind,
      detail,
      jobId: input.jobId ?? null,
      recordedById: actor.userId,
      createdAt: now,
    },
  });
  await recordAudit(
    db,
    actor,
    {
      action: "compliance.violation.recorded",
      entityType: "ComplianceViolation",
      entityId: row.id,
      enterpriseId: input.enterpriseId,
      detail: { kind: input.kind, detail, jobId: input.jobId ?? null },
    },
    now,
  );
  return row;
}

export interface ViolationQuery {
  page: number;
  pageSize: number;
  enterpriseId?: string;
  kind?: ViolationKind;
}

/** Newest first, with the enterprise and who recorded each; per-enterprise totals for the filter. */
export async function listViolations(db: DbTx, query: ViolationQuery) {
  const where: Prisma.ComplianceViolationWhereInput = {
    ...(query.enterpriseId ? { enterpriseId: query.enterpriseId } : {}),
    ...(query.kind ? { kind: query.kind } : {}),
  };
  const [total, rows, perEnterprise] = await Promise.all([
    db.complianceViolation.count({ where }),
    db.complianceViolation.findMany({
      where,
      orderBy: [{ createdAt: "desc" }, { id: "asc" }],
      skip: (query.page - 1) * query.pageSize,
      take: query.pageSize,
    }),
    db.complianceViolation.groupBy({ by: ["enterpriseId"], _count: { _all: true } }),
  ]);
  const enterpriseIds = [...new Set([...rows.map((r) => r.enterpriseId), ...perEnterprise.map((p) => p.enterpriseId)])];
  const [enterprises, people] = await Promise.all([
    db.enterprise.findMany({ where: { id: { in: enterpriseIds } }, select: { id: true, name: true } }),
    db.user.findMany({
      where: { id: { in: rows.map((r) => r.recordedById).filter((v): v is string => v !== null) } },
      select: { id: true, name: true, email: true },
    }),
  ]);
  const nameOf = (id: string) => enterprises.find((e) => e.id === id)?.name ?? "—";
  return {
    total,
    rows: rows.map((r) => ({
      id: r.id,
      enterprise: { id: r.enterpriseId, name: nameOf(r.enterpriseId) },
      kind: r.kind,
      detail: r.detail,
      jobId: r.jobId,
      recordedBy: people.find((p) => p.id === r.recordedById) ?? null,
      createdAt: r.createdAt,
    })),
    enterprises: perEnterprise
      .map((p) => ({ id: p.enterpriseId, name: nameOf(p.enterpriseId), count: p._count._all }))
      .sort((a, b) => b.count - a.count || a.name.localeCompare(b.name, "zh")),
  };
}
