// Clause 三 on China time: validity, expiry at 24:00 of the end date, objections and renewal.
import { addDays, type ChinaDate, chinaDayEnd, compareChinaDates, daysInMonth, toChinaDate } from "../clock";

/** Last day of the month `months` after the given year/month (0 = the same month). */
function lastDayOfMonthOffset(year: number, month: number, months: number): ChinaDate {
  const index = year * 12 + (month - 1) + months;
  const y = Math.floor(index / 12);
  const m = (index % 12) + 1;
  return { year: y, month: m, day: daysInMonth(y, m) };
}

/**
 * The end date of a term of `years` starting on `start`: the last day of the month before the
 * same month `years` later (2026-12-01 + 1 year → 2027-11-30; 2026-12-15 + 1 year → 2027-11-30).
 * The agreement prints validity as "start date to the last day of the end month, 24:00".
 */
export function defaultEndDate(start: ChinaDate, years: number): ChinaDate {
  return lastDayOfMonthOffset(start.year, start.month, years * 12 - 1);
}

/** The instant validity ends: 24:00 China time of the end date. */
export function expiresAt(endDate: ChinaDate): Date {
  return chinaDayEnd(endDate);
}

export function hasExpired(endDate: ChinaDate, now: Date): boolean {
  return now.getTime() >= expiresAt(endDate).getTime();
}

/**
 * The last China date on which an objection to renewal may be lodged: the objection must come
 * at least `noticeDays` days before expiry, i.e. on or before endDate − noticeDays.
 */
export function lastObjectionDay(endDate: ChinaDate, noticeDays: number): ChinaDate {
  return addDays(endDate, -noticeDays);
}

export function objectionInTime(endDate: ChinaDate, noticeDays: number, lodgedAt: Date): boolean {
  return compareChinaDates(toChinaDate(lodgedAt), lastObjectionDay(endDate, noticeDays)) <= 0;
}

/** The new end date after renewing by `years`: the last day of the same month `years` later (leap years included). */
export function renewedEndDate(endDate: ChinaDate, years: number): ChinaDate {
  return lastDayOfMonthOffset(endDate.year, endDate.month, years * 12);
}

/** The first day of the month after `now` (China time): the default start of a new contract. */
export function firstOfNextMonth(now: Date): ChinaDate {
  const today = toChinaDate(now);
  return today.month === 12 ? { year: today.year + 1, month: 1, day: 1 } : { year: today.year, month: today.month + 1, day: 1 };
}
