import { describe, expect, test } from "vitest";
import {
  divideHalfUp,
  fenToChineseCapitals,
  formatFen,
  formatLiAsYuan,
  formatYuan,
  liTimesCountToFen,
  parseYuanToFen,
  parseYuanToLi,
} from "./money";

describe("rounding", () => {
  test("half-up at exactly .5 and below", () => {
    expect(divideHalfUp(14985n, 1000n)).toBe(15n);
    expect(divideHalfUp(14984n, 1000n)).toBe(15n);
    expect(divideHalfUp(14499n, 1000n)).toBe(14n);
    expect(divideHalfUp(-15n, 10n)).toBe(-2n);
  });
  test("333 messages at 0.045 元 (45 厘) is 14.985 元 → 1499 fen", () => {
    expect(liTimesCountToFen(45, 333)).toBe(1499);
  });
  test("234 overage messages at 0.050 元 is 11.70 元", () => {
    expect(liTimesCountToFen(50, 234)).toBe(1170);
  });
});

describe("formatting and parsing", () => {
  test("fen", () => {
    expect(formatFen(11170)).toBe("111.70");
    expect(formatFen(123456789)).toBe("1,234,567.89");
    expect(formatFen(5)).toBe("0.05");
    expect(formatYuan(-250)).toBe("-¥2.50");
  });
  test("li", () => {
    expect(formatLiAsYuan(45)).toBe("0.045");
    expect(formatLiAsYuan(1500)).toBe("1.500");
  });
  test("parse yuan", () => {
    expect(parseYuanToFen("111.7")).toBe(11170);
    expect(parseYuanToFen("1,000")).toBe(100000);
    expect(parseYuanToFen("0.05")).toBe(5);
    expect(parseYuanToFen("1.005")).toBeNull();
    expect(parseYuanToFen("abc")).toBeNull();
    expect(parseYuanToLi("0.045")).toBe(45);
    expect(parseYuanToLi("0.0451")).toBeNull();
  });
});

describe("Chinese capitals (大写)", () => {
  test.each([
    [0, "零元整"],
    [500000, "伍仟元整"],
    [11170, "壹佰壹拾壹元柒角"],
    [1005, "壹拾元零伍分"],
    [1499, "壹拾肆元玖角玖分"],
    [100100, "壹仟零壹元整"],
    [1000000000, "壹仟万元整"],
    [1000010000, "壹仟万零壹佰元整"],
    [1234567890, "壹仟贰佰叁拾肆万伍仟陆佰柒拾捌元玖角"],
    [10000000000, "壹亿元整"],
    [5, "伍分"],
    [50, "伍角"],
  ])("%i fen → %s", (fen, text) => {
    expect(fenToChineseCapitals(fen)).toBe(text);
  });
});
