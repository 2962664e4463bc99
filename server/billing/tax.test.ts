import { expect, test } from "vitest";
import { DEFAULT_VAT_RATE_BP, formatRateBp, percentToBp, splitInclusive } from "./tax";

test("6 %: the amount excluding tax is rounded half-up to the fen, the tax is the rest, they sum exactly", () => {
  const cases: [number, number, number][] = [
    // inclusive, exclusive, tax
    [10_000, 9_434, 566], // 100.00 / 1.06 = 94.3396…
    [11_213, 10_578, 635], // 112.13 / 1.06 = 105.7830…
    [1, 1, 0], // 0.01 / 1.06 = 0.0094… → 0.01 (half-up of 0.94 fen), tax 0
    [53, 50, 3], // 0.53 / 1.06 = 0.50 exactly
    [0, 0, 0],
    [100_000_000, 94_339_623, 5_660_377],
  ];
  for (const [incl, excl, tax] of cases) {
    const split = splitInclusive(incl, DEFAULT_VAT_RATE_BP);
    expect([incl, split.exclusiveFen, split.taxFen]).toEqual([incl, excl, tax]);
    expect(split.exclusiveFen + split.taxFen).toBe(incl);
  }
});

test("exactly half a fen rounds up; other rates; negative amounts mirror positive ones", () => {
  // 27.03 / 1.06 = 25.50 exactly: no rounding, tax 1.53.
  expect(splitInclusive(2_703, 600)).toMatchObject({ exclusiveFen: 2_550, taxFen: 153 });
  // 3 % (small-scale taxpayer): 103 / 1.03 = 100 exactly; 5 / 1.03 = 4.854… → 5, tax 0.
  expect(splitInclusive(103, 300)).toMatchObject({ exclusiveFen: 100, taxFen: 3 });
  expect(splitInclusive(5, 300)).toMatchObject({ exclusiveFen: 5, taxFen: 0 });
  // 5 %: 0.21 / 1.05 = 0.20 exactly.
  expect(splitInclusive(21, 500)).toMatchObject({ exclusiveFen: 20, taxFen: 1 });
  // A half exactly: rate 10000 bp (100 %): 3 / 2 = 1.5 → 2, tax 1.
  expect(splitInclusive(3, 10_000)).toMatchObject({ exclusiveFen: 2, taxFen: 1 });
  expect(splitInclusive(-3, 10_000)).toMatchObject({ exclusiveFen: -2, taxFen: -1 });
  expect(splitInclusive(500, 0)).toMatchObject({ exclusiveFen: 500, taxFen: 0 });
  expect(() => splitInclusive(1.5, 600)).toThrow(RangeError);
  expect(() => splitInclusive(100, -1)).toThrow(RangeError);
});

test("rates print without trailing zeros", () => {
  expect([600, 550, 0, 1_300, 125].map(formatRateBp)).toEqual(["6%", "5.5%", "0%", "13%", "1.25%"]);
});

test("a typed percentage becomes exact basis points, or null", () => {
  expect(["6", "5.5", "13.25", " 0 ", "100"].map(percentToBp)).toEqual([600, 550, 1_325, 0, 10_000]);
  expect(["", "6%", "5.555", "-1", "100.01", "abc", "1e2"].map(percentToBp)).toEqual([
    null,
    null,
    null,
    null,
    null,
    null,
    null,
  ]);
});
