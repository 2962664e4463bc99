// Read side of billing: what a customer sees of its own account, and FINANCE's receivables.
// Balances are computed live for the China date of `now` (late fees to date).
import { daysBetween, formatChinaDate, fromDbDate, toChinaDate } from "../clock";
import type { DbTx } from "../db";
import { AppError } from "../errors";
import { accountCreditFen, statementBalance } from "./ledger";

type StatementRow = Awaited<ReturnType<typeof loadStatements>>[number];

function loadStatements(db: DbTx, where: { enterpriseId?: string; contractId?: string; settledAt?: null; id?: string }) {
  return db.statement.findMany({ where, orderBy: [{ period: "desc" }, { number: "desc" }], include: { allocations: true, invoice: true } });
}

function summarise(s: StatementRow, now: Date) {
  const today = toChinaDate(now);
  const balance = statementBalance(s, today);
  const daysOverdue = s.settledAt ? 0 : Math.max(0, daysBetween(fromDbDate(s.dueDate), today));
  return {
    id: s.id,
    number: s.number,
    contractId: s.contractId,
    enterpriseId: s.enterpriseId,
    period: s.period,
    totalFen: s.totalFen,
    principalFen: s.principalFen,
    carriedLateFeeFen: s.carriedLateFeeFen,
    usedSegments: s.usedSegments,
    includedMessages: s.includedMessages,
    dueDate: formatChinaDate(fromDbDate(s.dueDate)),
    graceEnd: formatChinaDate(fromDbDate(s.graceEnd)),
    suspendAfter: formatChinaDate(fromDbDate(s.suspendAfter)),
    issuedAt: s.issuedAt,
    settledAt: s.settledAt,
    paidFen: balance.paidFen,
    lateFeeToDateFen: balance.lateFeeOwedFen,
    owedFen: s.settledAt ? 0 : balance.owedFen,
    daysOverdue,
    invoice: s.invoice && { id: s.invoice.id, number: s.invoice.number, amountFen: s.invoice.amountFen, issuedOn: formatChinaDate(fromDbDate(s.invoice.issuedOn)) },
  };
}

export async function customerBillingOverview(db: DbTx, enterpriseId: string, now: Date) {
  const contract = await db.contract.findFirst({ where: { enterpriseId }, orderBy: { createdAt: "desc" } });
  if (!contract) return null;
  const open = (await loadStatements(db, { contractId: contract.id, settledAt: null })).map((s) => summarise(s, now));
  return {
    contractId: contract.id,
    contractNumber: contract.number,
    suspended: contract.status === "SUSPENDED",
    owedFen: open.reduce((sum, s) => sum + s.owedFen, 0),
    lateFeeToDateFen: open.reduce((sum, s) => sum + s.lateFeeToDateFen, 0),
    creditFen: await accountCreditFen(db, contract.id),
    open,
  };
}

export async function listStatements(db: DbTx, scope: { enterpriseId?: string; contractId?: string }, now: Date) {
  return (await loadStatements(db, scope)).map((s) => summarise(s, now));
}

/** One statement with its lines and the money applied to it; customers pass their enterprise. */
export async function statementDetail(db: DbTx, id: string, enterpriseId: string | null, now: Date) {
  const s = await db.statement.findFirst({
    where: { id, ...(enterpriseId ? { enterpriseId } : {}) },
    include: { allocations: { include: { payment: true, creditNote: true }, orderBy: { createdAt: "asc" } }, invoice: true, lines: { orderBy: { seq: "asc" } }, creditNotes: true },
  });
  if (!s) throw new AppError("NOT_FOUND");
  return {
    ...summarise(s, now),
    activeFrom: formatChinaDate(fromDbDate(s.activeFrom)),
    activeTo: formatChinaDate(fromDbDate(s.activeTo)),
    packageCode: s.packageCode,
    overagePriceLi: s.overagePriceLi,
    lines: s.lines.map((l) => ({ seq: l.seq, kind: l.kind, description: l.description, quantity: l.quantity, unitPrice: l.unitPrice, amountFen: l.amountFen })),
    allocations: s.allocations.map((a) => ({
      appliedOn: formatChinaDate(fromDbDate(a.appliedOn)),
      lateFeeFen: a.lateFeeFen,
      principalFen: a.principalFen,
      source: a.payment ? { kind: "PAYMENT" as const, method: a.payment.method, reference: a.payment.reference } : { kind: "CREDIT_NOTE" as const, number: a.creditNote?.number ?? "" },
    })),
    creditNotes: s.creditNotes.map((c) => ({ number: c.number, amountFen: c.amountFen, reason: c.reason, issuedOn: formatChinaDate(fromDbDate(c.issuedOn)) })),
  };
}

