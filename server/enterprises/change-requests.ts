// Changes to 乙方's party details (parties clause): the customer admin requests, SALES decides.
// A request stores only the fields that change, each as { from, to }, so the decision shows both.
import { type Actor, recordAudit } from "../audit/log";
import type { Db, DbTx } from "../db";
import { AppError } from "../errors";
import { type Enterprise, Prisma, type RequestStatus } from "../generated/prisma/client";
import { isPhoneNumber, normalizeMobile } from "../phone";
import { type ChangeSet, PARTY_FIELDS, type PartyField } from "./party-fields";
import { assertValidUscc } from "./details";
import { normalizeUscc } from "./uscc";

export type ProposedChanges = Partial<Record<PartyField, string>>;

/** The customer admin acting for their own enterprise. */
export type EnterpriseAdmin = Actor & { userId: string; enterpriseId: string };

/** One field as it is stored; throws USCC_INVALID, PHONE_INVALID or MOBILE_INVALID. */
function normalizedField(field: PartyField, value: string): string {
  const text = value.trim();
  switch (field) {
    case "uscc": {
      const uscc = normalizeUscc(text);
      assertValidUscc(uscc);
      return uscc;
    }
    case "phone":
      if (!isPhoneNumber(text)) throw new AppError("PHONE_INVALID");
      return text;
    case "contactMobile": {
      const mobile = normalizeMobile(text);
      if (!mobile) throw new AppError("MOBILE_INVALID");
      return mobile;
    }
    case "contactEmail":
      return text.toLowerCase();
    default:
      if (!text) throw new AppError("INVALID_REQUEST", { detail: field });
      return text;
  }
}

/** The stored change set, read back defensively (it is JSON). */
export function changeSetOf(changes: Prisma.JsonValue): ChangeSet {
  const result: ChangeSet = {};
  if (typeof changes !== "object" || changes === null || Array.isArray(changes)) return result;
  for (const field of PARTY_FIELDS) {
    const entry = (changes as Record<string, unknown>)[field];
    if (typeof entry === "object" && entry !== null && "to" in entry) {
      const { from, to } = entry as { from: unknown; to: unknown };
      result[field] = { from: String(from ?? ""), to: String(to) };
    }
  }
  return result;
}

async function assertUsccFree(db: DbTx, uscc: string, enterpriseId: string): Promise<void> {
  const clash = await db.enterprise.findFirst({ where: { uscc, NOT: { id: enterpriseId } }, select: { id: true } });
  if (clash) throw new AppError("USCC_TAKEN");
}

/** Runs `work` in a transaction, or in the caller's when `db` already is one. */
function inTransaction<T>(db: DbTx, work: (tx: DbTx) => Promise<T>): Promise<T> {
  return "$transaction" in db ? db.$transaction((tx) => work(tx)) : work(db);
}

/**
 * The customer admin proposes new values. Only fields that differ from the current ones are kept
 * (NO_CHANGES when none do). One PENDING request per enterprise (CHANGE_REQUEST_PENDING).
 */
