// Clause 三 on China time: validity, expiry at 24:00 of the end date, objections and renewal.
import {
  addDays,
  type ChinaDate,
  chinaDayEnd,
  compareChinaDates,
  daysInMonth,
  formatChinaDate,
  formatChinaDateTime,
  toChinaDate,
} from "../clock";

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

/*
 * "The last day of service" has one representation: an inclusive China date, held in Contract.endDate
 * (a DATE column). Service runs until 24:00 China time of that day, the instant expiresAt() gives.
 * Validity (三) ends there, renewal moves it later, and an early end moves it back: a mutual
 * termination effective 2026-12-03 stores endDate 2026-12-03 (the 3rd is served and billed, the 4th
 * is not), a termination for cause the day it happened. Proration, usage, the statement and the
 * package in force read endDate only. Contract.endedAt is the instant the service ended (for an end
 * at 24:00, the next day's 00:00, i.e. exclusive): kept for the record, never used to count days.
 */

/** The instant service ends after the last day of service: 24:00 China time of that day. */
export function expiresAt(lastDay: ChinaDate): Date {
  return chinaDayEnd(lastDay);
}

/** The last day of service of a service that stops at `instant` (exclusive): the China date just before it. */
export function lastDayBefore(instant: Date): ChinaDate {
  return toChinaDate(new Date(instant.getTime() - 1));
}

/** When the service ended, as people read it: "2026-12-03 24:00" for an end at midnight, else the instant. */
export function formatServiceEnd(endedAt: Date): string {
  const lastDay = lastDayBefore(endedAt);
  return endedAt.getTime() === expiresAt(lastDay).getTime()
    ? `${formatChinaDate(lastDay)} 24:00`
    : formatChinaDateTime(endedAt);
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
  return today.month === 12
    ? { year: today.year + 1, month: 1, day: 1 }
    : { year: today.year, month: today.month + 1, day: 1 };
}
