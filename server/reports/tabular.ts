// The one writer for tables people download: CSV (UTF-8 with a BOM, CRLF, as Excel reads and writes it)
// or XLSX (streamed by exceljs, header row bold and frozen). Rows arrive as an (async) iterable so a
// long report is never one query or one array. Text cells that a spreadsheet would run as a formula
// are kept as text; numbers stay numbers in XLSX, so sums and charts work on them.
import { PassThrough } from "node:stream";
import ExcelJS from "exceljs";
import Papa from "papaparse";

export const TABULAR_FORMATS = ["csv", "xlsx"] as const;
export type TabularFormat = (typeof TABULAR_FORMATS)[number];

export type TabularCell = string | number;

export interface TabularColumn {
  header: string;
  /** Width in characters (XLSX only). */
  width?: number;
  /** Keep the column as text in XLSX (phone numbers: 13800138000, not 1.38E+10). */
  text?: boolean;
}

export interface TabularTable {
  /** The worksheet's name (XLSX only; at most 31 characters). */
  sheetName: string;
  columns: TabularColumn[];
  rows: Iterable<TabularCell[]> | AsyncIterable<TabularCell[]>;
}

export interface TabularFile {
  contentType: string;
  body: Uint8Array;
  /** Data rows written (the header not counted). */
  count: number;
}

const BOM = "\uFEFF";
export const TABULAR_CONTENT_TYPES: Record<TabularFormat, string> = {
  csv: "text/csv; charset=utf-8",
  xlsx: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
};

/**
 * Spreadsheets run a cell starting with = + - @ as a formula; a leading apostrophe keeps it text
 * (imports take it off again).
 */
export function spreadsheetSafe(text: string): string {
  return /^[=+\-@\t\r]/.test(text) ? `'${text}` : text;
}

const safeCell = (cell: TabularCell): TabularCell => (typeof cell === "string" ? spreadsheetSafe(cell) : cell);

async function writeCsv(table: TabularTable): Promise<{ body: Uint8Array; count: number }> {
  const lines: string[][] = [table.columns.map((c) => spreadsheetSafe(c.header))];
  for await (const row of table.rows) lines.push(row.map((cell) => String(safeCell(cell))));
  // The BOM makes Excel read the file as UTF-8 (without it Chinese text comes out garbled).
  const text = BOM + Papa.unparse(lines, { newline: "\r\n" }) + "\r\n";
  return { body: new TextEncoder().encode(text), count: lines.length - 1 };
}

async function writeXlsx(table: TabularTable): Promise<{ body: Uint8Array; count: number }> {
  const out = new PassThrough();
  const chunks: Buffer[] = [];
  out.on("data", (chunk: Buffer) => chunks.push(chunk));
  const finished = new Promise<void>((resolve, reject) => {
    out.on("end", resolve);
    out.on("error", reject);
  });
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useStyles: true, useSharedStrings: false });
  const sheet = workbook.addWorksheet(table.sheetName.slice(0, 31), { views: [{ state: "frozen", ySplit: 1 }] });
  sheet.columns = table.columns.map((c) => ({ width: c.width ?? 14, ...(c.text ? { style: { numFmt: "@" } } : {}) }));
  const header = sheet.addRow(table.columns.map((c) => c.header));
  header.font = { bold: true };
  header.commit();
  let count = 0;
  for await (const row of table.rows) {
    sheet.addRow(row.map((cell, i) => (table.columns[i]?.text ? String(safeCell(cell)) : safeCell(cell)))).commit();
    count++;
  }
  sheet.commit();
  await workbook.commit();
  await finished;
  return { body: Buffer.concat(chunks), count };
}

export async function writeTabular(format: TabularFormat, table: TabularTable): Promise<TabularFile> {
  const { body, count } = format === "csv" ? await writeCsv(table) : await writeXlsx(table);
  return { contentType: TABULAR_CONTENT_TYPES[format], body, count };
}
