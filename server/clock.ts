// China time (Asia/Shanghai, UTC+8, no daylight saving since 1991) for every business date,
// whatever the server's own zone. Services take `now` as a parameter; this is where it comes from.

export interface Clock {
  now(): Date;
}

export const systemClock: Clock = { now: () => new Date() };

export const CHINA_OFFSET_MS = 8 * 60 * 60 * 1000;
const DAY_MS = 24 * 60 * 60 * 1000;

/** A calendar date in China: year, month 1-12, day 1-31. */
export interface ChinaDate {
  year: number;
  month: number;
  day: number;
}

export function toChinaDate(instant: Date): ChinaDate {
  const shifted = new Date(instant.getTime() + CHINA_OFFSET_MS);
  return { year: shifted.getUTCFullYear(), month: shifted.getUTCMonth() + 1, day: shifted.getUTCDate() };
}

/** The instant at which the given China date starts (00:00 China time). */
export function chinaDayStart(date: ChinaDate): Date {
  return new Date(Date.UTC(date.year, date.month - 1, date.day) - CHINA_OFFSET_MS);
}

/** The instant at which the given China date ends (24:00 China time, i.e. the next day's 00:00). */
export function chinaDayEnd(date: ChinaDate): Date {
  return new Date(chinaDayStart(date).getTime() + DAY_MS);
}

export function startOfChinaDay(instant: Date): Date {
  return chinaDayStart(toChinaDate(instant));
}

export function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

export function addDays(date: ChinaDate, days: number): ChinaDate {
  const d = new Date(Date.UTC(date.year, date.month - 1, date.day) + days * DAY_MS);
  return { year: d.getUTCFullYear(), month: d.getUTCMonth() + 1, day: d.getUTCDate() };
}

/** Adds months, clamping the day to the target month's length (31 Jan + 1 month = 28/29 Feb). */
export function addMonths(date: ChinaDate, months: number): ChinaDate {
  const index = date.year * 12 + (date.month - 1) + months;
  const year = Math.floor(index / 12);
  const month = (index % 12) + 1;
  return { year, month, day: Math.min(date.day, daysInMonth(year, month)) };
}

export function compareChinaDates(a: ChinaDate, b: ChinaDate): number {
  return a.year - b.year || a.month - b.month || a.day - b.day;
}

/** Whole days from a to b (b - a). */
export function daysBetween(a: ChinaDate, b: ChinaDate): number {
  return Math.round((Date.UTC(b.year, b.month - 1, b.day) - Date.UTC(a.year, a.month - 1, a.day)) / DAY_MS);
}

const pad = (n: number, width = 2) => String(n).padStart(width, "0");

/** "2026-11-25" */
export function formatChinaDate(date: ChinaDate): string {
  return `${pad(date.year, 4)}-${pad(date.month)}-${pad(date.day)}`;
}

export function parseChinaDate(text: string): ChinaDate {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  if (!match) throw new RangeError(`not a date: ${text}`);
  const date = { year: Number(match[1]), month: Number(match[2]), day: Number(match[3]) };
  if (date.month < 1 || date.month > 12 || date.day < 1 || date.day > daysInMonth(date.year, date.month)) {
    throw new RangeError(`not a date: ${text}`);
  }
  return date;
}

/** "2026-11-25 17:05" in China time. */
export function formatChinaDateTime(instant: Date, withSeconds = false): string {
  const s = new Date(instant.getTime() + CHINA_OFFSET_MS);
  const base = `${pad(s.getUTCFullYear(), 4)}-${pad(s.getUTCMonth() + 1)}-${pad(s.getUTCDate())} ${pad(s.getUTCHours())}:${pad(s.getUTCMinutes())}`;
  return withSeconds ? `${base}:${pad(s.getUTCSeconds())}` : base;
}

/** "2026-11-25T17:30" (an <input type="datetime-local"> value) read as China time → the instant; undefined when malformed. */
export function parseChinaDateTimeLocal(value: string): Date | undefined {
  const match = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})$/.exec(value);
  if (!match) return undefined;
  const [, y, mo, d, h, mi] = match.map(Number) as [number, number, number, number, number, number];
  if (mo < 1 || mo > 12 || d < 1 || d > daysInMonth(y, mo) || h > 23 || mi > 59) return undefined;
  return new Date(Date.UTC(y, mo - 1, d, h, mi) - CHINA_OFFSET_MS);
}

/**
 * A DATE column (Prisma gives midnight UTC of that calendar date) as a China date,
 * and back. DATE columns hold China calendar dates, never instants.
 */
export function fromDbDate(value: Date): ChinaDate {
  return { year: value.getUTCFullYear(), month: value.getUTCMonth() + 1, day: value.getUTCDate() };
}

export function toDbDate(date: ChinaDate): Date {
  return new Date(Date.UTC(date.year, date.month - 1, date.day));
}
