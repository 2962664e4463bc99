// The statement of one contract for one period (二 3, 二 4, 二 6) as a pure function of its inputs:
// the one place the close's per-contract rules live. The period close (close.ts) gathers the inputs
// of many contracts at once, drafts each statement here in memory, then numbers and writes them in
// bulk; issuing a single contract's statement is the same code with one contract.
import { type ChinaDate, chinaDayEnd, compareChinaDates, daysBetween, fromDbDate, toDbDate } from "../clock";
import type {
  BillingAdjustment,
  BureauConfig,
  Contract,
  Enterprise,
  PackageChangeRequest,
  Statement,
  StatementLineKind,
} from "../generated/prisma/client";
import { formatLiAsYuan } from "../money";
import { type BalanceInputs, statementBalance } from "./ledger";
import { type CataloguePackage, packageHistoryOf, packageTermOn } from "./package-changes";
import { type StatementSnapshot, statementSnapshotOf } from "./snapshot";
import {
  collectionDates,
  formatPeriod,
  type Period,
  periodCharges,
  periodFirstDay,
  periodLastDay,
  prorate,
} from "./rules";

/**
 * The days of the period a contract was in force, or null when none: from its start date to its last
 * day of service (endDate, inclusive: an early end has already moved it back; see contracts/validity).
 */
export function activeDaysIn(
  contract: Pick<Contract, "startDate" | "endDate">,
  period: Period,
): { from: ChinaDate; to: ChinaDate } | null {
  const first = periodFirstDay(period);
  const last = periodLastDay(period);
  const end = fromDbDate(contract.endDate);
  const start = fromDbDate(contract.startDate);
  const from = compareChinaDates(start, first) > 0 ? start : first;
  const to = compareChinaDates(end, last) < 0 ? end : last;
  return compareChinaDates(from, to) <= 0 ? { from, to } : null;
}

/** Everything a contract's statement for a period depends on, read beforehand (one contract or many at once). */
export interface StatementInputs {
  contract: Pick<
    Contract,
    | "id"
    | "number"
    | "enterpriseId"
    | "status"
    | "startDate"
    | "endDate"
    | "packageId"
    | "packagePriceId"
    | "freePackageDailyCap"
    | "lateFeeRatePpm"
    | "paymentWindowStartDay"
    | "paymentWindowEndDay"
    | "graceDays"
    | "suspensionAfterDays"
  >;
  enterprise: Pick<Enterprise, "name" | "uscc" | "address">;
  bureau: Pick<BureauConfig, "name" | "uscc" | "bankName" | "bankAccount">;
  /** The contract's change forms (any that may be in force by the period's end) and the packages they name. */
  changes: readonly PackageChangeRequest[];
  packages: readonly CataloguePackage[];
  /** DailyUsage submitted segments of the enterprise over the contract's active days of the period. */
  usedSegments: number;
  /** FINANCE's charges not yet billed, recorded before the period's end, oldest first. */
  adjustments: readonly Pick<BillingAdjustment, "id" | "amountFen" | "reason">[];
  /** The contract's statements not settled (any period; only earlier ones count), oldest first. */
  openStatements: readonly (BalanceInputs & Pick<Statement, "id" | "number" | "period">)[];
}

export interface StatementLineDraft {
  seq: number;
  kind: StatementLineKind;
  description: string;
  quantity: number;
  unitPrice: number;
  amountFen: number;
}

/** A statement ready to be numbered and written. */
export interface StatementDraft {
  contractId: string;
  enterpriseId: string;
  period: string;
  activeFrom: Date;
  activeTo: Date;
  daysInPeriod: number;
  activeDays: number;
  packageId: string;
  packagePriceId: string;
  packageCode: string;
  baseFeeFen: number;
  includedMessages: number;
  overagePriceLi: number;
  usedSegments: number;
  overageSegments: number;
  principalFen: number;
  carriedLateFeeFen: number;
  totalFen: number;
  windowStart: Date;
  dueDate: Date;
  graceEnd: Date;
  suspendAfter: Date;
  lateFeeRatePpm: number;
  issuedAt: Date;
  /** 0.00 元: settled at issue (nothing is ever owed on it, no invoice). */
  settledAt: Date | null;
  snapshot: StatementSnapshot;
  lines: StatementLineDraft[];
  /** Late fees of earlier statements carried onto this one (their lateFeeCarriedOutFen grows by it). */
  carried: { statementId: string; amountFen: number }[];
  /** The adjustments billed on it. */
  adjustmentIds: string[];
}