export async function submitEnterpriseChange(db: Db, actor: EnterpriseAdmin, proposed: ProposedChanges, now: Date) {
  const normalized: ProposedChanges = {};
  for (const field of PARTY_FIELDS) {
    const value = proposed[field];
    if (value !== undefined) normalized[field] = normalizedField(field, value);
  }
  return db.$transaction(async (tx) => {
    // Locks the enterprise row: concurrent submissions queue here, so only one can be pending.
    await tx.$executeRaw`SELECT 1 FROM "Enterprise" WHERE id = ${actor.enterpriseId} FOR UPDATE`;
    const enterprise = await tx.enterprise.findUnique({ where: { id: actor.enterpriseId } });
    if (!enterprise) throw new AppError("NOT_FOUND");
    if (
      await tx.enterpriseChangeRequest.findFirst({
        where: { enterpriseId: enterprise.id, status: "PENDING" },
        select: { id: true },
      })
    ) {
      throw new AppError("CHANGE_REQUEST_PENDING");
    }
    const changes: ChangeSet = {};
    for (const field of PARTY_FIELDS) {
      const to = normalized[field];
      if (to !== undefined && to !== enterprise[field]) changes[field] = { from: enterprise[field], to };
    }
    if (Object.keys(changes).length === 0) throw new AppError("NO_CHANGES");
    if (changes.uscc) await assertUsccFree(tx, changes.uscc.to, enterprise.id);
    const request = await tx.enterpriseChangeRequest.create({
      data: { enterpriseId: enterprise.id, changes, requestedById: actor.userId, requestedAt: now },
    });
    await recordAudit(
      tx,
      actor,
      {
        action: "enterprise.change.requested",
        entityType: "EnterpriseChangeRequest",
        entityId: request.id,
        enterpriseId: enterprise.id,
        detail: { changes },
      },
      now,
    );
    return request;
  });
}

/** Moves a PENDING request on; REQUEST_NOT_PENDING when someone else decided first. */
async function closeRequest(
  db: DbTx,
  requestId: string,
  data: { status: RequestStatus; decidedById: string | null; decidedAt: Date; decisionNote?: string | null },
) {
  const closed = await db.enterpriseChangeRequest.updateMany({ where: { id: requestId, status: "PENDING" }, data });
  if (closed.count !== 1) throw new AppError("REQUEST_NOT_PENDING");
}

async function pendingRequest(db: DbTx, requestId: string, enterpriseId?: string) {
  const request = await db.enterpriseChangeRequest.findFirst({
    where: { id: requestId, ...(enterpriseId ? { enterpriseId } : {}) },
  });
  if (!request) throw new AppError("NOT_FOUND");
  if (request.status !== "PENDING") throw new AppError("REQUEST_NOT_PENDING");
  return request;
}

/** The admin takes back their enterprise's pending request. Another enterprise's request is NOT_FOUND. */
export async function withdrawEnterpriseChange(
  db: DbTx,
  actor: EnterpriseAdmin,
  requestId: string,
  now: Date,
): Promise<void> {
  const request = await pendingRequest(db, requestId, actor.enterpriseId);
  await closeRequest(db, request.id, { status: "WITHDRAWN", decidedById: actor.userId, decidedAt: now });
  await recordAudit(
    db,
    actor,
    {
      action: "enterprise.change.withdrawn",
      entityType: "EnterpriseChangeRequest",
      entityId: request.id,
      enterpriseId: request.enterpriseId,
    },
    now,
  );
}

/**
 * SALES approves: the changed fields are written to the enterprise in one transaction (in the
 * caller's, when given one), USCC uniqueness checked again. Returns the updated enterprise.
 */
export async function approveEnterpriseChange(
  db: DbTx,
  actor: Actor,
  requestId: string,
  now: Date,
): Promise<Enterprise> {
  try {
    return await inTransaction(db, async (tx) => {
      const request = await pendingRequest(tx, requestId);
      await closeRequest(tx, request.id, { status: "APPROVED", decidedById: actor.userId, decidedAt: now });
      const requested = changeSetOf(request.changes);
      const before = await tx.enterprise.findUniqueOrThrow({ where: { id: request.enterpriseId } });
      if (requested.uscc) await assertUsccFree(tx, requested.uscc.to, before.id);
      const data: ProposedChanges = {};
      // The audit records what the values were at approval, which is what the change replaced.
      const applied: ChangeSet = {};
      for (const field of PARTY_FIELDS) {
        const change = requested[field];
        if (!change) continue;
        data[field] = change.to;
        applied[field] = { from: before[field], to: change.to };
      }
      const enterprise = await tx.enterprise.update({ where: { id: before.id }, data });
      await recordAudit(
        tx,
        actor,
        {
          action: "enterprise.change.approved",
          entityType: "EnterpriseChangeRequest",
          entityId: request.id,
          enterpriseId: before.id,
        },
        now,
      );
      await recordAudit(
        tx,
        actor,
        {
          action: "enterprise.details.changed",
          entityType: "Enterprise",
          entityId: before.id,
          enterpriseId: before.id,
          detail: { requestId: request.id, changes: applied },
        },
        now,
      );
      return enterprise;
    });
  } catch (error) {
    // Another enterprise took the code between the check and the update.
    if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002")
      throw new AppError("USCC_TAKEN");
    throw error;
  }
}

