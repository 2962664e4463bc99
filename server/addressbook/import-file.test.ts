import ExcelJS from "exceljs";
import { describe, expect, test } from "vitest";
import { AppError } from "../errors";
import { translator } from "../i18n";
import {
  incompressibleText,
  inlineCell,
  inlineCellBomb,
  lyingSharedStringsBomb,
  manyRowsWorkbook,
  memoryMb,
  SHARED_STRINGS_PART,
  SHEET_PART,
  sharedStringBomb,
  sheetXml,
  tinyWorkbook,
  withParts,
} from "../testing/xlsx-bombs";
import {
  cellText,
  decodeText,
  detectFormat,
  MAX_CELL_CHARS,
  MAX_IMPORT_BYTES,
  MAX_IMPORT_COLUMNS,
  MAX_IMPORT_ROWS,
  readCsv,
  readSheet,
  readXlsx,
} from "./import-file";
import { MAX_ZIP_ENTRIES, tooComplex } from "./xlsx-guard";

const utf8 = (text: string) => new TextEncoder().encode(text);

describe("CSV", () => {
  test("UTF-8 with and without BOM read the same", () => {
    const text = "姓名,手机\r\n张三,13800138000\r\n";
    const plain = readCsv(utf8(text));
    const bom = readCsv(utf8(`\uFEFF${text}`));
    expect(bom).toEqual(plain);
    expect(plain).toEqual([
      { row: 1, cells: ["姓名", "手机"] },
      { row: 2, cells: ["张三", "13800138000"] },
    ]);
  });

  test("GBK, as Excel on Chinese Windows saves CSV, is recognised", () => {
    // "姓名,手机\n张三,13800138000" in GBK.
    const gbk = Uint8Array.from([
      0xd0,
      0xd5,
      0xc3,
      0xfb,
      0x2c,
      0xca,
      0xd6,
      0xbb,
      0xfa,
      0x0a,
      0xd5,
      0xc5,
      0xc8,
      0xfd,
      0x2c,
      ...utf8("13800138000"),
    ]);
    expect(decodeText(gbk)).toBe("姓名,手机\n张三,13800138000");
    expect(readCsv(gbk)[1]?.cells).toEqual(["张三", "13800138000"]);
  });

  test("quoted fields, semicolons and blank lines; row numbers follow the file", () => {
    const rows = readCsv(utf8('姓名;手机;标签\n\n"张, 三";13800138000;"VIP,华东"\n'));
    expect(rows).toEqual([
      { row: 1, cells: ["姓名", "手机", "标签"] },
      { row: 3, cells: ["张, 三", "13800138000", "VIP,华东"] },
    ]);
  });
});

describe("XLSX", () => {
  test("the first sheet, numbers without exponent, rich text and formulas as shown", async () => {
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet("通讯录");
    sheet.addRow(["姓名", "手机", "备注"]);
    sheet.addRow(["张三", 13800138000, { richText: [{ text: "重要" }, { text: "客户" }] }]);
    sheet.addRow([]);
    sheet.addRow([{ formula: '"李"&"四"', result: "李四" }, "+86 139 0013 9000", null]);
    workbook.addWorksheet("其他").addRow(["ignored"]);
    const data = new Uint8Array(await workbook.xlsx.writeBuffer());
    expect(detectFormat("contacts.csv", data)).toBe("xlsx");
    expect(await readXlsx(data)).toEqual([
      { row: 1, cells: ["姓名", "手机", "备注"] },
      { row: 2, cells: ["张三", "13800138000", "重要客户"] },
      { row: 4, cells: ["李四", "+86 139 0013 9000"] },
    ]);
  });

  test("cell values", () => {
    expect(cellText(8613800138000)).toBe("8613800138000");
    expect(cellText(null)).toBe("");
    expect(cellText({ text: "link", hyperlink: "http://x" })).toBe("link");
  });

  test("a broken workbook and legacy .xls are refused with IMPORT_FILE_INVALID", async () => {
    const broken = Uint8Array.from([0x50, 0x4b, 0x03, 0x04, 1, 2, 3, 4, 5]);
    await expect(readSheet("x.xlsx", broken)).rejects.toMatchObject({ code: "IMPORT_FILE_INVALID" });
    expect(() => detectFormat("old.xls", utf8("whatever"))).toThrow(AppError);
  });
});

