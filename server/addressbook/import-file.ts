// Reading an uploaded address-book file into rows of text cells: CSV (UTF-8 with or without BOM,
// or GBK/GB18030 as Excel on Chinese Windows saves it) through papaparse, XLSX through exceljs's
// streaming reader (a 100,000-row sheet never becomes a full workbook model in memory), fed the
// parts xlsx-guard.ts has checked and inflates under its limits. Rows are read one by one: the row,
// column and cell limits stop the reading where they are passed.
import { Readable } from "node:stream";
import ExcelJS from "exceljs";
import Papa from "papaparse";
import { AppError } from "../errors";
import { MAX_CELL_CHARS, MAX_IMPORT_COLUMNS, openXlsx, tooComplex, type XlsxArchive } from "./xlsx-guard";

export { MAX_CELL_CHARS, MAX_IMPORT_COLUMNS } from "./xlsx-guard";

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
  if (startsWith(data, OLE_MAGIC) || /\.xls$/i.test(fileName))
    throw new AppError("IMPORT_FILE_INVALID", { detail: "xls" });
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

/** The limits every row is held to, CSV or XLSX, before it is kept. */
function checkRowSize(cells: readonly string[]): void {
  if (cells.length > MAX_IMPORT_COLUMNS) throw tooComplex("tooManyColumns", { maxColumns: MAX_IMPORT_COLUMNS });
  if (cells.some((c) => c.length > MAX_CELL_CHARS)) throw tooComplex("cellTooLong", { maxChars: MAX_CELL_CHARS });
}

const isBlank = (cells: string[]) => cells.every((c) => c.trim() === "");

export function readCsv(data: Uint8Array): SheetRow[] {
  const rows: SheetRow[] = [];
  let index = 0;
  let refusal: unknown = null;
  // Row by row: a limit passed aborts the parse there instead of after the whole file.
  Papa.parse<string[]>(decodeText(data), {
    skipEmptyLines: false,
    delimitersToGuess: [",", "\t", ";", "|"],
    step: (result, parser) => {
      index += 1;
      const raw: unknown = result.data;
      if (!Array.isArray(raw)) return;
      try {
        const cells = raw.map((c) => String(c ?? ""));
        checkRowSize(cells);
        if (isBlank(cells)) return;
        rows.push({ row: index, cells });
        tooMany(rows.length);
      } catch (error) {
        refusal = error;
        parser.abort();
      }
    },
  });
  if (refusal) throw refusal;
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

/** exceljs 4.4.0's WorkbookReader, driven part by part with streams xlsx-guard.ts inflates. */
interface WorkbookParts {
  model?: { sheets?: { rId?: string }[] };
  workbookRels?: { Id: string; Target: string }[];
  sharedStrings?: unknown[];
  _parseRels(entry: Readable): Promise<void>;
  _parseWorkbook(entry: Readable): Promise<void>;
  _parseSharedStrings(entry: Readable): AsyncGenerator<unknown>;
  _parseWorksheet(
    entry: Readable,
    sheetNo: string,
  ): Generator<{ eventType: string; value: AsyncIterable<ExcelJS.Row> }>;
}

/** The workbook's first sheet (by the workbook's order, else the archive's). */
function firstSheetPart(archive: XlsxArchive, reader: WorkbookParts): string | undefined {
  const rId = reader.model?.sheets?.[0]?.rId;
  const target = reader.workbookRels?.find((rel) => rel.Id === rId)?.Target;
  const named = target && (target.startsWith("/") ? target.slice(1) : `xl/${target}`);
  if (named && archive.has(named)) return named;
  return archive.names.find((name) => /^xl\/worksheets\/[^/]+\.xml$/.test(name));
}

/** The first worksheet only: an address book is one table. */
export async function readXlsx(data: Uint8Array): Promise<SheetRow[]> {
  const archive = await openXlsx(data);
  const reader = new ExcelJS.stream.xlsx.WorkbookReader(Readable.from([]), {
    worksheets: "emit",
    sharedStrings: "cache",
    hyperlinks: "ignore",
    styles: "ignore",
    entries: "ignore",
  }) as unknown as WorkbookParts;
  const rows: SheetRow[] = [];
  try {
    if (archive.has("xl/_rels/workbook.xml.rels"))
      await reader._parseRels(await archive.open("xl/_rels/workbook.xml.rels"));
    if (archive.has("xl/workbook.xml")) await reader._parseWorkbook(await archive.open("xl/workbook.xml"));
    // Before the sheet, so that the sheet streams (exceljs would otherwise park it in a temporary file).
    if (archive.has("xl/sharedStrings.xml"))
      for await (const _ of reader._parseSharedStrings(await archive.open("xl/sharedStrings.xml")));
    reader.sharedStrings ??= [];
    const part = firstSheetPart(archive, reader);
    if (!part) throw new AppError("IMPORT_FILE_INVALID", { detail: "xlsx" });
    for (const { value: worksheet } of reader._parseWorksheet(await archive.open(part), part.replace(/\D/g, ""))) {
      for await (const row of worksheet) {
        // row.values is 1-based: index 0 is always empty.
        const values = row.values as ExcelJS.CellValue[];
        if (values.length - 1 > MAX_IMPORT_COLUMNS)
          throw tooComplex("tooManyColumns", { maxColumns: MAX_IMPORT_COLUMNS });
        const cells = Array.from(values.slice(1), (v) => cellText(v));
        checkRowSize(cells);
        if (isBlank(cells)) continue;
        rows.push({ row: row.number, cells });
        tooMany(rows.length);
      }
      break;
    }
  } catch (error) {
    if (error instanceof AppError) throw error;
    throw new AppError("IMPORT_FILE_INVALID", { detail: "xlsx" });
  } finally {
    archive.close();
  }
  return rows;
}

export async function readSheet(fileName: string, data: Uint8Array): Promise<SheetRow[]> {
  if (data.byteLength > MAX_IMPORT_BYTES)
    throw new AppError("IMPORT_FILE_TOO_LARGE", { maxMb: MAX_IMPORT_BYTES / 1024 / 1024 });
  return detectFormat(fileName, data) === "xlsx" ? readXlsx(data) : readCsv(data);
}
