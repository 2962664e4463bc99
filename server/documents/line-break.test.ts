import { describe, expect, test } from "vitest";
import { breakLines, type Line, type Piece } from "./line-break";

type Style = "plain" | "filled";
// Every character one unit wide: enough to see where lines break.
const measure = (piece: Piece<Style>) => Array.from(piece.text).length;
const plain = (text: string): Piece<Style> => ({ text, style: "plain" });
const filled = (text: string): Piece<Style> => ({ text, style: "filled" });
const texts = (lines: Line<Style>[]) => lines.map((line) => line.pieces.map((p) => p.text).join(""));

describe("breakLines", () => {
  test("fills lines up to the width; the first line may be narrower (indent)", () => {
    const lines = breakLines([plain("甲方将负责对乙方操作管理员进行指导和培训。")], measure, { first: 8, rest: 10 });
    expect(texts(lines)).toEqual(["甲方将负责对乙方", "操作管理员进行指导和", "培训。"]);
    expect(lines.map((l) => l.width)).toEqual([8, 10, 3]);
  });

  test("a value and the % after it stay together across the style change", () => {
    const runs = [plain("所欠费用的"), filled("0.05"), plain("%支付违约金")];
    // "的0.05" fills the line exactly: "%" must not start the next one, so "0.05%" moves down whole.
    const lines = breakLines(runs, measure, { first: 9, rest: 9 });
    expect(texts(lines)).toEqual(["所欠费用的", "0.05%支付违约", "金"]);
    expect(lines[1]?.pieces).toEqual([filled("0.05"), plain("%支付违约")]);
  });

  test("closing punctuation never starts a line, opening punctuation never ends one", () => {
    const lines = breakLines([plain("甲乙双方（合作）。")], measure, { first: 4, rest: 4 });
    for (const line of texts(lines)) {
      expect(line).not.toMatch(/^[，。）]/);
      expect(line).not.toMatch(/（$/);
    }
    expect(texts(lines).join("")).toBe("甲乙双方（合作）。");
  });

  test("numbers and codes are not split; spaces at a break are dropped", () => {
    const lines = breakLines([plain("合同编号 QXT-HT-2026-0001 版本 2")], measure, { first: 21, rest: 21 });
    expect(texts(lines)).toEqual(["合同编号 QXT-HT-2026-0001", "版本 2"]);
  });

  test("a word wider than a line is cut where it must be", () => {
    const lines = breakLines([plain("账号 94400001234567890")], measure, { first: 8, rest: 8 });
    expect(texts(lines)).toEqual(["账号", "94400001", "23456789", "0"]);
  });

  test("a run kept together moves to the next line whole, unless it is wider than a line", () => {
    const keep = (piece: Piece<Style>) => piece.style === "filled";
    const runs = [plain("收取乙方押金大写"), filled("伍仟元整"), plain("。")];
    expect(texts(breakLines(runs, measure, { first: 10, rest: 10 }, keep))).toEqual(["收取乙方押金大写", "伍仟元整。"]);
    expect(texts(breakLines(runs, measure, { first: 10, rest: 10 }))).toEqual(["收取乙方押金大写伍仟", "元整。"]);
    expect(texts(breakLines([filled("壹万贰仟叁佰肆拾伍元")], measure, { first: 6, rest: 6 }, keep))).toEqual([
      "壹万贰仟叁佰",
      "肆拾伍元",
    ]);
  });

  test("forced breaks and empty text", () => {
    expect(texts(breakLines([plain("第一行\n第二行")], measure, { first: 10, rest: 10 }))).toEqual([
      "第一行",
      "第二行",
    ]);
    expect(breakLines([plain("")], measure, { first: 10, rest: 10 })).toEqual([{ pieces: [], width: 0 }]);
  });
});
