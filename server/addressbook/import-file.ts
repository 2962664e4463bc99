// Reading an uploaded address-book file into rows of text cells: CSV (UTF-8 with or without BOM,
// or GBK/GB18030 as Excel on Chinese Windows saves it) through papaparse, XLSX through exceljs's
// streaming reader (a 100,000-row sheet never becomes a full workbook model in memory).
import { Readable } from "node:stream";
import ExcelJS from "exceljs";
import Papa from "papaparse";
import { AppError } from "../errors";

/** One row of the sheet as text, with its row number as the user sees it (1 = first line). */
export interface SheetRow {
  row: number;
  cells: string[];
}

export type FileFormat = "csv" | "xlsx";

export const MAX_IMPORT_BYTES = 30 * 1024 * 1024;
/** Rows after the header; a file with more is refused rather than half-imported. */
export const MAX_IMPORT_ROWS = 200_000;

const ZIP_MAGIC = [0x50, 0x4b, 0x03, 0x04];
const OLE_MAGIC = [0xd0, 0xcf, 0x11, 0xe0];
const startsWith = (data: Uint8Array, magic: number[]) => magic.every((b, i) => data[i] === b);

/** By content first (an .xlsx renamed .csv still opens), then by name; legacy .xls is refused. */
export function detectFormat(fileName: string, data: Uint8Array): FileFormat {
  if (startsWith(data, ZIP_MAGIC)) return "xlsx";
  if (startsWith(data, OLE_MAGIC) || /\.xls$/i.test(fileName)) throw new AppError("IMPORT_FILE_INVALID", { detail: "xls" });
  return "csv";
}

/** UTF-8 (a BOM is dropped) when the bytes are valid UTF-8, else GB18030, a superset of GBK. */
export function decodeText(data: Uint8Array): string {
  try {
    const text = new TextDecoder("utf-8", { fatal: true }).decode(data);
    return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  } catch {
    return new TextDecoder("gb18030").decode(data);
  }
}

function tooMany(count: number): void {
  // +1: the header row is not counted against the limit.
  if (count > MAX_IMPORT_ROWS + 1) throw new AppError("IMPORT_TOO_MANY_ROWS", { max: MAX_IMPORT_ROWS });
}

const isBlank = (cells: string[]) => cells.every((c) => c.trim() === "");

export function readCsv(data: Uint8Array): SheetRow[] {
  const parsed = Papa.parse<string[]>(decodeText(data), { skipEmptyLines: false, delimitersToGuess: [",", "\t", ";", "|"] });
  const rows: SheetRow[] = [];
  parsed.data.forEach((cells, index) => {
    if (!Array.isArray(cells) || isBlank(cells)) return;
    rows.push({ row: index + 1, cells: cells.map((c) => String(c ?? "")) });
    tooMany(rows.length);
  });
  return rows;
}

/** The text a person sees in a cell: numbers without exponent, rich text joined, formula results. */
export function cellText(value: ExcelJS.CellValue): string {
  if (value === null || value === undefined) return "";
  if (typeof value === "string") return value;
  if (typeof value === "number") return Number.isInteger(value) ? value.toFixed(0) : String(value);
  if (typeof value === "boolean") return value ? "TRUE" : "FALSE";
  if (value instanceof Date) return value.toISOString();
  if ("richText" in value) return value.richText.map((part) => part.text).join("");
  if ("text" in value && typeof value.text === "string") return value.text;
  if ("result" in value) return value.result === undefined ? "" : cellText(value.result as ExcelJS.CellValue);
  if ("error" in value) return "";
  return "";
}

/** The first worksheet only: an address book is one table. */
export async function readXlsx(data: Uint8Array): Promise<SheetRow[]> {
  const reader = new ExcelJS.stream.xlsx.WorkbookReader(Readable.from([Buffer.from(data.buffer, data.byteOffset, data.byteLength)]), {
    worksheets: "emit",
    sharedStrings: "cache",
    hyperlinks: "ignore",
    styles: "ignore",
    entries: "ignore",
  });
  const rows: SheetRow[] = [];
  try {
    for await (const worksheet of reader) {
      for await (const row of worksheet) {
        // row.values is 1-based: index 0 is always empty.
        const values = (row.values as ExcelJS.CellValue[]).slice(1);
        const cells = Array.from(values, (v) => cellText(v));
        if (isBlank(cells)) continue;
        rows.push({ row: row.number, cells });
        tooMany(rows.length);
      }
      break;
    }
  } catch (error) {
    if (error instanceof AppError) throw error;
    throw new AppError("IMPORT_FILE_INVALID", { detail: "xlsx" });
  }
  return rows;
}

export async function readSheet(fileName: string, data: Uint8Array): Promise<SheetRow[]> {
  if (data.byteLength > MAX_IMPORT_BYTES) throw new AppError("IMPORT_FILE_TOO_LARGE", { maxMb: MAX_IMPORT_BYTES / 1024 / 1024 });
  return detectFormat(fileName, data) === "xlsx" ? readXlsx(data) : readCsv(data);
}
