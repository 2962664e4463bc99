// 押金 (二 5): received at the start; what happens to it at the end (refunded, kept, or applied to
// what is still owed) is billing's: server/billing/deposits.ts.
import { type Actor, recordAudit } from "../audit/service";
import { parseChinaDate, toDbDate } from "../clock";
import type { DbTx } from "../db";
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
  return { receivedFen: received, refundedFen: refunded, keptFen: kept, offsetFen: offset, heldFen: received - refunded - kept - offset };
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
