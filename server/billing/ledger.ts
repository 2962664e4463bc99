// What a contract owes and how money is applied to it (二 3, 二 4). Statements are never changed;
// payments and credit notes become Allocation rows: oldest statement first, on each statement its
// late fees first (accrued, then carried), then principal. Money not needed stays as account credit
// and is applied to the next statement when it is issued. A statement that nothing is owed on any
// more is settled, and gets its invoice if money was paid on it.
import { type ChinaDate, compareChinaDates, fromDbDate, toChinaDate, toDbDate } from "../clock";
import type { DbTx } from "../db";
import type { Allocation, Statement } from "../generated/prisma/client";
import { nextCounterValue } from "../sequences/counter";
import { invoiceNumber, lateFeeAccrued } from "./rules";
import { invoiceSnapshot } from "./snapshot";
import { taxRateOn } from "./tax-rates";

export type StatementWithAllocations = Statement & { allocations: Allocation[] };

export interface StatementBalance {
  /** Late fee accrued on this statement up to the date, rounded once. */
  lateFeeAccruedFen: number;
  /** Accrued late fee not yet paid nor carried onto a later statement. */
  lateFeeOwedFen: number;
  /** Of the statement's total (principal + carried late fees), what is unpaid. */
  amountOwedFen: number;
  owedFen: number;
  paidFen: number;
}

/** What a statement's balance is worked out from. */
export type BalanceInputs = Pick<
  Statement,
  "principalFen" | "carriedLateFeeFen" | "totalFen" | "dueDate" | "lateFeeRatePpm" | "lateFeeCarriedOutFen"
> & { allocations: Pick<Allocation, "appliedOn" | "lateFeeFen" | "principalFen">[] };

/** A statement's balance as of a China date, from its own rows only (pure). */
export function statementBalance(statement: BalanceInputs, asOf: ChinaDate): StatementBalance {
  const applied = statement.allocations.map((a) => ({
    appliedOn: fromDbDate(a.appliedOn),
    principalFen: a.principalFen,
  }));
  const accrued = lateFeeAccrued(
    {
      principalFen: statement.principalFen,
      carriedLateFeeFen: statement.carriedLateFeeFen,
      dueDate: fromDbDate(statement.dueDate),
      lateFeeRatePpm: statement.lateFeeRatePpm,
    },
    applied,
    asOf,
  );
  const paidLateFee = statement.allocations.reduce((sum, a) => sum + a.lateFeeFen, 0);
  const paidPrincipal = statement.allocations.reduce((sum, a) => sum + a.principalFen, 0);
  const lateFeeOwedFen = Math.max(0, accrued - statement.lateFeeCarriedOutFen - paidLateFee);
  const amountOwedFen = statement.totalFen - paidPrincipal;
  return {
    lateFeeAccruedFen: accrued,
    lateFeeOwedFen,
    amountOwedFen,
    owedFen: lateFeeOwedFen + amountOwedFen,
    paidFen: paidLateFee + paidPrincipal,
  };
}

/** Serialises everything that moves money on one contract. */
export async function lockContract(db: DbTx, contractId: string): Promise<void> {
  await db.$queryRaw`SELECT 1 FROM "Contract" WHERE "id" = ${contractId} FOR UPDATE`;
}

export async function openStatements(db: DbTx, contractId: string): Promise<StatementWithAllocations[]> {
  return db.statement.findMany({
    where: { contractId, settledAt: null },
    orderBy: [{ period: "asc" }],
    include: { allocations: true },
  });
}

/** Everything owed on a contract as of a China date: unpaid amounts plus late fees to date. */
export async function contractOwed(db: DbTx, contractId: string, asOf: ChinaDate): Promise<number> {
  const statements = await openStatements(db, contractId);
  return statements.reduce((sum, s) => sum + statementBalance(s, asOf).owedFen, 0);
}

interface Source {
  kind: "payment" | "creditNote";
  id: string;
  date: ChinaDate;
  remaining: number;
  /** A credit note goes to the statement it corrects first. */
  statementId: string | null;
}

