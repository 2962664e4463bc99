import { describe, expect, test } from "vitest";
import { decodeTextFile, letterType, parseNumberLists, safeFileName } from "./uploads";

const bytes = (...values: number[]) => new Uint8Array([...values, 0, 0, 0, 0]);
const PDF = new TextEncoder().encode("%PDF-1.4\n%...");
const PNG = bytes(0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a);
const JPEG = bytes(0xff, 0xd8, 0xff, 0xe0);

describe("consent letter type", () => {
  test("by magic bytes, with an extension that agrees", () => {
    expect(letterType("letter.pdf", PDF)).toBe("application/pdf");
    expect(letterType("扫描件.PNG", PNG)).toBe("image/png");
    expect(letterType("a.jpg", JPEG)).toBe("image/jpeg");
    expect(letterType("a.jpeg", JPEG)).toBe("image/jpeg");
  });

  test("refused: another type's bytes, a disguised file, or no extension", () => {
    expect(letterType("letter.pdf", PNG)).toBeNull();
    expect(letterType("letter.png", PDF)).toBeNull();
    expect(letterType("letter.pdf", new TextEncoder().encode("<html>%PDF-"))).toBeNull();
    expect(letterType("letter.exe", PDF)).toBeNull();
    expect(letterType("letter", PDF)).toBeNull();
    expect(letterType("letter.pdf", new Uint8Array())).toBeNull();
  });

  test("file names are made safe to store and to send back", () => {
    expect(safeFileName("C:\\Users\\me\\同意函.pdf", "letter.pdf")).toBe("同意函.pdf");
    expect(safeFileName('a"b\r\n.pdf', "letter.pdf")).toBe("ab.pdf");
    expect(safeFileName("", "letter.pdf")).toBe("letter.pdf");
    expect(safeFileName(`${"x".repeat(300)}.pdf`, "letter.pdf")).toHaveLength(120);
    expect(safeFileName(`${"x".repeat(300)}.pdf`, "letter.pdf").endsWith(".pdf")).toBe(true);
  });
});

describe("number lists", () => {
  test("pasted and file lists merge, normalised and de-duplicated in first-seen order", () => {
    const parsed = parseNumberLists([
      { text: "13800138000\n+86 139-0013-9000\n\n13800138000\n", source: "pasted" },
      { text: '手机号,姓名\r\n"0086 137 0013 7000",张三\r\n13900139000,李四\r\n', source: "file" },
    ]);
    expect(parsed).toEqual({ mobiles: ["13800138000", "13900139000", "13700137000"], invalid: [], duplicates: 2 });
  });

  test("invalid entries are reported with their line and source", () => {
    const parsed = parseNumberLists([
      { text: "13800138000\n12345\n", source: "pasted" },
      { text: "\uFEFF13800138001\tnote\nabc;x\n", source: "file" },
    ]);
    expect(parsed.mobiles).toEqual(["13800138000", "13800138001"]);
    expect(parsed.invalid).toEqual([
      { line: 2, value: "12345", source: "pasted" },
      { line: 2, value: "abc", source: "file" },
    ]);
  });

  test("only a first line without digits counts as a header", () => {
    expect(parseNumberLists([{ text: "mobile\n13800138000", source: "file" }]).invalid).toEqual([]);
    expect(parseNumberLists([{ text: "13800138000\nmobile", source: "file" }]).invalid).toEqual([
      { line: 2, value: "mobile", source: "file" },
    ]);
  });

  test("text files decode as UTF-8, else as GB18030", () => {
    expect(decodeTextFile(new TextEncoder().encode("手机号\n13800138000"))).toBe("手机号\n13800138000");
    // "手机号" in GB18030
    const gb = new Uint8Array([0xca, 0xd6, 0xbb, 0xfa, 0xba, 0xc5, 0x0a, 0x31]);
    expect(decodeTextFile(gb)).toBe("手机号\n1");
  });
});
