// From sheet rows to contacts: find the header (Chinese or English), read each row into a
// normalised contact or a per-row problem. Pure; the database check (ALREADY_IN_BOOK) is in import.ts.
import { AppError } from "../errors";
import { assertText } from "../validation/text";
import type { SheetRow } from "./import-file";
import { type ContactKindCode, contactMobile, LIMITS, parseKind, splitList } from "./rules";

export const IMPORT_COLUMNS = ["name", "mobile", "kind", "groups", "tags", "note"] as const;
export type ImportColumn = (typeof IMPORT_COLUMNS)[number];
export type ColumnMap = Partial<Record<ImportColumn, number>>;

/** Errors keep a row out of the import; ALREADY_IN_BOOK is a note: the row updates that contact. */
export const ROW_ERRORS = [
  "INVALID_NUMBER",
  "MISSING_NAME",
  "INVALID_KIND",
  "FIELD_TOO_LONG",
  "DUPLICATE_IN_FILE",
] as const;
export type RowError = (typeof ROW_ERRORS)[number];
export type RowProblemCode = RowError | "ALREADY_IN_BOOK";

export interface RowProblem {
  row: number;
  problem: RowProblemCode;
  name: string;
  /** The number as written in the file. */
  mobile: string;
  /** DUPLICATE_IN_FILE: the row that has the number first. */
  firstRow?: number;
}

/** A row ready to import, as stored in ContactImport.rows. */
export interface ImportRow {
  row: number;
  name: string;
  mobile: string;
  kind: ContactKindCode;
  tags: string[];
  note: string | null;
  groups: string[];
}

// Header words, compared after folding case, width and spaces and dropping marks like "*" or "(必填)".
const HEADER_WORDS: Record<ImportColumn, string[]> = {
  name: ["姓名", "名字", "联系人", "联系人姓名", "name", "fullname", "contactname"],
  mobile: [
    "手机",
    "手机号",
    "手机号码",
    "移动电话",
    "电话",
    "电话号码",
    "号码",
    "联系电话",
    "mobile",
    "mobilenumber",
    "phone",
    "phonenumber",
    "cell",
    "tel",
  ],
  kind: ["类型", "类别", "身份", "联系人类型", "kind", "type"],
  groups: ["分组", "群组", "组", "所属分组", "group", "groups"],
  tags: ["标签", "tag", "tags", "label", "labels"],
  note: ["备注", "说明", "note", "notes", "remark", "remarks", "comment"],
};

const WORD_TO_COLUMN = new Map<string, ImportColumn>(
  IMPORT_COLUMNS.flatMap((column) => HEADER_WORDS[column].map((word) => [word, column] as const)),
);

export function headerWord(cell: string): string {
  return cell
    .normalize("NFKC")
    .toLowerCase()
    .replace(/[(（[【].*?[)）\]】]/g, "")
    .replace(/[\s*:：_\-]/g, "");
}

/** A bilingual header such as "姓名/name" or "手机 Mobile" counts as either word. */
function columnOf(cell: string): ImportColumn | undefined {
  const whole = WORD_TO_COLUMN.get(headerWord(cell));
  if (whole) return whole;
  for (const part of cell.split(/[/|｜\s]+/)) {
    const column = WORD_TO_COLUMN.get(headerWord(part));
    if (column) return column;
  }
  return undefined;
}

/** The columns one row would name, if it is a header. */
export function headerColumns(cells: string[]): ColumnMap {
  const map: ColumnMap = {};
  cells.forEach((cell, index) => {
    const column = columnOf(cell);
    if (column && map[column] === undefined) map[column] = index;
  });
  return map;
}

/** Without a header row the columns are taken in the order the template uses. */
export const DEFAULT_COLUMNS: ColumnMap = { name: 0, mobile: 1, kind: 2, groups: 3, tags: 4, note: 5 };
const HEADER_SEARCH_ROWS = 10;

/**
 * The header is the first of the first ten rows naming a mobile column and at least one other; rows
 * above it (a title, a blank line) are skipped. A file without one is read in template order if its
 * first row's second cell is a mobile number, else it is refused.
 */
