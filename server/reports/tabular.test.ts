import ExcelJS from "exceljs";
import { expect, test } from "vitest";
import { spreadsheetSafe, writeTabular } from "./tabular";

const columns = [{ header: "手机", text: true }, { header: "备注" }, { header: "条数" }];

test("CSV: BOM, CRLF, quoting, formula-looking text kept as text", async () => {
  async function* rows() {
    yield ["13800138000", "=SUM(A1)", 3];
    yield ["13900139000", 'say "hi", ok', 0];
  }
  const file = await writeTabular("csv", { sheetName: "s", columns, rows: rows() });
  expect(file.count).toBe(2);
  expect(file.contentType).toBe("text/csv; charset=utf-8");
  expect([...file.body.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
  expect(new TextDecoder("utf-8", { ignoreBOM: true }).decode(file.body)).toBe(
    '\uFEFF手机,备注,条数\r\n13800138000,\'=SUM(A1),3\r\n13900139000,"say ""hi"", ok",0\r\n',
  );
});

test("XLSX: bold frozen header, text columns stay text, numbers stay numbers", async () => {
  const file = await writeTabular("xlsx", { sheetName: "用量报表", columns, rows: [["13800138000", "+1", 5]] });
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(Buffer.from(file.body) as unknown as ArrayBuffer);
  const sheet = workbook.getWorksheet("用量报表")!;
  expect(sheet.getRow(1).font?.bold).toBe(true);
  expect(sheet.getRow(2).values).toEqual([undefined, "13800138000", "'+1", 5]);
});

test("spreadsheetSafe keeps formulas as text", () => {
  expect(spreadsheetSafe("=SUM(A1)")).toBe("'=SUM(A1)");
  expect(spreadsheetSafe("+86")).toBe("'+86");
  expect(spreadsheetSafe("-5")).toBe("'-5");
  expect(spreadsheetSafe("@x")).toBe("'@x");
  expect(spreadsheetSafe("示例")).toBe("示例");
});