/** A contract's statement for a period issued at `now`, or null when it was not in force on any day of it. */
export function draftStatement(inputs: StatementInputs, period: Period, now: Date): StatementDraft | null {
  const { contract } = inputs;
  const days = activeDaysIn(contract, period);
  if (!days) return null;
  const label = formatPeriod(period);
  const last = periodLastDay(period);
  const daysInPeriod = last.day;
  const activeDays = daysBetween(days.from, days.to) + 1;

  // The package and price version in force on the period's first active day (二 6: changes start on a 1st).
  const history = packageHistoryOf(contract, inputs.changes, inputs.packages, days.from);
  const { package: pkg, price, terms: inForce } = packageTermOn(history, days.from);
  const terms = prorate(inForce, activeDays, daysInPeriod);
  const usedSegments = inputs.usedSegments;
  const charges = periodCharges(terms, usedSegments);

  const lines: Omit<StatementLineDraft, "seq">[] = [];
  const prorated = activeDays < daysInPeriod ? `（${activeDays}/${daysInPeriod} 天）` : "";
  if (terms.baseFeeFen > 0)
    lines.push({
      kind: "BASE_FEE",
      description: `基本月租 ${pkg.nameZh}${prorated}`,
      quantity: 1,
      unitPrice: terms.baseFeeFen,
      amountFen: terms.baseFeeFen,
    });
  lines.push({
    kind: "OVERAGE",
    // Worded as 用量 / 赠送 / 超出, not as a subtraction ("超出短信 0 条 − 赠送 1000 条" read as one).
    description: `超出短信：用量 ${usedSegments} 条，赠送 ${terms.includedMessages} 条，超出 ${charges.overageSegments} 条，每条 ${formatLiAsYuan(terms.overagePriceLi)} 元`,
    quantity: charges.overageSegments,
    unitPrice: terms.overagePriceLi,
    amountFen: charges.overageFen,
  });

  // Charges FINANCE recorded for the contract up to the end of the period.
  for (const a of inputs.adjustments)
    lines.push({
      kind: "ADJUSTMENT",
      description: `调整：${a.reason}`,
      quantity: 1,
      unitPrice: a.amountFen,
      amountFen: a.amountFen,
    });
  const principalFen = lines.reduce((sum, l) => sum + l.amountFen, 0);

  // Late fees accrued on earlier unpaid statements to the end of this period move onto this one.
  const carried: { id: string; number: string; amountFen: number }[] = [];
  for (const earlier of inputs.openStatements) {
    if (earlier.period >= label) continue;
    const owed = statementBalance(earlier, last).lateFeeOwedFen;
    if (owed > 0) carried.push({ id: earlier.id, number: earlier.number, amountFen: owed });
  }
  for (const c of carried)
    lines.push({
      kind: "LATE_FEE_CARRIED",
      description: `违约金（账单 ${c.number}，截至 ${label} 月末）`,
      quantity: 1,
      unitPrice: c.amountFen,
      amountFen: c.amountFen,
    });
  const carriedLateFeeFen = carried.reduce((sum, c) => sum + c.amountFen, 0);
  const totalFen = principalFen + carriedLateFeeFen;

  const dates = collectionDates(period, contract);
  return {
    contractId: contract.id,
    enterpriseId: contract.enterpriseId,
    period: label,
    activeFrom: toDbDate(days.from),
    activeTo: toDbDate(days.to),
    daysInPeriod,
    activeDays,
    packageId: pkg.id,
    packagePriceId: price.id,
    packageCode: pkg.code,
    baseFeeFen: terms.baseFeeFen,
    includedMessages: terms.includedMessages,
    overagePriceLi: terms.overagePriceLi,
    usedSegments,
    overageSegments: charges.overageSegments,
    principalFen,
    carriedLateFeeFen,
    totalFen,
    windowStart: toDbDate(dates.windowStart),
    dueDate: toDbDate(dates.dueDate),
    graceEnd: toDbDate(dates.graceEnd),
    suspendAfter: toDbDate(dates.suspendAfter),
    lateFeeRatePpm: contract.lateFeeRatePpm,
    issuedAt: now,
    // Item 7 of issue 13: a statement of 0.00 元 is issued and settled at once (as ledger.applyAccountCredit would).
    settledAt: totalFen === 0 ? now : null,
    snapshot: statementSnapshotOf(inputs.bureau, contract, inputs.enterprise, pkg),
    lines: lines.map((line, i) => ({ ...line, seq: i + 1 })),
    carried: carried.map((c) => ({ statementId: c.id, amountFen: c.amountFen })),
    adjustmentIds: inputs.adjustments.map((a) => a.id),
  };
}

/** The instant before which FINANCE's adjustments belong to the period (24:00 China time of its last day). */
export const adjustmentsCutOff = (period: Period) => chinaDayEnd(periodLastDay(period));
