// 押金 (二 5): received at the start, refunded or kept with a reason when the contract ends.
import { type Actor, recordAudit } from "../audit/service";
import { parseChinaDate, toDbDate } from "../clock";
import type { DbTx } from "../db";
import { AppError } from "../errors";
import type { DepositInput } from "./inputs";
import { activateIfReady } from "./review";
import { assertStatus, ENDED, loadContract } from "./state";

export async function depositBalance(db: DbTx, contractId: string) {
  const entries = await db.depositEntry.findMany({ where: { contractId } });
  const sum = (kind: string) => entries.filter((e) => e.kind === kind).reduce((s, e) => s + e.amountFen, 0);
  const received = sum("RECEIVED");
  const refunded = sum("REFUNDED");
  const kept = sum("KEPT");
  return { receivedFen: received, refundedFen: refunded, keptFen: kept, heldFen: received - refunded - kept };
}

/** FINANCE records the deposit; an approved contract whose start has come becomes ACTIVE. */
export async function recordDepositReceived(db: DbTx, actor: Actor, input: DepositInput, now: Date) {
  const contract = await loadContract(db, input.contractId);
  assertStatus(contract, ["PENDING_REVIEW", "APPROVED", "REJECTED", "ACTIVE", "SUSPENDED"]);
  const entry = await db.depositEntry.create({
    data: {
      contractId: contract.id,
      kind: "RECEIVED",
      amountFen: input.amountFen,
      method: input.method,
      reference: input.reference || null,
      occurredOn: toDbDate(parseChinaDate(input.occurredOn)),
      recordedById: actor.userId,
      createdAt: now,
    },
  });
  await recordAudit(db, actor, { action: "contract.deposit.received", entityType: "Contract", entityId: contract.id, enterpriseId: contract.enterpriseId, detail: { amountFen: input.amountFen, method: input.method, reference: input.reference ?? null, occurredOn: input.occurredOn } }, now);
  await activateIfReady(db, actor, contract.id, now);
  return entry;
}

/**
 * At the end, FINANCE refunds what is held (no breach) or keeps it with a reason (after a breach).
 * Only for ended contracts, and never more than is held.
 */
export async function recordDepositDecision(
  db: DbTx,
  actor: Actor,
  input: { contractId: string; kind: "REFUNDED" | "KEPT"; amountFen: number; method?: "CASH" | "CHEQUE" | "BANK_TRANSFER"; reference?: string; occurredOn: string; reason?: string },
  now: Date,
) {
  const contract = await loadContract(db, input.contractId);
  assertStatus(contract, ENDED);
  const { heldFen } = await depositBalance(db, contract.id);
  if (input.amountFen <= 0 || input.amountFen > heldFen) throw new AppError("INVALID_REQUEST", { detail: `amount must be between 0.01 and ${(heldFen / 100).toFixed(2)}` });
  if (input.kind === "KEPT" && !input.reason?.trim()) throw new AppError("INVALID_REQUEST", { detail: "reason" });
  if (input.kind === "REFUNDED" && !input.method) throw new AppError("INVALID_REQUEST", { detail: "method" });
  const entry = await db.depositEntry.create({
    data: {
      contractId: contract.id,
      kind: input.kind,
      amountFen: input.amountFen,
      method: input.method ?? null,
      reference: input.reference || null,
      occurredOn: toDbDate(parseChinaDate(input.occurredOn)),
      reason: input.reason?.trim() || null,
      recordedById: actor.userId,
      createdAt: now,
    },
  });
  await recordAudit(db, actor, { action: input.kind === "REFUNDED" ? "contract.deposit.refunded" : "contract.deposit.kept", entityType: "Contract", entityId: contract.id, enterpriseId: contract.enterpriseId, detail: { amountFen: input.amountFen, reason: input.reason ?? null } }, now);
  return entry;
}
