import { describe, expect, test } from "vitest";
import { chinaDayStart, toChinaDate } from "../clock";
import {
  defaultEndDate,
  expiresAt,
  firstOfNextMonth,
  formatServiceEnd,
  hasExpired,
  lastDayBefore,
  lastObjectionDay,
  objectionInTime,
  renewedEndDate,
} from "./validity";

const d = (year: number, month: number, day: number) => ({ year, month, day });

describe("validity (三)", () => {
  test("a one-year term ends on the last day of the month before the anniversary month", () => {
    expect(defaultEndDate(d(2026, 12, 1), 1)).toEqual(d(2027, 11, 30));
    expect(defaultEndDate(d(2026, 12, 15), 1)).toEqual(d(2027, 11, 30));
    expect(defaultEndDate(d(2027, 3, 1), 1)).toEqual(d(2028, 2, 29));
    expect(defaultEndDate(d(2026, 1, 1), 2)).toEqual(d(2027, 12, 31));
  });

  test("expiry is 24:00 China time on the last day of the end month, while the server runs in UTC", () => {
    // 2026-12-31 24:00 in China is 2026-12-31T16:00Z.
    expect(expiresAt(d(2026, 12, 31)).toISOString()).toBe("2026-12-31T16:00:00.000Z");
    expect(hasExpired(d(2026, 12, 31), new Date("2026-12-31T15:59:59.999Z"))).toBe(false);
    expect(hasExpired(d(2026, 12, 31), new Date("2026-12-31T16:00:00.000Z"))).toBe(true);
    // At 23:00 UTC on 31 Dec the UTC date is still the 31st, but in China it is already 1 Jan: expired.
    expect(hasExpired(d(2026, 12, 31), new Date("2026-12-31T23:00:00Z"))).toBe(true);
  });

  test("an objection exactly on the last allowed day counts; one day late does not", () => {
    const end = d(2026, 12, 31);
    expect(lastObjectionDay(end, 30)).toEqual(d(2026, 12, 1));
    // Last moment of 1 Dec China time (15:59:59Z) and the first of 2 Dec (16:00Z on 1 Dec UTC).
    expect(objectionInTime(end, 30, new Date("2026-12-01T15:59:59Z"))).toBe(true);
    expect(objectionInTime(end, 30, chinaDayStart(d(2026, 12, 1)))).toBe(true);
    expect(objectionInTime(end, 30, new Date("2026-12-01T16:00:00Z"))).toBe(false);
    expect(objectionInTime(end, 30, chinaDayStart(d(2026, 12, 2)))).toBe(false);
  });

  test("renewal by the renewal term lands on the last day of the month, across a leap year", () => {
    expect(renewedEndDate(d(2027, 2, 28), 1)).toEqual(d(2028, 2, 29));
    expect(renewedEndDate(d(2028, 2, 29), 1)).toEqual(d(2029, 2, 28));
    expect(renewedEndDate(d(2026, 12, 31), 2)).toEqual(d(2028, 12, 31));
    expect(renewedEndDate(d(2027, 11, 30), 1)).toEqual(d(2028, 11, 30));
  });

  test("new contracts start on the 1st of the next China month", () => {
    expect(firstOfNextMonth(new Date("2026-11-30T16:30:00Z"))).toEqual(d(2027, 1, 1)); // already 1 Dec in China
    expect(firstOfNextMonth(new Date("2026-11-25T02:00:00Z"))).toEqual(d(2026, 12, 1));
    expect(toChinaDate(new Date("2026-12-31T16:00:00Z"))).toEqual(d(2027, 1, 1));
  });

  test("the last day of service and the instant it ends are one conversion apart, at China midnight", () => {
    // 24:00 of 3 December China time is 16:00Z on the 3rd; the day before that instant is the 3rd.
    expect(expiresAt(d(2026, 12, 3)).toISOString()).toBe("2026-12-03T16:00:00.000Z");
    expect(lastDayBefore(expiresAt(d(2026, 12, 3)))).toEqual(d(2026, 12, 3));
    // One millisecond later service has started on the 4th.
    expect(lastDayBefore(new Date("2026-12-03T16:00:00.001Z"))).toEqual(d(2026, 12, 4));
    // Month ends and the year boundary: 31 Dec 24:00 China time = 1 Jan 00:00 China = 31 Dec 16:00Z.
    expect(lastDayBefore(new Date("2026-12-31T16:00:00.000Z"))).toEqual(d(2026, 12, 31));
    expect(lastDayBefore(new Date("2026-12-31T16:00:00.001Z"))).toEqual(d(2027, 1, 1));
    expect(lastDayBefore(expiresAt(d(2027, 2, 28)))).toEqual(d(2027, 2, 28));
    expect(lastDayBefore(expiresAt(d(2028, 2, 29)))).toEqual(d(2028, 2, 29));
    // A stop in the middle of a day (termination for cause at 10:00 China time) leaves that day served.
    expect(lastDayBefore(new Date("2026-12-03T02:00:00Z"))).toEqual(d(2026, 12, 3));
  });

  test("an end at midnight reads as 24:00 of the last day, not 00:00 of the next", () => {
    expect(formatServiceEnd(expiresAt(d(2026, 12, 3)))).toBe("2026-12-03 24:00");
    expect(formatServiceEnd(expiresAt(d(2026, 12, 31)))).toBe("2026-12-31 24:00");
    expect(formatServiceEnd(new Date("2026-12-03T02:00:00Z"))).toBe("2026-12-03 10:00");
  });
});
