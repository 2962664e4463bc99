// The contract lives by its terms on China time (三, 乙方 3, 二 7): renewal or expiry at 24:00 of
// the end date, objections, two-sided early termination, termination for cause, and who may send.
import { type Actor, recordAudit, SYSTEM_ACTOR } from "../audit/log";
import { compareChinaDates, formatChinaDate, fromDbDate, parseChinaDate, toChinaDate, toDbDate } from "../clock";
import type { Db, DbTx } from "../db";
import { AppError } from "../errors";
import type { ContractEndReason, Party } from "../generated/prisma/client";
import { issueContractDocument } from "./documents";
import { activateIfReady } from "./review";
import { assertStatus, BEFORE_END, IN_FORCE, loadContract, transition } from "./state";
import { expiresAt, hasExpired, lastDayBefore, lastObjectionDay, objectionInTime, renewedEndDate } from "./validity";

/** A party objects to renewal; refused with the last allowed day once the notice period has begun. */
export async function lodgeObjection(
  db: DbTx,
  actor: Actor,
  party: Party,
  contractId: string,
  reason: string,
  now: Date,
) {
  const contract = await loadContract(db, contractId);
  assertStatus(contract, ["APPROVED", "ACTIVE", "SUSPENDED"]);
  const endDate = fromDbDate(contract.endDate);
  if (!objectionInTime(endDate, contract.objectionNoticeDays, now)) {
    throw new AppError("OBJECTION_TOO_LATE", {
      days: contract.objectionNoticeDays,
      lastDay: formatChinaDate(lastObjectionDay(endDate, contract.objectionNoticeDays)),
    });
  }
  const existing = await db.contractObjection.findFirst({
    where: { contractId, party, againstEndDate: contract.endDate, withdrawnAt: null },
  });
  if (existing) return existing;
  const objection = await db.contractObjection.create({
    data: { contractId, party, againstEndDate: contract.endDate, reason, lodgedAt: now, lodgedById: actor.userId },
  });
  await recordAudit(
    db,
    actor,
    {
      action: "contract.objection.lodged",
      entityType: "Contract",
      entityId: contractId,
      enterpriseId: contract.enterpriseId,
      detail: { party, againstEndDate: formatChinaDate(endDate), reason },
    },
    now,
  );
  return objection;
}

/** Early termination needs both sides: one party requests it ... */
export async function requestTermination(
  db: DbTx,
  actor: Actor,
  party: Party,
  contractId: string,
  input: { reason: string; effectiveOn: string },
  now: Date,
) {
  const contract = await loadContract(db, contractId);
  assertStatus(contract, BEFORE_END);
  const effective = parseChinaDate(input.effectiveOn);
  if (
    compareChinaDates(effective, toChinaDate(now)) < 0 ||
    compareChinaDates(effective, fromDbDate(contract.endDate)) > 0
  ) {
    throw new AppError("INVALID_REQUEST", { detail: `effectiveOn ${input.effectiveOn}` });
  }
  if (await db.terminationRequest.findFirst({ where: { contractId, status: "PENDING" } }))
    throw new AppError("CONFLICT", { detail: "termination request pending" });
  const request = await db.terminationRequest.create({
    data: {
      contractId,
      requestedBy: party,
      requestedById: actor.userId,
      reason: input.reason,
      effectiveOn: toDbDate(effective),
      requestedAt: now,
    },
  });
  await recordAudit(
    db,
    actor,
    {
      action: "contract.termination.requested",
      entityType: "Contract",
      entityId: contractId,
      enterpriseId: contract.enterpriseId,
      detail: { party, effectiveOn: input.effectiveOn, reason: input.reason },
    },
    now,
  );
  return request;
}

