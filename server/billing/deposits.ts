// The deposit at the end of a contract (二 5), weighed against what the contract still owes. FINANCE
// sees what is held and what is owed side by side, and can apply the deposit to the debt: one ledger
// entry on both sides (a DepositEntry OFFSET and a Payment DEPOSIT_OFFSET, linked), applied to the
// open statements like money received. A refund may not leave a debt uncovered (at most held − owed)
// unless FINANCE confirms it with a reason, which the audit log keeps with the amount owed then.
import { type Actor, recordAudit } from "../audit/log";
import { fromDbDate, toChinaDate, toDbDate } from "../clock";
import { depositBalance } from "../contracts/deposit";
import { assertStatus, ENDED } from "../contracts/state";
import type { Db, DbTx } from "../db";
import { AppError } from "../errors";
import { formatFen } from "../money";
import { applyAccountCredit, contractOwed, lockContract } from "./ledger";
import { moneyDate } from "./payments";

export interface DepositSettlement {
  heldFen: number;
  /** Issued and not yet paid, late fees to today included. */
  owedFen: number;
  /** What may be refunded without leaving a debt: held − owed, not below 0. */
  refundableFen: number;
  /** What an offset would apply: the smaller of held and owed. */
  offsetFen: number;
  /** The contract's last month has no statement yet: more may still be billed. */
  finalStatementPending: boolean;
}

/** What is held against what is owed, as FINANCE sees it before deciding. */
export async function depositSettlement(db: DbTx, contractId: string, now: Date): Promise<DepositSettlement> {
  const contract = await db.contract.findUnique({ where: { id: contractId }, select: { endDate: true } });
  if (!contract) throw new AppError("NOT_FOUND");
  const [{ heldFen }, owedFen] = await Promise.all([
    depositBalance(db, contractId),
    contractOwed(db, contractId, toChinaDate(now)),
  ]);
  const end = fromDbDate(contract.endDate);
  const lastPeriod = `${end.year}-${String(end.month).padStart(2, "0")}`;
  const finalStatement = await db.statement.findFirst({
    where: { contractId, period: { gte: lastPeriod } },
    select: { id: true },
  });
  return {
    heldFen,
    owedFen,
    refundableFen: Math.max(0, heldFen - owedFen),
    offsetFen: Math.min(heldFen, owedFen),
    finalStatementPending: finalStatement === null,
  };
}

export interface DepositDecisionInput {
  contractId: string;
  kind: "REFUNDED" | "KEPT";
  amountFen: number;
  method?: "CASH" | "CHEQUE" | "BANK_TRANSFER";
  reference?: string;
  occurredOn: string;
  reason?: string;
  /** A refund beyond held − owed: FINANCE's reason for leaving the debt uncovered. */
  overrideOwedReason?: string;
}

/**
 * At the end, FINANCE refunds what is held (no breach) or keeps it with a reason (after a breach).
 * Only for ended contracts and never more than is held; a refund that would leave money owed needs
 * overrideOwedReason (DEPOSIT_OWED otherwise, with what is owed and what may be refunded).
 */
