import { describe, expect, test } from "vitest";
import {
  matchOptOutKeyword,
  parseSignature,
  prepareLexicon,
  screenAgainst,
  screeningForm,
  tidyOptOutKeywords,
  tidyTerm,
} from "./text";

describe("screening normalisation", () => {
  test("keeps letters and digits only, lower case, full width folded", () => {
    expect(screeningForm("发 票")).toBe("发票");
    expect(screeningForm("发-票！")).toBe("发票");
    expect(screeningForm("发\u200B票")).toBe("发票"); // zero-width space
    expect(screeningForm("发\n\t票")).toBe("发票");
    expect(screeningForm("发😀票")).toBe("发票");
    expect(screeningForm("ＶＩＰ　Ｃｌｕｂ")).toBe("vipclub");
    expect(screeningForm("Free-Money!!")).toBe("freemoney");
    expect(screeningForm("①②")).toBe("12");
    expect(screeningForm("  ...  ")).toBe("");
  });

  test("terms are stored tidied: NFKC, trimmed, inner spaces collapsed", () => {
    expect(tidyTerm("  ＶＩＰ   会员 ")).toBe("VIP 会员");
  });
});

describe("screening verdicts", () => {
  const lexicon = prepareLexicon([
    { term: "代开发票", action: "BLOCK" },
    { term: "Casino", action: "BLOCK" },
    { term: "贷款", action: "REVIEW" },
    { term: "中奖", action: "REVIEW" },
    { term: "!!!", action: "BLOCK" }, // nothing to match: never matches
  ]);

  test("BLOCK wins and names every matching term", () => {
    expect(screenAgainst(lexicon, "本公司可代 开 发*票，另有低息贷款")).toEqual({
      verdict: "BLOCK",
      blockTerms: ["代开发票"],
      reviewTerms: ["贷款"],
    });
    expect(screenAgainst(lexicon, "Visit our C a s i n o")).toEqual({
      verdict: "BLOCK",
      blockTerms: ["Casino"],
      reviewTerms: [],
    });
    expect(screenAgainst(lexicon, "ＣＡＳＩＮＯ night")).toMatchObject({ verdict: "BLOCK" });
  });

  test("REVIEW when only review terms match, OK otherwise", () => {
    expect(screenAgainst(lexicon, "恭喜您中·奖了")).toEqual({
      verdict: "REVIEW",
      blockTerms: [],
      reviewTerms: ["中奖"],
    });
    expect(screenAgainst(lexicon, "您的验证码是 123456，5 分钟内有效。")).toEqual({
      verdict: "OK",
      blockTerms: [],
      reviewTerms: [],
    });
    expect(screenAgainst(lexicon, "!!!")).toMatchObject({ verdict: "OK" });
  });
});

describe("opt-out keywords", () => {
  const keywords = ["TD", "T", "N", "退订", "取消", "STOP", "UNSUBSCRIBE"];

  test("the whole reply, trimmed and in any case or width", () => {
    expect(matchOptOutKeyword("TD", keywords)).toBe("TD");
    expect(matchOptOutKeyword("  td \n", keywords)).toBe("TD");
    expect(matchOptOutKeyword("ＴＤ", keywords)).toBe("TD");
    expect(matchOptOutKeyword("t", keywords)).toBe("T");
    expect(matchOptOutKeyword("退订", keywords)).toBe("退订");
    expect(matchOptOutKeyword("Stop", keywords)).toBe("STOP");
  });

  test("a keyword followed by a space or punctuation, the longest keyword reported", () => {
    expect(matchOptOutKeyword("TD。", keywords)).toBe("TD");
    expect(matchOptOutKeyword("td!", keywords)).toBe("TD");
    expect(matchOptOutKeyword("退订！谢谢", keywords)).toBe("退订");
    expect(matchOptOutKeyword("T 谢谢", keywords)).toBe("T");
    expect(matchOptOutKeyword("stop-please", keywords)).toBe("STOP");
  });

  test("not when the keyword runs into a letter, digit or Chinese character, or appears later", () => {
    expect(matchOptOutKeyword("Thanks", keywords)).toBeNull();
    expect(matchOptOutKeyword("TDX", keywords)).toBeNull();
    expect(matchOptOutKeyword("T1", keywords)).toBeNull();
    expect(matchOptOutKeyword("退订单号是多少", keywords)).toBeNull();
    expect(matchOptOutKeyword("请帮我退订", keywords)).toBeNull();
    expect(matchOptOutKeyword("No thanks", keywords)).toBeNull();
    expect(matchOptOutKeyword("   ", keywords)).toBeNull();
    expect(matchOptOutKeyword("好的", keywords)).toBeNull();
  });

  test("the keyword list is tidied: NFKC, trimmed, duplicates (any case) dropped, one token each", () => {
    expect(tidyOptOutKeywords([" TD ", "td", "ＴＤ", "", "退订", "Stop"])).toEqual({
      keywords: ["TD", "退订", "Stop"],
      problems: [],
    });
    expect(tidyOptOutKeywords(["TD", "退 订", "x".repeat(21)]).problems).toEqual(["退 订", "x".repeat(21)]);
  });
});

describe("signatures", () => {
  test("with or without brackets, stored without them", () => {
    expect(parseSignature("【示例科技】")).toBe("示例科技");
    expect(parseSignature("示例科技")).toBe("示例科技");
    expect(parseSignature(" [Demo2026] ")).toBe("Demo2026");
    expect(parseSignature("【ＡＢＣ科技】")).toBe("ABC科技");
    expect(parseSignature("【中国邮政12】")).toBe("中国邮政12");
  });

  test("2–12 Chinese characters, letters or digits only", () => {
    expect(parseSignature("【示】")).toBeNull();
    expect(parseSignature("【一二三四五六七八九十一二三】")).toBeNull();
    expect(parseSignature("【示例 科技】")).toBeNull();
    expect(parseSignature("【示例-科技】")).toBeNull();
    expect(parseSignature("【示例】科技")).toBeNull();
    expect(parseSignature("【】")).toBeNull();
    expect(parseSignature("【一二三四五六七八九十一二】")).toBe("一二三四五六七八九十一二");
  });
});