export function detectHeader(rows: SheetRow[]): { columns: ColumnMap; dataStart: number } {
  for (let i = 0; i < Math.min(rows.length, HEADER_SEARCH_ROWS); i++) {
    const columns = headerColumns(rows[i]?.cells ?? []);
    if (columns.mobile !== undefined && Object.keys(columns).length >= 2) return { columns, dataStart: i + 1 };
  }
  const first = rows[0]?.cells[1];
  if (first !== undefined && contactMobile(first) !== null) return { columns: DEFAULT_COLUMNS, dataStart: 0 };
  throw new AppError("IMPORT_NO_HEADER");
}

/** Cells exported with a leading apostrophe (so spreadsheets do not run them as formulas) get it back off. */
function cleanCell(text: string | undefined): string {
  const value = (text ?? "").trim();
  return /^'[=+\-@]/.test(value) ? value.slice(1) : value;
}

export interface CheckOptions {
  /** For rows whose kind cell is blank (or absent). */
  defaultKind: ContactKindCode;
  /** A group every imported contact joins, besides its own. */
  groupName?: string | null;
}

export interface CheckedRows {
  totalRows: number;
  valid: ImportRow[];
  /** Every error row, in file order (the caller keeps as many as it stores). */
  problems: RowProblem[];
  invalidRows: number;
  duplicateRows: number;
}

function rowProblem(
  name: string,
  mobile: string | null,
  kind: ContactKindCode | null,
  tags: string[],
  note: string,
  groups: string[],
): RowError | null {
  if (mobile === null) return "INVALID_NUMBER";
  if (name === "") return "MISSING_NAME";
  if (kind === null) return "INVALID_KIND";
  if (
    name.length > LIMITS.name ||
    note.length > LIMITS.note ||
    tags.length > LIMITS.tagsPerContact ||
    tags.some((tag) => tag.length > LIMITS.tag) ||
    groups.length > LIMITS.groupsPerContact ||
    groups.some((group) => group.length > LIMITS.groupName)
  ) {
    return "FIELD_TOO_LONG";
  }
  return null;
}

/** Reads every data row; a number seen in an earlier valid row makes the later row DUPLICATE_IN_FILE. */
export function checkRows(rows: SheetRow[], options: CheckOptions): CheckedRows {
  const { columns, dataStart } = detectHeader(rows);
  // A cell the import keeps must be storable text: NUL, control characters (line breaks aside),
  // lone surrogates and invisible-only text refuse the whole file, naming row and column.
  const cell = (row: number, cells: string[], column: ImportColumn) => {
    const index = columns[column];
    const value = index === undefined ? "" : cleanCell(cells[index]);
    assertText(value, `${row}:${column}`, { multiline: true });
    return value;
  };
  const extraGroup = options.groupName?.trim() || null;
  const firstRowOf = new Map<string, number>();
  const valid: ImportRow[] = [];
  const problems: RowProblem[] = [];
  let invalidRows = 0;
  let duplicateRows = 0;
  for (let i = dataStart; i < rows.length; i++) {
    const { row, cells } = rows[i] as SheetRow;
    const name = cell(row, cells, "name");
    const rawMobile = cell(row, cells, "mobile");
    const kind = parseKind(cell(row, cells, "kind"), options.defaultKind);
    const tags = splitList(cell(row, cells, "tags"));
    const note = cell(row, cells, "note");
    const groups = splitList(cell(row, cells, "groups"));
    if (extraGroup && !groups.includes(extraGroup)) groups.push(extraGroup);
    const normalized = contactMobile(rawMobile);
    const error = rowProblem(name, normalized, kind, tags, note, groups);
    if (error) {
      invalidRows++;
      problems.push({ row, problem: error, name, mobile: rawMobile });
      continue;
    }
    const mobile = normalized as string;
    const firstRow = firstRowOf.get(mobile);
    if (firstRow !== undefined) {
      duplicateRows++;
      problems.push({ row, problem: "DUPLICATE_IN_FILE", name, mobile: rawMobile, firstRow });
      continue;
    }
    firstRowOf.set(mobile, row);
    valid.push({ row, name, mobile, kind: kind as ContactKindCode, tags, note: note || null, groups });
  }
  return { totalRows: rows.length - dataStart, valid, problems, invalidRows, duplicateRows };
}