/** ... and the other party confirms (or declines). The requesting party may withdraw instead. */
export async function decideTermination(
  db: Db,
  actor: Actor,
  party: Party,
  requestId: string,
  decision: "CONFIRM" | "DECLINE" | "WITHDRAW",
  note: string | undefined,
  now: Date,
) {
  const request = await db.terminationRequest.findUnique({ where: { id: requestId }, include: { contract: true } });
  if (!request || request.status !== "PENDING") throw new AppError("NOT_FOUND");
  const own = request.requestedBy === party;
  if ((decision === "WITHDRAW") !== own) throw new AppError("FORBIDDEN");
  const status = decision === "CONFIRM" ? "APPROVED" : decision === "DECLINE" ? "REJECTED" : "WITHDRAWN";
  await db.terminationRequest.update({
    where: { id: requestId },
    data: { status, decidedAt: now, decidedById: actor.userId, decisionNote: note ?? null },
  });
  await recordAudit(
    db,
    actor,
    {
      action: `contract.termination.${decision.toLowerCase()}`,
      entityType: "Contract",
      entityId: request.contractId,
      enterpriseId: request.contract.enterpriseId,
      detail: { party, note: note ?? null },
    },
    now,
  );
  if (decision === "CONFIRM") await applyDueTerminations(db, request.contractId, now);
}

/**
 * Ends a contract whose service stops at `endedAt` (exclusive): endDate becomes the last day of
 * service (the China date before that instant) when that is earlier than the validity's end.
 */
async function endContract(
  db: DbTx,
  actor: Actor,
  contractId: string,
  reason: ContractEndReason,
  note: string | null,
  endedAt: Date,
  now: Date,
) {
  const contract = await loadContract(db, contractId);
  const to = reason === "EXPIRED" ? "EXPIRED" : "TERMINATED";
  const lastDay = lastDayBefore(endedAt);
  const endDate = compareChinaDates(lastDay, fromDbDate(contract.endDate)) < 0 ? toDbDate(lastDay) : contract.endDate;
  await transition(db, contractId, BEFORE_END, {
    status: to,
    endDate,
    endedAt,
    endReason: reason,
    endNote: note,
  });
  await db.terminationRequest.updateMany({
    where: { contractId, status: "PENDING" },
    data: { status: "WITHDRAWN", decidedAt: now, decisionNote: "contract ended" },
  });
  await recordAudit(
    db,
    actor,
    {
      action: `contract.${to === "EXPIRED" ? "expired" : "terminated"}`,
      entityType: "Contract",
      entityId: contractId,
      enterpriseId: contract.enterpriseId,
      detail: { from: contract.status, to, reason, note },
    },
    now,
  );
}

/**
 * The bureau ends a contract at once: prohibited content (乙方 3) or a change of carrier policy (二 7).
 * Sending stops immediately; the final statement and the deposit decision follow.
 */
export async function terminateForCause(
  db: Db,
  actor: Actor,
  contractId: string,
  cause: "PROHIBITED_CONTENT" | "CARRIER_POLICY",
  reason: string,
  now: Date,
) {
  const contract = await loadContract(db, contractId);
  assertStatus(contract, BEFORE_END);
  await endContract(db, actor, contractId, cause, reason, now, now);
}

async function applyDueTerminations(db: DbTx, contractId: string | null, now: Date): Promise<number> {
  const today = toChinaDate(now);
  const due = await db.terminationRequest.findMany({
    where: {
      status: "APPROVED",
      ...(contractId ? { contractId } : {}),
      contract: { status: { in: [...BEFORE_END] } },
    },
  });
  let ended = 0;
  for (const request of due) {
    const effective = fromDbDate(request.effectiveOn);
    // Effective at 24:00 of the agreed day; confirmed for today or earlier with the day over, or in the past.
    if (compareChinaDates(effective, today) < 0 || now >= expiresAt(effective)) {
      await endContract(
        db,
        SYSTEM_ACTOR,
        request.contractId,
        "MUTUAL_TERMINATION",
        request.reason,
        expiresAt(effective),
        now,
      );
      ended++;
    }
  }
  return ended;
}