export async function listPayments(db: DbTx, scope: { enterpriseId?: string; contractId?: string }) {
  const payments = await db.payment.findMany({ where: scope, orderBy: [{ receivedOn: "desc" }, { createdAt: "desc" }], include: { allocations: true } });
  return payments.map((p) => ({
    id: p.id,
    contractId: p.contractId,
    amountFen: p.amountFen,
    method: p.method,
    reference: p.reference,
    receivedOn: formatChinaDate(fromDbDate(p.receivedOn)),
    appliedFen: p.allocations.reduce((sum, a) => sum + a.lateFeeFen + a.principalFen, 0),
  }));
}

export async function listInvoices(db: DbTx, enterpriseId: string | null) {
  const invoices = await db.invoice.findMany({ where: enterpriseId ? { enterpriseId } : {}, orderBy: { issuedAt: "desc" }, include: { statement: { select: { number: true, period: true } } } });
  return invoices.map((i) => ({ id: i.id, number: i.number, amountFen: i.amountFen, issuedOn: formatChinaDate(fromDbDate(i.issuedOn)), statementNumber: i.statement.number, period: i.statement.period }));
}

/** Aging bucket by days past day Y: current (not yet due or due today), 1–30, 31–60, 61–90, 90+. */
export function agingBucket(daysOverdue: number): "CURRENT" | "D1_30" | "D31_60" | "D61_90" | "D90_PLUS" {
  if (daysOverdue <= 0) return "CURRENT";
  if (daysOverdue <= 30) return "D1_30";
  if (daysOverdue <= 60) return "D31_60";
  if (daysOverdue <= 90) return "D61_90";
  return "D90_PLUS";
}

/** FINANCE: every unsettled statement with what is owed today, by aging bucket. */
export async function receivables(db: DbTx, now: Date) {
  const open = await db.statement.findMany({ where: { settledAt: null }, orderBy: [{ dueDate: "asc" }, { number: "asc" }], include: { allocations: true, invoice: true, contract: { include: { enterprise: { select: { name: true } } } } } });
  const rows = open.map((s) => ({ ...summarise(s, now), contractNumber: s.contract.number, enterpriseName: s.contract.enterprise.name, contractStatus: s.contract.status, bucket: agingBucket(summarise(s, now).daysOverdue) }));
  const totals = { CURRENT: 0, D1_30: 0, D31_60: 0, D61_90: 0, D90_PLUS: 0 };
  for (const row of rows) totals[row.bucket] += row.owedFen;
  return { rows, totals };
}

/** FINANCE's revenue chart: per month, what was billed (statements of that period) and collected (payments received in it). */
export async function revenueByMonth(db: DbTx, months: number, now: Date) {
  const today = toChinaDate(now);
  const periods: string[] = [];
  for (let i = months - 1; i >= 0; i--) {
    const index = today.year * 12 + (today.month - 1) - i;
    periods.push(`${Math.floor(index / 12)}-${String((index % 12) + 1).padStart(2, "0")}`);
  }
  const first = periods[0] ?? "";
  const [billed, collected] = await Promise.all([
    db.statement.groupBy({ by: ["period"], where: { period: { gte: first } }, _sum: { totalFen: true } }),
    db.$queryRaw<{ period: string; fen: bigint }[]>`
      SELECT to_char("receivedOn", 'YYYY-MM') AS period, SUM("amountFen")::bigint AS fen
      FROM "Payment" WHERE to_char("receivedOn", 'YYYY-MM') >= ${first} GROUP BY 1`,
  ]);
  return periods.map((period) => ({
    period,
    billedFen: billed.find((b) => b.period === period)?._sum.totalFen ?? 0,
    collectedFen: Number(collected.find((c) => c.period === period)?.fen ?? 0),
  }));
}
