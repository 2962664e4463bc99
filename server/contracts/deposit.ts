// 押金 (二 5): received at the start; what happens to it at the end (refunded, kept, or applied to
// what is still owed) is billing's: server/billing/deposits.ts.
import { type Actor, recordAudit } from "../audit/log";
import { toChinaDate, toDbDate } from "../clock";
import type { DbTx } from "../db";
import { moneyDate } from "../billing/payments";
import { AppError } from "../errors";
import { formatFen } from "../money";
import type { DepositInput } from "./inputs";
import { activateIfReady } from "./review";
import { assertStatus, loadContract } from "./state";

export async function depositBalance(db: DbTx, contractId: string) {
  const entries = await db.depositEntry.findMany({ where: { contractId } });
  const sum = (kind: string) => entries.filter((e) => e.kind === kind).reduce((s, e) => s + e.amountFen, 0);
  const received = sum("RECEIVED");
  const refunded = sum("REFUNDED");
  const kept = sum("KEPT");
  const offset = sum("OFFSET");
  return {
    receivedFen: received,
    refundedFen: refunded,
    keptFen: kept,
    offsetFen: offset,
    heldFen: received - refunded - kept - offset,
  };
}

/**
 * FINANCE records the deposit; an approved contract whose start has come becomes ACTIVE. The date
 * may not be in the future, a transfer or cheque needs its reference, and collecting more than the
 * contract's deposit needs overCollectReason (DEPOSIT_MORE_THAN_REQUIRED otherwise).
 */
export async function recordDepositReceived(db: DbTx, actor: Actor, input: DepositInput, now: Date) {
  const contract = await loadContract(db, input.contractId);
  assertStatus(contract, ["PENDING_REVIEW", "APPROVED", "REJECTED", "ACTIVE", "SUSPENDED"]);
  const occurredOn = moneyDate(input.occurredOn, now);
  const reference = input.reference?.trim() || null;
  if (!reference && (input.method === "BANK_TRANSFER" || input.method === "CHEQUE"))
    throw new AppError("DEPOSIT_REFERENCE_REQUIRED");
  const { receivedFen } = await depositBalance(db, contract.id);
  const overCollectReason = input.overCollectReason?.trim() || null;
  if (receivedFen + input.amountFen > contract.depositFen && !overCollectReason) {
    throw new AppError("DEPOSIT_MORE_THAN_REQUIRED", {
      required: formatFen(contract.depositFen),
      received: formatFen(receivedFen),
      max: formatFen(Math.max(0, contract.depositFen - receivedFen)),
    });
  }
  const entry = await db.depositEntry.create({
    data: {
      contractId: contract.id,
      kind: "RECEIVED",
      amountFen: input.amountFen,
      method: input.method,
      reference,
      occurredOn: toDbDate(occurredOn),
      reason: overCollectReason,
      recordedById: actor.userId,
      createdAt: now,
    },
  });
  await recordAudit(
    db,
    actor,
    {
      action: "contract.deposit.received",
      entityType: "Contract",
      entityId: contract.id,
      enterpriseId: contract.enterpriseId,
      detail: {
        amountFen: input.amountFen,
        method: input.method,
        reference,
        occurredOn: input.occurredOn,
        ...(overCollectReason
          ? { overCollectReason, requiredFen: contract.depositFen, receivedBeforeFen: receivedFen }
          : {}),
      },
    },
    now,
  );
  await activateIfReady(db, actor, contract.id, now);
  return entry;
}

/**
 * FINANCE corrects a wrong entry by a reversing one: the same kind, the opposite amount, dated today,
 * with a reason; the wrong entry stays as it was. An offset is reversed on the billing side, not here,
 * and reversing a receipt may not leave less held than nothing.
 */
export async function reverseDepositEntry(
  db: DbTx,
  actor: Actor,
  input: { entryId: string; reason: string },
  now: Date,
) {
  const entry = await db.depositEntry.findUnique({
    where: { id: input.entryId },
    include: { reversedBy: { select: { id: true } }, contract: { select: { enterpriseId: true } } },
  });
  if (!entry) throw new AppError("NOT_FOUND");
  if (entry.kind === "OFFSET" || entry.reversesId !== null || entry.reversedBy !== null)
    throw new AppError("DEPOSIT_ENTRY_NOT_REVERSIBLE");
  const { heldFen } = await depositBalance(db, entry.contractId);
  if (entry.kind === "RECEIVED" && heldFen < entry.amountFen) throw new AppError("DEPOSIT_ENTRY_NOT_REVERSIBLE");
  const reversal = await db.depositEntry.create({
    data: {
      contractId: entry.contractId,
      kind: entry.kind,
      amountFen: -entry.amountFen,
      method: entry.method,
      reference: entry.reference,
      occurredOn: toDbDate(toChinaDate(now)),
      reason: input.reason.trim(),
      reversesId: entry.id,
      recordedById: actor.userId,
      createdAt: now,
    },
  });
  await recordAudit(
    db,
    actor,
    {
      action: "contract.deposit.reversed",
      entityType: "Contract",
      entityId: entry.contractId,
      enterpriseId: entry.contract.enterpriseId,
      detail: { entryId: entry.id, kind: entry.kind, amountFen: entry.amountFen, reason: input.reason.trim() },
    },
    now,
  );
  return reversal;
}
