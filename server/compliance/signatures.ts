// The enterprise's SMS signature 【...】: the customer admin submits one, COMPLIANCE approves or
// rejects it with a reason. Sending uses the latest approved one (approvedSignature).
import { type EnterpriseActor, type Actor, recordAudit } from "../audit/log";
import type { Db, DbTx } from "../db";
import { AppError } from "../errors";
import type { RequestStatus } from "../generated/prisma/client";
import { parseSignature } from "./text";

/** The customer admin acting for their own enterprise. */

/** The latest APPROVED signature of the enterprise, without brackets; null when none was approved. */
export async function approvedSignature(db: DbTx, enterpriseId: string): Promise<string | null> {
  const row = await db.smsSignature.findFirst({
    where: { enterpriseId, status: "APPROVED" },
    orderBy: [{ decidedAt: "desc" }, { createdAt: "desc" }],
    select: { text: true },
  });
  return row?.text ?? null;
}

/** One PENDING signature per enterprise (SIGNATURE_PENDING); the text as typed, brackets optional. */
export async function submitSignature(db: Db, actor: EnterpriseActor, input: string, now: Date) {
  const text = parseSignature(input);
  if (!text) throw new AppError("SIGNATURE_INVALID");
  return db.$transaction(async (tx) => {
    // Locks the enterprise row: concurrent submissions queue here, so only one can be pending.
    await tx.$executeRaw`SELECT 1 FROM "Enterprise" WHERE id = ${actor.enterpriseId} FOR UPDATE`;
    if (
      await tx.smsSignature.findFirst({
        where: { enterpriseId: actor.enterpriseId, status: "PENDING" },
        select: { id: true },
      })
    ) {
      throw new AppError("SIGNATURE_PENDING");
    }
    const row = await tx.smsSignature.create({
      data: { enterpriseId: actor.enterpriseId, text, createdById: actor.userId, createdAt: now },
    });
    await recordAudit(
      tx,
      actor,
      {
        action: "compliance.signature.submitted",
        entityType: "SmsSignature",
        entityId: row.id,
        enterpriseId: actor.enterpriseId,
        detail: { text },
      },
      now,
    );
    return row;
  });
}

/** Moves a PENDING signature on; REQUEST_NOT_PENDING when it was decided or withdrawn first. */
async function closeSignature(
  db: DbTx,
  id: string,
  enterpriseId: string | null,
  data: { status: RequestStatus; decidedById: string | null; decidedAt: Date; decisionNote?: string | null },
) {
  const row = await db.smsSignature.findFirst({ where: { id, ...(enterpriseId ? { enterpriseId } : {}) } });
  if (!row) throw new AppError("NOT_FOUND");
  const closed = await db.smsSignature.updateMany({ where: { id, status: "PENDING" }, data });
  if (closed.count !== 1) throw new AppError("REQUEST_NOT_PENDING");
  return row;
}

export async function withdrawSignature(db: DbTx, actor: EnterpriseActor, id: string, now: Date): Promise<void> {
  const row = await closeSignature(db, id, actor.enterpriseId, {
    status: "WITHDRAWN",
    decidedById: actor.userId,
    decidedAt: now,
  });
  await recordAudit(
    db,
    actor,
    {
      action: "compliance.signature.withdrawn",
      entityType: "SmsSignature",
      entityId: id,
      enterpriseId: row.enterpriseId,
    },
    now,
  );
}

export async function approveSignature(db: DbTx, actor: Actor, id: string, now: Date): Promise<void> {
  const row = await closeSignature(db, id, null, { status: "APPROVED", decidedById: actor.userId, decidedAt: now });
  await recordAudit(
    db,
    actor,
    {
      action: "compliance.signature.approved",
      entityType: "SmsSignature",
      entityId: id,
      enterpriseId: row.enterpriseId,
      detail: { text: row.text },
    },
    now,
  );
}

export async function rejectSignature(db: DbTx, actor: Actor, id: string, reason: string, now: Date): Promise<void> {
  const note = reason.trim();
  if (!note) throw new AppError("REASON_REQUIRED");
  const row = await closeSignature(db, id, null, {
    status: "REJECTED",
    decidedById: actor.userId,
    decidedAt: now,
    decisionNote: note,
  });
  await recordAudit(
    db,
    actor,
    {
      action: "compliance.signature.rejected",
      entityType: "SmsSignature",
      entityId: id,
      enterpriseId: row.enterpriseId,
      detail: { text: row.text, reason: note },
    },
    now,
  );
}

/** The portal's view: the signature in use and the enterprise's submissions, newest first. */
export async function enterpriseSignatures(db: DbTx, enterpriseId: string) {
  const [current, history] = await Promise.all([
    approvedSignature(db, enterpriseId),
    db.smsSignature.findMany({
      where: { enterpriseId },
      orderBy: [{ createdAt: "desc" }, { id: "desc" }],
      take: 20,
      select: { id: true, text: true, status: true, decisionNote: true, createdAt: true, decidedAt: true },
    }),
  ]);
  return { current, history };
}

export interface SignatureQueueQuery {
  page: number;
  pageSize: number;
  status: RequestStatus;
}

/** COMPLIANCE's queue: oldest pending first; other statuses newest first. Shows the signature each enterprise uses now. */
export async function listSignatures(db: DbTx, query: SignatureQueueQuery) {
  const where = { status: query.status };
  const [total, rows] = await Promise.all([
    db.smsSignature.count({ where }),
    db.smsSignature.findMany({
      where,
      orderBy: [{ createdAt: query.status === "PENDING" ? "asc" : "desc" }, { id: "asc" }],
      skip: (query.page - 1) * query.pageSize,
      take: query.pageSize,
    }),
  ]);
  const enterpriseIds = [...new Set(rows.map((r) => r.enterpriseId))];
  const [enterprises, approved] = await Promise.all([
    db.enterprise.findMany({ where: { id: { in: enterpriseIds } }, select: { id: true, name: true } }),
    db.smsSignature.findMany({
      where: { enterpriseId: { in: enterpriseIds }, status: "APPROVED" },
      orderBy: [{ decidedAt: "desc" }],
      distinct: ["enterpriseId"],
      select: { enterpriseId: true, text: true },
    }),
  ]);
  return {
    total,
    rows: rows.map((r) => ({
      id: r.id,
      text: r.text,
      status: r.status,
      decisionNote: r.decisionNote,
      createdAt: r.createdAt,
      decidedAt: r.decidedAt,
      enterprise: enterprises.find((e) => e.id === r.enterpriseId) ?? { id: r.enterpriseId, name: "—" },
      currentSignature: approved.find((a) => a.enterpriseId === r.enterpriseId)?.text ?? null,
    })),
  };
}
