// The one text rule: what it refuses (NUL, controls, lone surrogates, invisible-only text) and what it
// must keep accepting (Chinese, emoji as surrogate pairs, line breaks where multi-line, % and _).
import { describe, expect, test } from "vitest";
import { z } from "zod";
import { findInvalidText, text, textIssueOf, textProblem } from "./text";

describe("textProblem", () => {
  test("refuses NUL, other control characters and unpaired surrogates", () => {
    for (const value of [
      "\u0000",
      "张三\u0000",
      "a\u0001",
      "\u007F",
      "\u0085",
      "\uD800",
      "a\uDC00",
      "\uDFFF\uD800",
      "😀\uD83D",
    ]) {
      expect(textProblem(value, { multiline: true }), JSON.stringify(value)).toBe("TEXT_INVALID_CHARACTERS");
    }
    // Tab and line breaks only where the field is multi-line.
    expect(textProblem("a\nb")).toBe("TEXT_INVALID_CHARACTERS");
    expect(textProblem("a\tb")).toBe("TEXT_INVALID_CHARACTERS");
    expect(textProblem("第一行\r\n第二行\t完", { multiline: true })).toBeNull();
  });

  test("refuses text made only of white space, zero-width and other invisible characters", () => {
    for (const value of [
      " ",
      "\u3000",
      "\u200B",
      "\u200B\u200C\u200D\u2060\uFEFF",
      "\u202E\u202C",
      "\u2066\u2069\u061C",
      "\uFE0F",
      "\u3164",
    ]) {
      expect(textProblem(value), JSON.stringify(value)).toBe("TEXT_INVISIBLE_ONLY");
    }
    expect(textProblem(" \n\t ", { multiline: true })).toBe("TEXT_INVISIBLE_ONLY");
    expect(textProblem("")).toBeNull();
  });

  test("accepts Chinese, emoji (surrogate pairs, ZWJ sequences, flags), RTL text, % and _, SQL and HTML", () => {
    for (const value of ["下午三点开会", "😀", "👨‍👩‍👧‍👦🇨🇳", "مرحبا", "100%_off", "' OR '1'='1", "<b>x</b>", "a\u200Bb"]) {
      expect(textProblem(value), value).toBeNull();
    }
  });
});

describe("text()", () => {
  test("trims, bounds the length and applies the rule; its issues name the code and the field", () => {
    const schema = z.object({ name: text({ min: 1, max: 5 }), note: text({ max: 100, multiline: true }).optional() });
    expect(schema.parse({ name: "  张三 ", note: "一\n二" })).toEqual({ name: "张三", note: "一\n二" });
    expect(schema.safeParse({ name: "123456" }).success).toBe(false);
    const nul = schema.safeParse({ name: "a\u0000" });
    expect(nul.success || textIssueOf(nul.error)).toEqual({ code: "TEXT_INVALID_CHARACTERS", field: "name" });
    const invisible = schema.safeParse({ name: "x", note: "\u200B" });
    expect(invisible.success || textIssueOf(invisible.error)).toEqual({ code: "TEXT_INVISIBLE_ONLY", field: "note" });
    const tooLong = schema.safeParse({ name: "123456" });
    expect(tooLong.success || textIssueOf(tooLong.error)).toBeNull();
  });
});

describe("findInvalidText (the safety net)", () => {
  test("names the first string anywhere in the input that has NUL, controls or a lone surrogate; keys count too", () => {
    expect(findInvalidText({ a: "ok", b: [{ c: "x" }, { c: "y\u0000" }] })).toBe("b[1].c");
    expect(findInvalidText(["\uD800"])).toBe("[0]");
    expect(findInvalidText({ "k\u0000": 1 })).toBe("input");
    expect(findInvalidText({ content: "第一行\n第二行", when: new Date(), n: 1, none: null })).toBeNull();
    // Invisible-only text is each field's own rule, not the net's.
    expect(findInvalidText({ search: "\u200B" })).toBeNull();
  });
});