/** Account credit: money received or credited and not yet applied to any statement. */
async function creditSources(db: DbTx, contractId: string): Promise<Source[]> {
  const [payments, creditNotes] = await Promise.all([
    db.payment.findMany({
      where: { contractId },
      include: { allocations: true },
      orderBy: [{ receivedOn: "asc" }, { createdAt: "asc" }],
    }),
    db.creditNote.findMany({
      where: { contractId },
      include: { allocations: true },
      orderBy: [{ issuedOn: "asc" }, { createdAt: "asc" }],
    }),
  ]);
  const used = (allocations: Allocation[]) => allocations.reduce((sum, a) => sum + a.lateFeeFen + a.principalFen, 0);
  const sources: Source[] = [
    ...creditNotes.map((c) => ({
      kind: "creditNote" as const,
      id: c.id,
      date: fromDbDate(c.issuedOn),
      remaining: c.amountFen - used(c.allocations),
      statementId: c.statementId,
    })),
    ...payments.map((p) => ({
      kind: "payment" as const,
      id: p.id,
      date: fromDbDate(p.receivedOn),
      remaining: p.amountFen - used(p.allocations),
      statementId: null,
    })),
  ];
  return sources.filter((s) => s.remaining > 0).sort((a, b) => compareChinaDates(a.date, b.date));
}

export async function accountCreditFen(db: DbTx, contractId: string): Promise<number> {
  return (await creditSources(db, contractId)).reduce((sum, s) => sum + s.remaining, 0);
}

/**
 * Applies the contract's account credit to its open statements and settles (and invoices) the ones
 * paid off. Call inside the transaction that recorded the money, with the contract locked.
 * Returns the ids of the statements settled.
 */
export async function applyAccountCredit(db: DbTx, contractId: string, now: Date): Promise<string[]> {
  const sources = await creditSources(db, contractId);
  const statements = await openStatements(db, contractId);
  const settled: string[] = [];
  if (sources.length === 0 && statements.every((s) => s.totalFen > 0)) return settled;

  // Credit notes first to the statement they correct, then everything oldest statement first.
  const order = (source: Source) =>
    source.statementId
      ? [
          ...statements.filter((s) => s.id === source.statementId),
          ...statements.filter((s) => s.id !== source.statementId),
        ]
      : statements;
  for (const source of sources) {
    for (const statement of order(source)) {
      if (source.remaining <= 0) break;
      if (settled.includes(statement.id)) continue;
      const issuedOn = toChinaDate(statement.issuedAt);
      const appliedOn = compareChinaDates(source.date, issuedOn) < 0 ? issuedOn : source.date;
      const balance = statementBalance(statement, appliedOn);
      const lateFeeFen = Math.min(source.remaining, balance.lateFeeOwedFen);
      const principalFen = Math.min(source.remaining - lateFeeFen, balance.amountOwedFen);
      if (lateFeeFen + principalFen === 0) continue;
      const allocation = await db.allocation.create({
        data: {
          statementId: statement.id,
          paymentId: source.kind === "payment" ? source.id : null,
          creditNoteId: source.kind === "creditNote" ? source.id : null,
          lateFeeFen,
          principalFen,
          appliedOn: toDbDate(appliedOn),
        },
      });
      statement.allocations.push(allocation);
      source.remaining -= lateFeeFen + principalFen;
      if (statementBalance(statement, appliedOn).owedFen === 0) {
        await settleStatement(db, statement, now);
        settled.push(statement.id);
      }
    }
  }
  for (const statement of statements) {
    if (
      !settled.includes(statement.id) &&
      statement.totalFen === 0 &&
      statementBalance(statement, toChinaDate(now)).owedFen === 0
    ) {
      await settleStatement(db, statement, now);
      settled.push(statement.id);
    }
  }
  return settled;
}

/** Marks a statement settled and issues its invoice (发票) for the money paid on it, numbered gaplessly. */
async function settleStatement(db: DbTx, statement: StatementWithAllocations, now: Date): Promise<void> {
  await db.statement.update({ where: { id: statement.id }, data: { settledAt: now } });
  const paidByMoney = statement.allocations
    .filter((a) => a.paymentId)
    .reduce((sum, a) => sum + a.lateFeeFen + a.principalFen, 0);
  if (paidByMoney <= 0) return;
  const issuedOn = toChinaDate(now);
  const n = await nextCounterValue(db, `invoice:${issuedOn.year}${String(issuedOn.month).padStart(2, "0")}`);
  await db.invoice.create({
    data: {
      number: invoiceNumber(issuedOn, n),
      statementId: statement.id,
      contractId: statement.contractId,
      enterpriseId: statement.enterpriseId,
      amountFen: paidByMoney,
      issuedOn: toDbDate(issuedOn),
      issuedAt: now,
      snapshot: await invoiceSnapshot(db, statement.contractId),
      taxRateBp: await taxRateOn(db, issuedOn),
    },
  });
}
