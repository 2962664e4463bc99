// The days of a period a contract is billed for, from its start date to its last day of service
// (endDate, inclusive), with the proration that follows, at the edges: the 1st, month ends,
// 31 December / 1 January, February; and the package term that applies on a day.
import { describe, expect, test } from "vitest";
import { type ChinaDate, toDbDate } from "../clock";
import { activeDaysIn } from "./statement-draft";
import { type PackageTerm, packageTermOn } from "./package-changes";
import { prorate } from "./rules";

const d = (year: number, month: number, day: number): ChinaDate => ({ year, month, day });
const contract = (start: ChinaDate, end: ChinaDate) => ({ startDate: toDbDate(start), endDate: toDbDate(end) });
const P5000 = { baseFeeFen: 20_000, includedMessages: 5_000, overagePriceLi: 50 };

describe("activeDaysIn: start date to the last day of service, both included", () => {
  test("ended 3 December: 1–3 December, 3/31 of the package (19.35 元, 484 messages)", () => {
    expect(activeDaysIn(contract(d(2026, 1, 1), d(2026, 12, 3)), { year: 2026, month: 12 })).toEqual({
      from: d(2026, 12, 1),
      to: d(2026, 12, 3),
    });
    expect(prorate(P5000, 3, 31)).toEqual({ baseFeeFen: 1_935, includedMessages: 484, overagePriceLi: 50 });
  });

  test("ended on the 1st: that one day; nothing in the next month", () => {
    expect(activeDaysIn(contract(d(2026, 1, 1), d(2027, 3, 1)), { year: 2027, month: 3 })).toEqual({
      from: d(2027, 3, 1),
      to: d(2027, 3, 1),
    });
    expect(activeDaysIn(contract(d(2026, 1, 1), d(2027, 3, 1)), { year: 2027, month: 4 })).toBeNull();
    expect(prorate(P5000, 1, 31)).toEqual({ baseFeeFen: 645, includedMessages: 161, overagePriceLi: 50 });
  });

  test("ended on the last day of a month: the whole month, nothing after (30-day, February, leap February)", () => {
    expect(activeDaysIn(contract(d(2026, 1, 1), d(2026, 11, 30)), { year: 2026, month: 11 })).toEqual({
      from: d(2026, 11, 1),
      to: d(2026, 11, 30),
    });
    expect(activeDaysIn(contract(d(2026, 1, 1), d(2026, 11, 30)), { year: 2026, month: 12 })).toBeNull();
    expect(activeDaysIn(contract(d(2026, 1, 1), d(2027, 2, 28)), { year: 2027, month: 2 })).toEqual({
      from: d(2027, 2, 1),
      to: d(2027, 2, 28),
    });
    expect(activeDaysIn(contract(d(2026, 1, 1), d(2028, 2, 29)), { year: 2028, month: 2 })).toEqual({
      from: d(2028, 2, 1),
      to: d(2028, 2, 29),
    });
    expect(prorate(P5000, 31, 31)).toEqual(P5000);
  });

  test("31 December / 1 January: a contract ending on 31 December is billed whole in December and not in January", () => {
    expect(activeDaysIn(contract(d(2026, 1, 1), d(2026, 12, 31)), { year: 2026, month: 12 })).toEqual({
      from: d(2026, 12, 1),
      to: d(2026, 12, 31),
    });
    expect(activeDaysIn(contract(d(2026, 1, 1), d(2026, 12, 31)), { year: 2027, month: 1 })).toBeNull();
    // Starting on 1 January: nothing in December.
    expect(activeDaysIn(contract(d(2027, 1, 1), d(2027, 12, 31)), { year: 2026, month: 12 })).toBeNull();
    expect(activeDaysIn(contract(d(2027, 1, 1), d(2027, 12, 31)), { year: 2027, month: 1 })).toEqual({
      from: d(2027, 1, 1),
      to: d(2027, 1, 31),
    });
  });

  test("started and ended within one month; ended before it started (for cause before the start): nothing", () => {
    expect(activeDaysIn(contract(d(2026, 12, 10), d(2026, 12, 12)), { year: 2026, month: 12 })).toEqual({
      from: d(2026, 12, 10),
      to: d(2026, 12, 12),
    });
    expect(activeDaysIn(contract(d(2026, 12, 10), d(2026, 12, 9)), { year: 2026, month: 12 })).toBeNull();
  });
});

describe("packageTermOn: a term is in force from its first day, 00:00 China time", () => {
  const term = (code: string, from: string, to: string | null, dailyCap: number): PackageTerm => ({
    from,
    to,
    changeId: null,
    package: { id: code, code, nameZh: code, nameEn: code, isFree: code === "FREE" },
    price: { id: code, version: 1, baseFeeFen: 0, includedMessages: 0, overagePriceLi: 45, dailyCap },
    terms: { dailyCap, baseFeeFen: 0, includedMessages: 0, overagePriceLi: 45 },
  });
  const history = [term("FREE", "2026-01-01", "2026-12-31", 500), term("DAILY5000", "2027-01-01", null, 5_000)];

  test("31 December is the old package, 1 January the new; before the start, the first", () => {
    expect(packageTermOn(history, d(2026, 12, 31)).package.code).toBe("FREE");
    expect(packageTermOn(history, d(2027, 1, 1)).package.code).toBe("DAILY5000");
    expect(packageTermOn(history, d(2025, 6, 1)).package.code).toBe("FREE");
  });
});
