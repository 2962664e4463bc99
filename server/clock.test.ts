import { describe, expect, test } from "vitest";
import {
  addDays,
  addMonths,
  chinaDayEnd,
  chinaDayStart,
  daysBetween,
  daysInMonth,
  formatChinaDate,
  formatChinaDateTime,
  fromDbDate,
  parseChinaDate,
  startOfChinaDay,
  toChinaDate,
  toDbDate,
} from "./clock";

describe("China time, whatever the server's zone", () => {
  test("16:00 UTC on the last day of a month is 00:00 on the 1st in China", () => {
    const instant = new Date("2026-11-30T16:00:00Z");
    expect(toChinaDate(instant)).toEqual({ year: 2026, month: 12, day: 1 });
    expect(toChinaDate(new Date("2026-11-30T15:59:59.999Z"))).toEqual({ year: 2026, month: 11, day: 30 });
    expect(formatChinaDateTime(instant)).toBe("2026-12-01 00:00");
  });

  test("a China day runs from 16:00 UTC the day before to 16:00 UTC", () => {
    expect(chinaDayStart({ year: 2026, month: 11, day: 25 }).toISOString()).toBe("2026-11-24T16:00:00.000Z");
    expect(chinaDayEnd({ year: 2026, month: 12, day: 31 }).toISOString()).toBe("2026-12-31T16:00:00.000Z");
    expect(startOfChinaDay(new Date("2026-11-25T03:00:00Z")).toISOString()).toBe("2026-11-24T16:00:00.000Z");
  });

  test("months, leap years and day arithmetic", () => {
    expect(daysInMonth(2028, 2)).toBe(29);
    expect(daysInMonth(2026, 2)).toBe(28);
    expect(addMonths({ year: 2028, month: 1, day: 31 }, 1)).toEqual({ year: 2028, month: 2, day: 29 });
    expect(addMonths({ year: 2026, month: 11, day: 15 }, 14)).toEqual({ year: 2028, month: 1, day: 15 });
    expect(addDays({ year: 2028, month: 2, day: 28 }, 1)).toEqual({ year: 2028, month: 2, day: 29 });
    expect(addDays({ year: 2026, month: 12, day: 31 }, 1)).toEqual({ year: 2027, month: 1, day: 1 });
    expect(daysBetween({ year: 2028, month: 2, day: 1 }, { year: 2028, month: 3, day: 1 })).toBe(29);
  });

  test("DATE columns round-trip as calendar dates", () => {
    const d = { year: 2026, month: 12, day: 31 };
    expect(fromDbDate(toDbDate(d))).toEqual(d);
    expect(formatChinaDate(parseChinaDate("2026-02-28"))).toBe("2026-02-28");
    expect(() => parseChinaDate("2026-02-29")).toThrow(RangeError);
    expect(() => parseChinaDate("2026/02/01")).toThrow(RangeError);
  });
});