describe("limits: hostile files are refused before their payload is built", () => {
  const refusal = (promise: Promise<unknown>) =>
    promise.then(
      () => null,
      (error: unknown) => error as AppError,
    );

  /** The refusal of `data`, and how much the process grew while it was refused. */
  async function refuse(data: Uint8Array, label: string) {
    const before = memoryMb();
    const error = await refusal(readSheet("contacts.xlsx", data));
    const after = memoryMb();
    const growth = { rss: after.rss - before.rss, heap: after.heap - before.heap };
    console.log(
      `${label} (${Math.round(data.byteLength / 1024)} KB): ${error?.code ?? "accepted"} ${String(error?.params.limit ?? "")}; growth rss ${growth.rss} MB, heap ${growth.heap} MB`,
    );
    return { error, growth };
  }

  test("one 100 MB shared string in a ~100 KB file: IMPORT_FILE_TOO_COMPLEX (compression ratio), the process barely grows", async () => {
    const data = await sharedStringBomb(100);
    expect(data.byteLength).toBeLessThan(MAX_IMPORT_BYTES);
    const { error, growth } = await refuse(data, "shared-string bomb");
    expect(error).toMatchObject({ code: "IMPORT_FILE_TOO_COMPLEX", params: { limit: "compressionRatio" } });
    expect(growth.rss).toBeLessThan(200);
    expect(growth.heap).toBeLessThan(200);
  }, 30_000);

  test("one 100 MB inline cell in the sheet: refused the same way", async () => {
    const { error, growth } = await refuse(await inlineCellBomb(100), "inline-cell bomb");
    expect(error).toMatchObject({ code: "IMPORT_FILE_TOO_COMPLEX", params: { limit: "compressionRatio" } });
    expect(growth.rss).toBeLessThan(200);
    expect(growth.heap).toBeLessThan(200);
  }, 30_000);

  test("a part whose directory entry claims 4 KB but inflates to 100 MB is stopped at the claimed size", async () => {
    const { error, growth } = await refuse(await lyingSharedStringsBomb(4096), "lying entry");
    expect(error).toMatchObject({ code: "IMPORT_FILE_TOO_COMPLEX", params: { limit: "partTooLarge" } });
    expect(growth.rss).toBeLessThan(200);
  }, 30_000);

  test("a long cell that compresses poorly (2 MB of letters) is refused as too long while inflating", async () => {
    const data = await withParts({
      [SHEET_PART]: sheetXml([
        inlineCell("A1", "姓名") + inlineCell("B1", "手机"),
        inlineCell("A2", incompressibleText(2 * 1024 * 1024)) + inlineCell("B2", "13800138000"),
      ]),
    });
    const { error, growth } = await refuse(data, "incompressible long cell");
    expect(error).toMatchObject({
      code: "IMPORT_FILE_TOO_COMPLEX",
      params: { limit: "cellTooLong", maxChars: MAX_CELL_CHARS },
    });
    expect(growth.rss).toBeLessThan(200);
  }, 30_000);

  test("cells: MAX_CELL_CHARS is accepted, one more is refused (XLSX and CSV)", async () => {
    const sheet = (text: string) =>
      withParts({
        [SHEET_PART]: sheetXml([
          inlineCell("A1", "姓名") + inlineCell("B1", "备注"),
          inlineCell("A2", "张三") + inlineCell("B2", text),
        ]),
      });
    expect((await readXlsx(await sheet("备".repeat(MAX_CELL_CHARS))))[1]?.cells[1]).toHaveLength(MAX_CELL_CHARS);
    expect(await refusal(readXlsx(await sheet("备".repeat(MAX_CELL_CHARS + 1))))).toMatchObject({
      code: "IMPORT_FILE_TOO_COMPLEX",
      params: { limit: "cellTooLong" },
    });
    expect(readCsv(utf8(`姓名,备注\n张三,${"x".repeat(MAX_CELL_CHARS)}\n`))[1]?.cells[1]).toHaveLength(MAX_CELL_CHARS);
    expect(() => readCsv(utf8(`姓名,备注\n张三,${"x".repeat(MAX_CELL_CHARS + 1)}\n`))).toThrow(
      expect.objectContaining({
        code: "IMPORT_FILE_TOO_COMPLEX",
        params: expect.objectContaining({ limit: "cellTooLong" }),
      }),
    );
  });

  test("a cell in the sheet's last column (XFD) would make every row 16,384 wide: refused; so is a 300-column CSV row", async () => {
    const rows = [inlineCell("A1", "姓名") + inlineCell("B1", "手机")];
    for (let i = 2; i < 1_000; i++) rows.push(inlineCell(`A${i}`, "x") + inlineCell(`XFD${i}`, "y"));
    expect(await refusal(readXlsx(await withParts({ [SHEET_PART]: sheetXml(rows) })))).toMatchObject({
      code: "IMPORT_FILE_TOO_COMPLEX",
      params: { limit: "tooManyColumns", maxColumns: MAX_IMPORT_COLUMNS },
    });
    expect(() => readCsv(utf8(`姓名,手机\n${"x,".repeat(300)}\n`))).toThrow(
      expect.objectContaining({ params: expect.objectContaining({ limit: "tooManyColumns" }) }),
    );
  });

  test("rows: MAX_IMPORT_ROWS data rows are read, one more is IMPORT_TOO_MANY_ROWS (XLSX and CSV)", async () => {
    expect(await readXlsx(await manyRowsWorkbook(MAX_IMPORT_ROWS))).toHaveLength(MAX_IMPORT_ROWS + 1);
    expect(await refusal(readXlsx(await manyRowsWorkbook(MAX_IMPORT_ROWS + 1)))).toMatchObject({
      code: "IMPORT_TOO_MANY_ROWS",
      params: { max: MAX_IMPORT_ROWS },
    });
    const csv = (count: number) =>
      utf8(["姓名,手机", ...Array.from({ length: count }, (_, i) => `n${i},${13000000000 + i}`)].join("\n"));
    expect(readCsv(csv(MAX_IMPORT_ROWS))).toHaveLength(MAX_IMPORT_ROWS + 1);
    expect(() => readCsv(csv(MAX_IMPORT_ROWS + 1))).toThrow(expect.objectContaining({ code: "IMPORT_TOO_MANY_ROWS" }));
  }, 60_000);

  test("too many parts, a DOCTYPE, encrypted parts", async () => {
    const parts = Object.fromEntries(Array.from({ length: MAX_ZIP_ENTRIES }, (_, i) => [`xl/media/x${i}.txt`, "x"]));
    expect(await refusal(readXlsx(await withParts(parts)))).toMatchObject({
      code: "IMPORT_FILE_TOO_COMPLEX",
      params: { limit: "tooManyEntries" },
    });
    const doctype = `<?xml version="1.0"?><!DOCTYPE sst [<!ENTITY a "aaaaaaaaaa">]><sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><si><t>&a;</t></si></sst>`;
    expect(await refusal(readXlsx(await withParts({ [SHARED_STRINGS_PART]: doctype })))).toMatchObject({
      code: "IMPORT_FILE_TOO_COMPLEX",
      params: { limit: "xmlMarkup" },
    });
    // Flag bit 0 of the general-purpose flags (local header +6, directory entry +8) marks a part encrypted.
    const encrypted = Buffer.from(await tinyWorkbook());
    for (let at = encrypted.indexOf("PK\x01\x02"); at !== -1; at = encrypted.indexOf("PK\x01\x02", at + 1))
      encrypted.writeUInt16LE(encrypted.readUInt16LE(at + 8) | 1, at + 8);
    expect(await refusal(readXlsx(new Uint8Array(encrypted)))).toMatchObject({
      code: "IMPORT_FILE_TOO_COMPLEX",
      params: { limit: "encrypted" },
    });
  });

  test("the refusal names its limit in the caller's language", () => {
    const error = tooComplex("cellTooLong", { maxChars: MAX_CELL_CHARS });
    expect(translator("zh")(`errors.${error.code}`, error.params)).toBe(
      "无法处理该文件：有单元格超过 1000 个字符；请检查文件，或拆分后导入",
    );
    expect(translator("en")(`errors.${error.code}`, error.params)).toBe(
      "The file cannot be processed: a cell holds more than 1000 characters; check it, or split it and import the parts",
    );
    expect(translator("en")("errors.IMPORT_FILE_TOO_COMPLEX", tooComplex("compressionRatio").params)).toContain(
      "compressed beyond any real spreadsheet",
    );
  });
});