export async function recordDepositDecision(db: Db, actor: Actor, input: DepositDecisionInput, now: Date) {
  const day = moneyDate(input.occurredOn, now);
  return db.$transaction(async (tx) => {
    const contract = await tx.contract.findUnique({ where: { id: input.contractId } });
    if (!contract) throw new AppError("NOT_FOUND");
    assertStatus(contract, ENDED);
    await lockContract(tx, contract.id);
    const settlement = await depositSettlement(tx, contract.id, now);
    if (input.amountFen <= 0 || input.amountFen > settlement.heldFen)
      throw new AppError("INVALID_REQUEST", {
        detail: `amount must be between 0.01 and ${(settlement.heldFen / 100).toFixed(2)}`,
      });
    if (input.kind === "KEPT" && !input.reason?.trim()) throw new AppError("INVALID_REQUEST", { detail: "reason" });
    if (input.kind === "REFUNDED" && !input.method) throw new AppError("INVALID_REQUEST", { detail: "method" });
    const override = input.overrideOwedReason?.trim() || null;
    const uncovered = input.kind === "REFUNDED" && input.amountFen > settlement.refundableFen;
    if (uncovered && !override)
      throw new AppError("DEPOSIT_OWED", {
        owed: formatFen(settlement.owedFen),
        max: formatFen(settlement.refundableFen),
      });
    const entry = await tx.depositEntry.create({
      data: {
        contractId: contract.id,
        kind: input.kind,
        amountFen: input.amountFen,
        method: input.method ?? null,
        reference: input.reference || null,
        occurredOn: toDbDate(day),
        reason: (input.kind === "KEPT" ? input.reason?.trim() : uncovered ? override : input.reason?.trim()) || null,
        recordedById: actor.userId,
        createdAt: now,
      },
    });
    await recordAudit(
      tx,
      actor,
      {
        action: input.kind === "REFUNDED" ? "contract.deposit.refunded" : "contract.deposit.kept",
        entityType: "Contract",
        entityId: contract.id,
        enterpriseId: contract.enterpriseId,
        detail: {
          amountFen: input.amountFen,
          reason: input.reason ?? null,
          owedFen: settlement.owedFen,
          ...(uncovered ? { overrideOwedReason: override } : {}),
        },
      },
      now,
    );
    return entry;
  });
}

/**
 * Applies the deposit to what the contract owes: the smaller of held and owed, or `amountFen` when
 * given (never more than either). Both sides are written together and the payment is allocated to
 * the open statements at once, which settles them as money received would.
 */
export async function offsetDeposit(
  db: Db,
  actor: Actor,
  input: { contractId: string; amountFen?: number; occurredOn: string },
  now: Date,
) {
  const day = moneyDate(input.occurredOn, now);
  return db.$transaction(async (tx) => {
    const contract = await tx.contract.findUnique({ where: { id: input.contractId } });
    if (!contract) throw new AppError("NOT_FOUND");
    assertStatus(contract, ENDED);
    await lockContract(tx, contract.id);
    const settlement = await depositSettlement(tx, contract.id, now);
    if (settlement.offsetFen === 0)
      throw new AppError("DEPOSIT_NOTHING_TO_OFFSET", {
        held: formatFen(settlement.heldFen),
        owed: formatFen(settlement.owedFen),
      });
    const amountFen = input.amountFen ?? settlement.offsetFen;
    if (!Number.isSafeInteger(amountFen) || amountFen <= 0 || amountFen > settlement.offsetFen)
      throw new AppError("INVALID_REQUEST", {
        detail: `amount must be between 0.01 and ${(settlement.offsetFen / 100).toFixed(2)}`,
      });
    const payment = await tx.payment.create({
      data: {
        contractId: contract.id,
        enterpriseId: contract.enterpriseId,
        amountFen,
        method: "DEPOSIT_OFFSET",
        reference: `押金抵扣 ${contract.number}`,
        receivedOn: toDbDate(day),
        recordedById: actor.userId,
      },
    });
    const entry = await tx.depositEntry.create({
      data: {
        contractId: contract.id,
        kind: "OFFSET",
        amountFen,
        occurredOn: toDbDate(day),
        paymentId: payment.id,
        recordedById: actor.userId,
        createdAt: now,
      },
    });
    const settled = await applyAccountCredit(tx, contract.id, now);
    await recordAudit(
      tx,
      actor,
      {
        action: "contract.deposit.offset",
        entityType: "Contract",
        entityId: contract.id,
        enterpriseId: contract.enterpriseId,
        detail: { amountFen, owedFen: settlement.owedFen, paymentId: payment.id, settled },
      },
      now,
    );
    return { depositEntryId: entry.id, paymentId: payment.id, amountFen, settledStatementIds: settled };
  });
}