/** SALES rejects with a reason the customer will read (REASON_REQUIRED when blank). */
export async function rejectEnterpriseChange(
  db: DbTx,
  actor: Actor,
  requestId: string,
  reason: string,
  now: Date,
): Promise<void> {
  const note = reason.trim();
  if (!note) throw new AppError("REASON_REQUIRED");
  const request = await pendingRequest(db, requestId);
  await closeRequest(db, request.id, {
    status: "REJECTED",
    decidedById: actor.userId,
    decidedAt: now,
    decisionNote: note,
  });
  await recordAudit(
    db,
    actor,
    {
      action: "enterprise.change.rejected",
      entityType: "EnterpriseChangeRequest",
      entityId: request.id,
      enterpriseId: request.enterpriseId,
      detail: { reason: note },
    },
    now,
  );
}

/** The enterprise's latest request, whatever its status, for the portal; null when there was none. */
export async function latestEnterpriseChange(db: DbTx, enterpriseId: string) {
  const request = await db.enterpriseChangeRequest.findFirst({
    where: { enterpriseId },
    orderBy: [{ requestedAt: "desc" }, { id: "desc" }],
    select: { id: true, status: true, changes: true, requestedAt: true, decidedAt: true, decisionNote: true },
  });
  return request ? { ...request, changes: changeSetOf(request.changes) } : null;
}

export interface ChangeQueueQuery {
  page: number;
  pageSize: number;
  status: RequestStatus;
}

/** SALES's queue: oldest pending first (other statuses newest first). */
export async function listEnterpriseChanges(db: DbTx, query: ChangeQueueQuery) {
  const where = { status: query.status };
  const [total, rows] = await Promise.all([
    db.enterpriseChangeRequest.count({ where }),
    db.enterpriseChangeRequest.findMany({
      where,
      orderBy: [{ requestedAt: query.status === "PENDING" ? "asc" : "desc" }, { id: "asc" }],
      skip: (query.page - 1) * query.pageSize,
      take: query.pageSize,
      include: { enterprise: { select: { id: true, name: true, uscc: true } } },
    }),
  ]);
  return {
    total,
    rows: rows.map((r) => ({
      id: r.id,
      status: r.status,
      enterprise: r.enterprise,
      fields: Object.keys(changeSetOf(r.changes)) as PartyField[],
      requestedAt: r.requestedAt,
      decidedAt: r.decidedAt,
    })),
  };
}

/** One request for the decision screen: before/after, who asked, who decided. */
export async function getEnterpriseChange(db: DbTx, requestId: string) {
  const request = await db.enterpriseChangeRequest.findUnique({
    where: { id: requestId },
    include: { enterprise: { select: { id: true, name: true, uscc: true } } },
  });
  if (!request) throw new AppError("NOT_FOUND");
  const people = await db.user.findMany({
    where: { id: { in: [request.requestedById, request.decidedById].filter((id): id is string => id !== null) } },
    select: { id: true, name: true, email: true },
  });
  const person = (id: string | null) => people.find((p) => p.id === id) ?? null;
  return {
    id: request.id,
    status: request.status,
    enterprise: request.enterprise,
    changes: changeSetOf(request.changes),
    requestedAt: request.requestedAt,
    requestedBy: person(request.requestedById),
    decidedAt: request.decidedAt,
    decidedBy: person(request.decidedById),
    decisionNote: request.decisionNote,
  };
}