/**
 * The daily lifecycle, idempotent and driven by state: activate approved contracts whose start has
 * come, end those whose mutual termination is due, and at 24:00 of the end date renew by the renewal
 * term unless a party objected in time, else expire.
 */
export async function runContractLifecycle(db: Db, now: Date) {
  const summary = { activated: 0, renewed: 0, expired: 0, terminated: 0 };
  for (const c of await db.contract.findMany({ where: { status: "APPROVED" }, select: { id: true } })) {
    if (await activateIfReady(db, SYSTEM_ACTOR, c.id, now)) summary.activated++;
  }
  summary.terminated = await applyDueTerminations(db, null, now);

  const running = await db.contract.findMany({ where: { status: { in: [...IN_FORCE, "APPROVED"] } } });
  for (const contract of running) {
    // Renewal may be several terms behind if the job did not run; catch up one term at a time.
    for (let guard = 0; guard < 50; guard++) {
      const endDate = fromDbDate(contract.endDate);
      if (!hasExpired(endDate, now)) break;
      const objected = await db.contractObjection.count({
        where: { contractId: contract.id, againstEndDate: contract.endDate, withdrawnAt: null },
      });
      if (objected > 0 || contract.status === "APPROVED") {
        await endContract(
          db,
          SYSTEM_ACTOR,
          contract.id,
          "EXPIRED",
          objected > 0 ? "objection to renewal" : "never activated",
          expiresAt(endDate),
          now,
        );
        summary.expired++;
        break;
      }
      const next = renewedEndDate(endDate, contract.renewalYears);
      const updated = await db.contract.updateMany({
        where: { id: contract.id, endDate: contract.endDate },
        data: { endDate: toDbDate(next), renewals: { increment: 1 } },
      });
      if (updated.count !== 1) break;
      await recordAudit(
        db,
        SYSTEM_ACTOR,
        {
          action: "contract.renewed",
          entityType: "Contract",
          entityId: contract.id,
          enterpriseId: contract.enterpriseId,
          detail: { from: formatChinaDate(endDate), to: formatChinaDate(next), years: contract.renewalYears },
        },
        now,
      );
      await issueContractDocument(db, contract.id, `顺延至 ${formatChinaDate(next)} / renewed`, SYSTEM_ACTOR, now);
      contract.endDate = toDbDate(next);
      summary.renewed++;
    }
  }
  return summary;
}

/**
 * The one gate in front of everything that sends: only an ACTIVE contract within its validity.
 * Throws CONTRACT_NOT_ACTIVE {status} or ACCOUNT_SUSPENDED.
 */
export async function assertCanSend(db: DbTx, enterpriseId: string, now: Date) {
  const contract = await db.contract.findFirst({ where: { enterpriseId }, orderBy: [{ createdAt: "desc" }] });
  if (!contract) throw new AppError("CONTRACT_NOT_ACTIVE", { status: "DRAFT" });
  // The start day's first send activates a ready contract, whether or not the daily job has run.
  if (contract.status === "APPROVED" && (await activateIfReady(db, SYSTEM_ACTOR, contract.id, now)))
    return assertCanSend(db, enterpriseId, now);
  if (contract.status === "SUSPENDED") throw new AppError("ACCOUNT_SUSPENDED");
  if (contract.status !== "ACTIVE") throw new AppError("CONTRACT_NOT_ACTIVE", { status: contract.status });
  if (compareChinaDates(fromDbDate(contract.startDate), toChinaDate(now)) > 0)
    throw new AppError("CONTRACT_NOT_ACTIVE", { status: "APPROVED" });
  if (hasExpired(fromDbDate(contract.endDate), now)) {
    // Past 24:00 of the end date before the lifecycle job ran: renewed unless someone objected in time.
    const objected = await db.contractObjection.count({
      where: { contractId: contract.id, againstEndDate: contract.endDate, withdrawnAt: null },
    });
    if (objected > 0) throw new AppError("CONTRACT_NOT_ACTIVE", { status: "EXPIRED" });
  }
  return contract;
}
