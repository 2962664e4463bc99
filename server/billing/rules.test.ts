// The billing arithmetic with amounts worked out by hand in the comments.
import { describe, expect, test } from "vitest";
import { parseChinaDate as d } from "../clock";
import {
  collectionDates,
  lateFeeAccrued,
  packageChangeEffectiveOn,
  parsePeriod,
  periodCharges,
  periodLastDay,
  previousPeriod,
  prorate,
  statementNumber,
} from "./rules";

const TERMS = { paymentWindowStartDay: 1, paymentWindowEndDay: 15, graceDays: 10, suspensionAfterDays: 30 };

describe("period charges (二 3)", () => {
  test("base 100.00 元, 1,000 included, 0.050 元 overage, 1,234 segments → 111.70 元", () => {
    // overage 1,234 − 1,000 = 234 segments × 50 li = 11,700 li = 1,170 fen; 10,000 + 1,170 = 11,170 fen
    const c = periodCharges({ baseFeeFen: 10_000, includedMessages: 1_000, overagePriceLi: 50 }, 1_234);
    expect(c).toEqual({ baseFeeFen: 10_000, overageSegments: 234, overageFen: 1_170 });
    expect(c.baseFeeFen + c.overageFen).toBe(11_170);
  });

  test("free package 0.045 元 × 333 segments → 14.99 元 (14.985 rounded half-up)", () => {
    // 333 × 45 li = 14,985 li = 1,498.5 fen → 1,499 fen
    const c = periodCharges({ baseFeeFen: 0, includedMessages: 0, overagePriceLi: 45 }, 333);
    expect(c.baseFeeFen + c.overageFen).toBe(1_499);
  });

  test("usage below the included messages costs the base fee only", () => {
    expect(periodCharges({ baseFeeFen: 10_000, includedMessages: 1_000, overagePriceLi: 50 }, 999)).toEqual({
      baseFeeFen: 10_000,
      overageSegments: 0,
      overageFen: 0,
    });
  });
});

describe("proration for a mid-month start", () => {
  test("start on 16 November: 15 of 30 days → half the base fee and half the included messages", () => {
    // 10,000 × 15 / 30 = 5,000 fen; 1,000 × 15 / 30 = 500 messages
    expect(prorate({ baseFeeFen: 10_000, includedMessages: 1_000, overagePriceLi: 50 }, 15, 30)).toEqual({
      baseFeeFen: 5_000,
      includedMessages: 500,
      overagePriceLi: 50,
    });
  });
  test("start on 11 February 2028 (leap year, 29 days): 19 days", () => {
    // 10,000 × 19 / 29 = 6,551.72… → 6,552 fen; 1,000 × 19 / 29 = 655.17… → 655 messages
    expect(prorate({ baseFeeFen: 10_000, includedMessages: 1_000, overagePriceLi: 50 }, 19, 29)).toEqual({
      baseFeeFen: 6_552,
      includedMessages: 655,
      overagePriceLi: 50,
    });
  });
  test("a whole month is not prorated", () => {
    expect(prorate({ baseFeeFen: 10_000, includedMessages: 1_000, overagePriceLi: 50 }, 29, 29).baseFeeFen).toBe(
      10_000,
    );
  });
});

describe("collection dates (二 4)", () => {
  test("November's statement: window 1–15 December, grace to 25 December, suspended after 14 January", () => {
    const dates = collectionDates(parsePeriod("2026-11"), TERMS);
    expect(dates).toEqual({
      windowStart: d("2026-12-01"),
      dueDate: d("2026-12-15"),
      graceEnd: d("2026-12-25"),
      suspendAfter: d("2027-01-14"),
    });
  });
  test("January 2028's statement is due in leap February; day 30 clamps to 29 February", () => {
    expect(periodLastDay(parsePeriod("2028-02"))).toEqual(d("2028-02-29"));
    const dates = collectionDates(parsePeriod("2028-01"), { ...TERMS, paymentWindowEndDay: 30 });
    expect(dates.dueDate).toEqual(d("2028-02-29"));
    expect(dates.graceEnd).toEqual(d("2028-03-10"));
  });
  test("the period just ended on the 1st is the previous month, across a year", () => {
    expect(previousPeriod(d("2027-01-01"))).toEqual({ year: 2026, month: 12 });
    expect(statementNumber({ year: 2026, month: 11 }, 123)).toBe("QXT-202611-000123");
  });
});

describe("late fees (违约金)", () => {
  const basis = { principalFen: 11_170, carriedLateFeeFen: 0, dueDate: d("2026-12-15"), lateFeeRatePpm: 500 };

  test("111.70 元 unpaid 10 days past day Y at 0.05 %/day → 0.56 元", () => {
    // 11,170 fen × 0.0005 × 10 days = 55.85 fen → 56 fen (rounded once)
    expect(lateFeeAccrued(basis, [], d("2026-12-25"))).toBe(56);
  });
  test("nothing accrues up to and on day Y", () => {
    expect(lateFeeAccrued(basis, [], d("2026-12-15"))).toBe(0);
    expect(lateFeeAccrued(basis, [], d("2026-12-01"))).toBe(0);
  });
  test("paid in full on the last day of grace: 10 days accrued, then nothing more", () => {
    const paid = [{ appliedOn: d("2026-12-25"), principalFen: 11_170 }];
    expect(lateFeeAccrued(basis, paid, d("2026-12-25"))).toBe(56);
    expect(lateFeeAccrued(basis, paid, d("2027-02-01"))).toBe(56);
  });
  test("a partial payment lowers the principal from the next day on (simple, rounded once)", () => {
    // 16–20 Dec: 5 days × 11,170 = 55,850 fen·days; paid 6,170 on the 20th → 21–25 Dec: 5 × 5,000 = 25,000
    // (55,850 + 25,000) × 0.0005 = 40.425 fen → 40 fen
    const paid = [{ appliedOn: d("2026-12-20"), principalFen: 6_170 }];
    expect(lateFeeAccrued(basis, paid, d("2026-12-25"))).toBe(40);
  });
  test("carried late fees are covered first and never accrue", () => {
    // principal 10,000 + carried 100; 100 applied on the 16th covers only the carried fee:
    // 16–20 Dec 5 days × 10,000 × 0.0005 = 25 fen
    expect(
      lateFeeAccrued(
        { ...basis, principalFen: 10_000, carriedLateFeeFen: 100 },
        [{ appliedOn: d("2026-12-16"), principalFen: 100 }],
        d("2026-12-20"),
      ),
    ).toBe(25);
  });
});

describe("package change effective month (二 6)", () => {
  test("submitted on the cutoff day (20 Nov) → 1 December; the day after → 1 January", () => {
    expect(packageChangeEffectiveOn(d("2026-11-20"), 20)).toEqual(d("2026-12-01"));
    expect(packageChangeEffectiveOn(d("2026-11-21"), 20)).toEqual(d("2027-01-01"));
    expect(packageChangeEffectiveOn(d("2026-12-21"), 20)).toEqual(d("2027-02-01"));
  });
});
