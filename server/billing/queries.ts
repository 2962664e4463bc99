// Read side of billing: what a customer sees of its own account, and FINANCE's receivables.
// Balances are computed live for the China date of `now` (late fees to date).
import { splitInclusive } from "./tax";
import { taxRateResolver } from "./tax-rates";
import { daysBetween, formatChinaDate, fromDbDate, toChinaDate } from "../clock";
import type { DbTx } from "../db";
import { depositBalance } from "../contracts/deposit";
import { AppError } from "../errors";
import type { ContractStatus } from "../generated/prisma/enums";
import type { Translate } from "../i18n";
import { type TabularCell, writeTabular } from "../reports/tabular";
import { accountCreditFen, statementBalance } from "./ledger";

type StatementRow = Awaited<ReturnType<typeof loadStatements>>[number];

function loadStatements(
  db: DbTx,
  where: { enterpriseId?: string; contractId?: string; settledAt?: null; id?: string },
) {
  return db.statement.findMany({
    where,
    orderBy: [{ period: "desc" }, { number: "desc" }],
    include: { allocations: true, invoice: true },
  });
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
    invoice: s.invoice && {
      id: s.invoice.id,
      number: s.invoice.number,
      amountFen: s.invoice.amountFen,
      issuedOn: formatChinaDate(fromDbDate(s.invoice.issuedOn)),
    },
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

/** Statements, newest first, each with the VAT included in its (tax-inclusive) total at the rate of its issue day. */
export async function listStatements(db: DbTx, scope: { enterpriseId?: string; contractId?: string }, now: Date) {
  const rateOn = await taxRateResolver(db);
  return (await loadStatements(db, scope)).map((s) => {
    const taxRateBp = rateOn(toChinaDate(s.issuedAt));
    return { ...summarise(s, now), taxRateBp, taxFen: splitInclusive(s.totalFen, taxRateBp).taxFen };
  });
}

/** One statement with its lines and the money applied to it; customers pass their enterprise. */
export async function statementDetail(db: DbTx, id: string, enterpriseId: string | null, now: Date) {
  const s = await db.statement.findFirst({
    where: { id, ...(enterpriseId ? { enterpriseId } : {}) },
    include: {
      allocations: { include: { payment: true, creditNote: true }, orderBy: { createdAt: "asc" } },
      invoice: true,
      lines: { orderBy: { seq: "asc" } },
      creditNotes: true,
    },
  });
  if (!s) throw new AppError("NOT_FOUND");
  return {
    ...summarise(s, now),
    activeFrom: formatChinaDate(fromDbDate(s.activeFrom)),
    activeTo: formatChinaDate(fromDbDate(s.activeTo)),
    packageCode: s.packageCode,
    overagePriceLi: s.overagePriceLi,
    lines: s.lines.map((l) => ({
      seq: l.seq,
      kind: l.kind,
      description: l.description,
      quantity: l.quantity,
      unitPrice: l.unitPrice,
      amountFen: l.amountFen,
    })),
    allocations: s.allocations.map((a) => ({
      appliedOn: formatChinaDate(fromDbDate(a.appliedOn)),
      lateFeeFen: a.lateFeeFen,
      principalFen: a.principalFen,
      source: a.payment
        ? { kind: "PAYMENT" as const, method: a.payment.method, reference: a.payment.reference }
        : { kind: "CREDIT_NOTE" as const, number: a.creditNote?.number ?? "" },
    })),
    creditNotes: s.creditNotes.map((c) => ({
      number: c.number,
      amountFen: c.amountFen,
      reason: c.reason,
      issuedOn: formatChinaDate(fromDbDate(c.issuedOn)),
    })),
  };
}

export async function listPayments(db: DbTx, scope: { enterpriseId?: string; contractId?: string }) {
  const payments = await db.payment.findMany({
    where: scope,
    orderBy: [{ receivedOn: "desc" }, { createdAt: "desc" }],
    include: { allocations: true },
  });
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
  const invoices = await db.invoice.findMany({
    where: enterpriseId ? { enterpriseId } : {},
    orderBy: { issuedAt: "desc" },
    include: { statement: { select: { number: true, period: true } } },
  });
  return invoices.map((i) => ({
    id: i.id,
    number: i.number,
    amountFen: i.amountFen,
    issuedOn: formatChinaDate(fromDbDate(i.issuedOn)),
    statementNumber: i.statement.number,
    period: i.statement.period,
  }));
}

/** Credit notes, newest first: the customer's own (by their statements' enterprise), or all for the bureau. */
export async function listCreditNotes(db: DbTx, enterpriseId: string | null) {
  const notes = await db.creditNote.findMany({
    where: enterpriseId ? { statement: { enterpriseId } } : {},
    orderBy: [{ issuedOn: "desc" }, { createdAt: "desc" }],
    include: { statement: { select: { number: true, period: true } } },
  });
  return notes.map((c) => ({
    id: c.id,
    number: c.number,
    amountFen: c.amountFen,
    reason: c.reason,
    issuedOn: formatChinaDate(fromDbDate(c.issuedOn)),
    statementNumber: c.statement.number,
    period: c.statement.period,
  }));
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
  const open = await db.statement.findMany({
    where: { settledAt: null },
    orderBy: [{ dueDate: "asc" }, { number: "asc" }],
    include: { allocations: true, invoice: true, contract: { include: { enterprise: { select: { name: true } } } } },
  });
  const rows = open.map((s) => ({
    ...summarise(s, now),
    contractNumber: s.contract.number,
    enterpriseName: s.contract.enterprise.name,
    contractStatus: s.contract.status,
    bucket: agingBucket(summarise(s, now).daysOverdue),
  }));
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

// ---- FINANCE's back office: receivables by enterprise, the overdue list, one contract's account ----

export const AGING_SORTS = ["enterprise", "owed", "overdue"] as const;
export const OVERDUE_SORTS = ["daysOverdue", "owed", "lateFee", "dueDate"] as const;

interface ListInput<S extends string> {
  page: number;
  pageSize: number;
  sort: S;
  dir: "asc" | "desc";
  search?: string;
}

function pageOf<R>(rows: R[], input: { page: number; pageSize: number }) {
  return { total: rows.length, rows: rows.slice((input.page - 1) * input.pageSize, input.page * input.pageSize) };
}

function matches(search: string | undefined, ...texts: string[]): boolean {
  if (!search) return true;
  const needle = search.toLowerCase();
  return texts.some((text) => text.toLowerCase().includes(needle));
}

function ordered<R>(rows: R[], key: (row: R) => string | number, dir: "asc" | "desc"): R[] {
  const sign = dir === "asc" ? 1 : -1;
  return [...rows].sort((a, b) => {
    const x = key(a);
    const y = key(b);
    return (x < y ? -1 : x > y ? 1 : 0) * sign;
  });
}

type AgingBucket = ReturnType<typeof agingBucket>;
const emptyBuckets = (): Record<AgingBucket, number> => ({ CURRENT: 0, D1_30: 0, D31_60: 0, D61_90: 0, D90_PLUS: 0 });

/** What each contract owes today, split by aging bucket (one row per contract with anything open). */
export async function agingByContract(db: DbTx, now: Date) {
  const { rows, totals } = await receivables(db, now);
  const byContract = new Map<
    string,
    {
      contractId: string;
      contractNumber: string;
      enterpriseId: string;
      enterpriseName: string;
      contractStatus: ContractStatus;
      buckets: Record<AgingBucket, number>;
      owedFen: number;
      lateFeeToDateFen: number;
      openStatements: number;
      maxDaysOverdue: number;
    }
  >();
  for (const row of rows) {
    const entry = byContract.get(row.contractId) ?? {
      contractId: row.contractId,
      contractNumber: row.contractNumber,
      enterpriseId: row.enterpriseId,
      enterpriseName: row.enterpriseName,
      contractStatus: row.contractStatus,
      buckets: emptyBuckets(),
      owedFen: 0,
      lateFeeToDateFen: 0,
      openStatements: 0,
      maxDaysOverdue: 0,
    };
    entry.buckets[row.bucket] += row.owedFen;
    entry.owedFen += row.owedFen;
    entry.lateFeeToDateFen += row.lateFeeToDateFen;
    entry.openStatements += 1;
    entry.maxDaysOverdue = Math.max(entry.maxDaysOverdue, row.daysOverdue);
    byContract.set(row.contractId, entry);
  }
  return { rows: [...byContract.values()], totals, owedFen: rows.reduce((sum, r) => sum + r.owedFen, 0) };
}

/** The aging table: searched by enterprise or contract number, sorted and paged. */
export async function agingReport(db: DbTx, input: ListInput<(typeof AGING_SORTS)[number]>, now: Date) {
  const aging = await agingByContract(db, now);
  const found = aging.rows.filter((r) => matches(input.search, r.enterpriseName, r.contractNumber));
  const key = {
    enterprise: (r: (typeof found)[number]) => r.enterpriseName,
    owed: (r: (typeof found)[number]) => r.owedFen,
    overdue: (r: (typeof found)[number]) => r.maxDaysOverdue,
  }[input.sort];
  return { ...pageOf(ordered(found, key, input.dir), input), totals: aging.totals, owedFen: aging.owedFen };
}

/** Statements past day Y and not settled, with the late fee accrued to today. */
export async function overdueReport(db: DbTx, input: ListInput<(typeof OVERDUE_SORTS)[number]>, now: Date) {
  const { rows } = await receivables(db, now);
  const overdue = rows.filter(
    (r) => r.daysOverdue > 0 && matches(input.search, r.enterpriseName, r.contractNumber, r.number),
  );
  type Row = (typeof overdue)[number];
  const key = {
    daysOverdue: (r: Row) => r.daysOverdue,
    owed: (r: Row) => r.owedFen,
    lateFee: (r: Row) => r.lateFeeToDateFen,
    dueDate: (r: Row) => r.dueDate,
  }[input.sort];
  return {
    ...pageOf(ordered(overdue, key, input.dir), input),
    owedFen: overdue.reduce((sum, r) => sum + r.owedFen, 0),
    lateFeeToDateFen: overdue.reduce((sum, r) => sum + r.lateFeeToDateFen, 0),
  };
}

export const CONTRACT_STATEMENT_SORTS = ["period", "owed", "daysOverdue"] as const;

/** A contract's statements for FINANCE: open, settled or all, sorted and paged. */
export async function contractStatements(
  db: DbTx,
  contractId: string,
  input: ListInput<(typeof CONTRACT_STATEMENT_SORTS)[number]> & { status: "ALL" | "OPEN" | "SETTLED" },
  now: Date,
) {
  const where = { contractId, ...(input.status === "OPEN" ? { settledAt: null } : {}) };
  const all = (await loadStatements(db, where))
    .filter((s) => input.status !== "SETTLED" || s.settledAt !== null)
    .map((s) => summarise(s, now));
  const found = all.filter((s) => matches(input.search, s.number, s.period));
  type Row = (typeof found)[number];
  const key = { period: (s: Row) => s.period, owed: (s: Row) => s.owedFen, daysOverdue: (s: Row) => s.daysOverdue }[
    input.sort
  ];
  return pageOf(ordered(found, key, input.dir), input);
}

/** One contract's account for FINANCE: what is owed and credited, invoices, credit notes, adjustments, deposit. */
export async function contractAccount(db: DbTx, contractId: string, now: Date) {
  const contract = await db.contract.findUnique({
    where: { id: contractId },
    include: { enterprise: { select: { id: true, name: true } } },
  });
  if (!contract) throw new AppError("NOT_FOUND");
  const [open, creditFen, invoices, creditNotes, adjustments, deposit, held] = await Promise.all([
    loadStatements(db, { contractId, settledAt: null }),
    accountCreditFen(db, contractId),
    db.invoice.findMany({
      where: { contractId },
      orderBy: { issuedAt: "desc" },
      include: { statement: { select: { number: true, period: true } } },
    }),
    db.creditNote.findMany({
      where: { contractId },
      orderBy: [{ issuedOn: "desc" }, { createdAt: "desc" }],
      include: { statement: { select: { number: true } } },
    }),
    db.billingAdjustment.findMany({ where: { contractId }, orderBy: { createdAt: "desc" } }),
    db.depositEntry.findMany({ where: { contractId }, orderBy: [{ occurredOn: "asc" }, { createdAt: "asc" }] }),
    depositBalance(db, contractId),
  ]);
  const billedOn = new Map(
    (
      await db.statement.findMany({
        where: { id: { in: adjustments.flatMap((a) => (a.statementId ? [a.statementId] : [])) } },
        select: { id: true, number: true },
      })
    ).map((s) => [s.id, s.number]),
  );
  const openSummaries = open.map((s) => summarise(s, now));
  return {
    contract: {
      id: contract.id,
      number: contract.number,
      status: contract.status,
      enterpriseId: contract.enterprise.id,
      enterpriseName: contract.enterprise.name,
      depositFen: contract.depositFen,
    },
    owedFen: openSummaries.reduce((sum, s) => sum + s.owedFen, 0),
    lateFeeToDateFen: openSummaries.reduce((sum, s) => sum + s.lateFeeToDateFen, 0),
    creditFen,
    invoices: invoices.map((i) => ({
      id: i.id,
      number: i.number,
      amountFen: i.amountFen,
      issuedOn: formatChinaDate(fromDbDate(i.issuedOn)),
      statementNumber: i.statement.number,
      period: i.statement.period,
    })),
    creditNotes: creditNotes.map((c) => ({
      id: c.id,
      number: c.number,
      amountFen: c.amountFen,
      reason: c.reason,
      issuedOn: formatChinaDate(fromDbDate(c.issuedOn)),
      statementNumber: c.statement.number,
    })),
    adjustments: adjustments.map((a) => ({
      id: a.id,
      amountFen: a.amountFen,
      reason: a.reason,
      createdOn: formatChinaDate(toChinaDate(a.createdAt)),
      statementNumber: a.statementId ? (billedOn.get(a.statementId) ?? null) : null,
    })),
    deposit: {
      ...held,
      entries: deposit.map((e) => ({
        id: e.id,
        kind: e.kind,
        amountFen: e.amountFen,
        method: e.method,
        reference: e.reference,
        reason: e.reason,
        occurredOn: formatChinaDate(fromDbDate(e.occurredOn)),
        /** What reverseDepositEntry accepts: not an offset, not a reversal, not reversed yet. */
        reversible: e.kind !== "OFFSET" && e.reversesId === null && !deposit.some((r) => r.reversesId === e.id),
        isReversal: e.reversesId !== null,
      })),
    },
  };
}

/** FINANCE's receivables (aging by contract, today) as a spreadsheet, amounts in 元 as numbers, with a totals row. */
export async function receivablesSpreadsheet(db: DbTx, t: Translate, now: Date) {
  const aging = await agingByContract(db, now);
  const rows = ordered(aging.rows, (r) => r.enterpriseName, "asc");
  const yuan = (fen: number) => fen / 100;
  const buckets = ["CURRENT", "D1_30", "D31_60", "D61_90", "D90_PLUS"] as const;
  const table: TabularCell[][] = rows.map((r) => [
    r.enterpriseName,
    r.contractNumber,
    t(`contractStatus.${r.contractStatus}`),
    ...buckets.map((b) => yuan(r.buckets[b])),
    yuan(r.owedFen),
    yuan(r.lateFeeToDateFen),
    r.openStatements,
    r.maxDaysOverdue,
  ]);
  table.push([
    t("billingFinance.export.total"),
    "",
    "",
    ...buckets.map((b) => yuan(aging.totals[b])),
    yuan(aging.owedFen),
    yuan(rows.reduce((sum, r) => sum + r.lateFeeToDateFen, 0)),
    rows.reduce((sum, r) => sum + r.openStatements, 0),
    "",
  ]);
  const file = await writeTabular("xlsx", {
    sheetName: t("billingFinance.export.sheet"),
    columns: [
      { header: t("billingFinance.columns.enterprise"), width: 28 },
      { header: t("billingFinance.columns.contract"), width: 18, text: true },
      { header: t("billingFinance.columns.contractStatus"), width: 10 },
      ...buckets.map((b) => ({ header: `${t(`billing.aging.${b}`)}（${t("billingFinance.yuan")}）`, width: 16 })),
      { header: t("billingFinance.columns.owed"), width: 14 },
      { header: t("billingFinance.columns.lateFee"), width: 14 },
      { header: t("billingFinance.columns.openStatements"), width: 10 },
      { header: t("billingFinance.columns.maxDaysOverdue"), width: 12 },
    ],
    rows: table,
  });
  const today = formatChinaDate(toChinaDate(now));
  return { ...file, fileName: `receivables-${today}.xlsx`, count: rows.length };
}
