import ExcelJS from "exceljs";
import { describe, expect, test } from "vitest";
import { AppError } from "../errors";
import { cellText, decodeText, detectFormat, readCsv, readSheet, readXlsx } from "./import-file";

const utf8 = (text: string) => new TextEncoder().encode(text);

describe("CSV", () => {
  test("UTF-8 with and without BOM read the same", () => {
    const text = "姓名,手机\r\n张三,13800138000\r\n";
    const plain = readCsv(utf8(text));
    const bom = readCsv(utf8(`\uFEFF${text}`));
    expect(bom).toEqual(plain);
    expect(plain).toEqual([{ row: 1, cells: ["姓名", "手机"] }, { row: 2, cells: ["张三", "13800138000"] }]);
  });

  test("GBK, as Excel on Chinese Windows saves CSV, is recognised", () => {
    // "姓名,手机\n张三,13800138000" in GBK.
    const gbk = Uint8Array.from([0xd0, 0xd5, 0xc3, 0xfb, 0x2c, 0xca, 0xd6, 0xbb, 0xfa, 0x0a, 0xd5, 0xc5, 0xc8, 0xfd, 0x2c, ...utf8("13800138000")]);
    expect(decodeText(gbk)).toBe("姓名,手机\n张三,13800138000");
    expect(readCsv(gbk)[1]?.cells).toEqual(["张三", "13800138000"]);
  });

  test("quoted fields, semicolons and blank lines; row numbers follow the file", () => {
    const rows = readCsv(utf8('姓名;手机;标签\n\n"张, 三";13800138000;"VIP,华东"\n'));
    expect(rows).toEqual([{ row: 1, cells: ["姓名", "手机", "标签"] }, { row: 3, cells: ["张, 三", "13800138000", "VIP,华东"] }]);
  });
});

describe("XLSX", () => {
  test("the first sheet, numbers without exponent, rich text and formulas as shown", async () => {
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet("通讯录");
    sheet.addRow(["姓名", "手机", "备注"]);
    sheet.addRow(["张三", 13800138000, { richText: [{ text: "重要" }, { text: "客户" }] }]);
    sheet.addRow([]);
    sheet.addRow([{ formula: "\"李\"&\"四\"", result: "李四" }, "+86 139 0013 9000", null]);
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
