// The arithmetic of 二 3, 二 4 and 二 6 as pure functions of their inputs: periods, charges,
// proration, due dates, late fees and the month a package change takes effect. No database here.
import { addDays, type ChinaDate, compareChinaDates, daysBetween, daysInMonth } from "../clock";
import { divideHalfUp, liTimesCountToFen } from "../money";

/** A billing period: one calendar month in China time. */
export interface Period {
  year: number;
  month: number;
}

export function parsePeriod(text: string): Period {
  const match = /^(\d{4})-(\d{2})$/.exec(text);
  const period = match ? { year: Number(match[1]), month: Number(match[2]) } : null;
  if (!period || period.month < 1 || period.month > 12) throw new RangeError(`not a period: ${text}`);
  return period;
}

export function formatPeriod(period: Period): string {
  return `${String(period.year).padStart(4, "0")}-${String(period.month).padStart(2, "0")}`;
}

export function periodFirstDay(period: Period): ChinaDate {
  return { year: period.year, month: period.month, day: 1 };
}

export function periodLastDay(period: Period): ChinaDate {
  return { year: period.year, month: period.month, day: daysInMonth(period.year, period.month) };
}

export function nextPeriod(period: Period): Period {
  return period.month === 12 ? { year: period.year + 1, month: 1 } : { year: period.year, month: period.month + 1 };
}

/** The period a China date falls in. */
export function periodOf(date: ChinaDate): Period {
  return { year: date.year, month: date.month };
}

/** The period that has just ended on a given China date (the previous month). */
export function previousPeriod(date: ChinaDate): Period {
  return date.month === 1 ? { year: date.year - 1, month: 12 } : { year: date.year, month: date.month - 1 };
}

/** A day of the month clamped to the month's length (day 31 in February is its last day). */
function dayOfMonth(period: Period, day: number): ChinaDate {
  return { year: period.year, month: period.month, day: Math.min(day, daysInMonth(period.year, period.month)) };
}

export interface CollectionTerms {
  paymentWindowStartDay: number;
  paymentWindowEndDay: number;
  graceDays: number;
  suspensionAfterDays: number;
}

export interface CollectionDates {
  /** 缴费期 day X and day Y of the month after the period. */
  windowStart: ChinaDate;
  dueDate: ChinaDate;
  /** Last day of the grace period (Y + G). */
  graceEnd: ChinaDate;
  /** Last day before suspension (Y + S): suspended from the day after. */
  suspendAfter: ChinaDate;
}

export function collectionDates(period: Period, terms: CollectionTerms): CollectionDates {
  const month = nextPeriod(period);
  const dueDate = dayOfMonth(month, terms.paymentWindowEndDay);
  return {
    windowStart: dayOfMonth(month, terms.paymentWindowStartDay),
    dueDate,
    graceEnd: addDays(dueDate, terms.graceDays),
    suspendAfter: addDays(dueDate, terms.suspensionAfterDays),
  };
}

export interface PriceTerms {
  baseFeeFen: number;
  includedMessages: number;
  overagePriceLi: number;
}

/**
 * Proration rule for a contract in force for only part of a period (a start or an end mid-month):
 * the base fee and the included messages are each scaled by activeDays / daysInPeriod and rounded
 * half-up once (base fee to the fen, included messages to the message). The overage price is not
 * prorated. A whole month is charged exactly the package terms.
 */
export function prorate(price: PriceTerms, activeDays: number, daysInPeriod: number): PriceTerms {
  if (activeDays >= daysInPeriod) return { ...price };
  const scale = (value: number) => Number(divideHalfUp(BigInt(value) * BigInt(activeDays), BigInt(daysInPeriod)));
  return {
    baseFeeFen: scale(price.baseFeeFen),
    includedMessages: scale(price.includedMessages),
    overagePriceLi: price.overagePriceLi,
  };
}

export interface Charges {
  baseFeeFen: number;
  overageSegments: number;
  overageFen: number;
}

/** 二 3: base fee + max(0, used − included) × overage price, the overage line rounded half-up to the fen. */
export function periodCharges(price: PriceTerms, usedSegments: number): Charges {
  const overageSegments = Math.max(0, usedSegments - price.includedMessages);
  return {
    baseFeeFen: price.baseFeeFen,
    overageSegments,
    overageFen: liTimesCountToFen(price.overagePriceLi, overageSegments),
  };
}

/** Money applied to a statement's principal on a China date (payment received, credit note issued). */
export interface PrincipalApplied {
  appliedOn: ChinaDate;
  principalFen: number;
}

export interface LateFeeBasis {
  /** The amount late fees accrue on (base fee + overage + adjustments). */
  principalFen: number;
  /** Late fees carried onto this statement from earlier ones: paid before principal, never accruing. */
  carriedLateFeeFen: number;
  dueDate: ChinaDate;
  lateFeeRatePpm: number;
}

/**
 * 违约金 accrued on a statement up to and including `asOf`: for every day D after day Y, the principal
 * still unpaid by money applied before D, times the daily rate; summed (simple, never compounding)
 * and rounded half-up once. Money applied on day D covers D, so paying on day Y + n costs n days.
 * It keeps accruing until the principal is paid; suspension does not stop it.
 */
export function lateFeeAccrued(basis: LateFeeBasis, applied: readonly PrincipalApplied[], asOf: ChinaDate): number {
  const days = daysBetween(basis.dueDate, asOf);
  if (days <= 0 || basis.lateFeeRatePpm <= 0) return 0;
  const sorted = [...applied].sort((a, b) => compareChinaDates(a.appliedOn, b.appliedOn));
  let fenDays = 0n;
  let paid = 0;
  let next = 0;
  for (let n = 1; n <= days; n++) {
    const day = addDays(basis.dueDate, n);
    while (next < sorted.length && compareChinaDates(sorted[next]!.appliedOn, day) < 0)
      paid += sorted[next++]!.principalFen;
    // Carried late fees are paid first, so they shield the principal until they are covered.
    const unpaid = basis.principalFen - Math.max(0, paid - basis.carriedLateFeeFen);
    if (unpaid <= 0) break;
    fenDays += BigInt(unpaid);
  }
  return Number(divideHalfUp(fenDays * BigInt(basis.lateFeeRatePpm), 1_000_000n));
}

/**
 * 二 6: a change submitted on or before the cutoff day (China date) takes effect on the 1st of the
 * next month; after the cutoff, on the 1st of the month after that.
 */
export function packageChangeEffectiveOn(submittedOn: ChinaDate, cutoffDay: number): ChinaDate {
  const months = submittedOn.day <= cutoffDay ? 1 : 2;
  const index = submittedOn.year * 12 + (submittedOn.month - 1) + months;
  return { year: Math.floor(index / 12), month: (index % 12) + 1, day: 1 };
}

export const statementNumber = (period: Period, n: number) =>
  `QXT-${period.year}${String(period.month).padStart(2, "0")}-${String(n).padStart(6, "0")}`;
export const invoiceNumber = (issuedOn: ChinaDate, n: number) =>
  `QXT-FP-${issuedOn.year}${String(issuedOn.month).padStart(2, "0")}-${String(n).padStart(6, "0")}`;
export const creditNoteNumber = (issuedOn: ChinaDate, n: number) =>
  `QXT-CN-${issuedOn.year}-${String(n).padStart(6, "0")}`;
