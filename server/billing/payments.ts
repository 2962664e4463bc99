// Money in (二 4): FINANCE records payments and issues credit notes and adjustments. Each is applied
// in the same transaction, and paying everything owed lifts a suspension at once.
import { type Actor, recordAudit } from "../audit/log";
import { type ChinaDate, compareChinaDates, parseChinaDate, toChinaDate, toDbDate } from "../clock";
import type { Db, DbTx } from "../db";
import { AppError } from "../errors";
import type { PaymentMethod } from "../generated/prisma/client";
import { formatFen } from "../money";
import { nextCounterValue } from "../sequences/counter";
import { applyAccountCredit, contractOwed, lockContract } from "./ledger";
import { creditNoteNumber } from "./rules";
import { creditNoteSnapshot } from "./snapshot";

export interface PaymentInput {
  contractId: string;
  amountFen: number;
  method: PaymentMethod;
  reference: string;
  /** China date the money was received, "2026-12-25"; not in the future. */
  receivedOn: string;
}

/** The China date money moved (payments, deposits): a real date, not after today; PAYMENT_DATE_INVALID otherwise. */
export function moneyDate(text: string, now: Date): ChinaDate {
  const day = parseChinaDate(text);
  if (compareChinaDates(day, toChinaDate(now)) > 0) throw new AppError("PAYMENT_DATE_INVALID", { receivedOn: text });
  return day;
}

/** Reinstates a SUSPENDED contract when nothing is owed any more (inside the money's transaction). */
async function liftSuspensionIfPaid(db: DbTx, actor: Actor, contractId: string, now: Date): Promise<boolean> {
  const contract = await db.contract.findUniqueOrThrow({ where: { id: contractId } });
  if (contract.status !== "SUSPENDED") return false;
  if ((await contractOwed(db, contractId, toChinaDate(now))) > 0) return false;
  await db.contract.update({ where: { id: contractId }, data: { status: "ACTIVE" } });
  await recordAudit(
    db,
    actor,
    {
      action: "billing.suspension.lifted",
      entityType: "Contract",
      entityId: contractId,
      enterpriseId: contract.enterpriseId,
      detail: { from: "SUSPENDED", to: "ACTIVE" },
    },
    now,
  );
  return true;
}

export async function recordPayment(db: Db, actor: Actor, input: PaymentInput, now: Date) {
  const receivedOn = moneyDate(input.receivedOn, now);
  if (!Number.isSafeInteger(input.amountFen) || input.amountFen <= 0)
    throw new AppError("INVALID_REQUEST", { detail: "amountFen" });
  return db.$transaction(async (tx) => {
    const contract = await tx.contract.findUnique({ where: { id: input.contractId } });
    if (!contract) throw new AppError("NOT_FOUND");
    await lockContract(tx, contract.id);
    const payment = await tx.payment.create({
      data: {
        contractId: contract.id,
        enterpriseId: contract.enterpriseId,
        amountFen: input.amountFen,
        method: input.method,
        reference: input.reference,
        receivedOn: toDbDate(receivedOn),
        recordedById: actor.userId,
      },
    });
    const settled = await applyAccountCredit(tx, contract.id, now);
    const reinstated = await liftSuspensionIfPaid(tx, actor, contract.id, now);
    await recordAudit(
      tx,
      actor,
      {
        action: "billing.payment.recorded",
        entityType: "Payment",
        entityId: payment.id,
        enterpriseId: contract.enterpriseId,
        detail: {
          amountFen: input.amountFen,
          method: input.method,
          reference: input.reference,
          receivedOn: input.receivedOn,
          settled,
        },
      },
      now,
    );
    return { paymentId: payment.id, settledStatementIds: settled, reinstated };
  });
}

/** A correction of an issued statement (which itself never changes), credited to the account. */
export async function issueCreditNote(
  db: Db,
  actor: Actor,
  input: { statementId: string; amountFen: number; reason: string },
  now: Date,
) {
  if (!Number.isSafeInteger(input.amountFen) || input.amountFen <= 0)
    throw new AppError("INVALID_REQUEST", { detail: "amountFen" });
  return db.$transaction(async (tx) => {
    const statement = await tx.statement.findUnique({
      where: { id: input.statementId },
      include: { creditNotes: true },
    });
    if (!statement) throw new AppError("NOT_FOUND");
    await lockContract(tx, statement.contractId);
    const credited = statement.creditNotes.reduce((sum, c) => sum + c.amountFen, 0);
    if (credited + input.amountFen > statement.totalFen)
      throw new AppError("CREDIT_NOTE_TOO_LARGE", { max: formatFen(statement.totalFen - credited) });
    const issuedOn = toChinaDate(now);
    const n = await nextCounterValue(tx, `credit-note:${issuedOn.year}`);
    const note = await tx.creditNote.create({
      data: {
        number: creditNoteNumber(issuedOn, n),
        contractId: statement.contractId,
        statementId: statement.id,
        amountFen: input.amountFen,
        reason: input.reason,
        issuedOn: toDbDate(issuedOn),
        issuedById: actor.userId,
        snapshot: await creditNoteSnapshot(tx, statement.contractId),
      },
    });
    const settled = await applyAccountCredit(tx, statement.contractId, now);
    const reinstated = await liftSuspensionIfPaid(tx, actor, statement.contractId, now);
    await recordAudit(
      tx,
      actor,
      {
        action: "billing.credit-note.issued",
        entityType: "CreditNote",
        entityId: note.id,
        enterpriseId: statement.enterpriseId,
        detail: { number: note.number, statement: statement.number, amountFen: input.amountFen, reason: input.reason },
      },
      now,
    );
    return { creditNoteId: note.id, number: note.number, settledStatementIds: settled, reinstated };
  });
}

/** A charge billed on the contract's next statement. */
export async function addAdjustment(
  db: Db,
  actor: Actor,
  input: { contractId: string; amountFen: number; reason: string },
  now: Date,
) {
  if (!Number.isSafeInteger(input.amountFen) || input.amountFen <= 0)
    throw new AppError("INVALID_REQUEST", { detail: "amountFen" });
  const contract = await db.contract.findUnique({ where: { id: input.contractId } });
  if (!contract) throw new AppError("NOT_FOUND");
  const adjustment = await db.billingAdjustment.create({
    data: {
      contractId: contract.id,
      amountFen: input.amountFen,
      reason: input.reason,
      createdById: actor.userId,
      createdAt: now,
    },
  });
  await recordAudit(
    db,
    actor,
    {
      action: "billing.adjustment.added",
      entityType: "Contract",
      entityId: contract.id,
      enterpriseId: contract.enterpriseId,
      detail: { amountFen: input.amountFen, reason: input.reason },
    },
    now,
  );
  return adjustment;
}
