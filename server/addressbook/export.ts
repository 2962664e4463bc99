// Exporting the (filtered) address book as CSV or XLSX, in the columns the import reads back: a file
// exported here can be edited in Excel and imported again.
import { PassThrough } from "node:stream";
import ExcelJS from "exceljs";
import Papa from "papaparse";
import { recordAudit } from "../audit/service";
import { formatChinaDate, toChinaDate } from "../clock";
import type { DbTx } from "../db";
import type { AddressBookActor, ContactFilter } from "./contacts";
import { contactWhere } from "./contacts";
import type { ContactKindCode } from "./rules";

export const EXPORT_FORMATS = ["csv", "xlsx"] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

/** Column headers and kind names in the reader's language (the import understands both languages). */
export interface ExportLabels {
  headers: { name: string; mobile: string; kind: string; groups: string; tags: string; note: string };
  kinds: Record<ContactKindCode, string>;
  listSeparator: string;
}

export interface ExportFile {
  fileName: string;
  contentType: string;
  body: Uint8Array;
  count: number;
}

const CHUNK = 5_000;
const BOM = "\uFEFF";

/**
 * Spreadsheets run a cell starting with = + - @ as a formula; a leading apostrophe keeps it text
 * (the import takes it off again).
 */
export function spreadsheetSafe(text: string): string {
  return /^[=+\-@\t\r]/.test(text) ? `'${text}` : text;
}

/** Every matching contact as rows of cells, read in chunks so a 100,000-contact book is not one query. */
async function* exportRows(db: DbTx, enterpriseId: string, filter: ContactFilter, labels: ExportLabels): AsyncGenerator<string[]> {
  const where = contactWhere(enterpriseId, filter);
  let cursor: string | undefined;
  for (;;) {
    const chunk = await db.contact.findMany({
      where,
      orderBy: [{ name: "asc" }, { id: "asc" }],
      take: CHUNK,
      ...(cursor ? { cursor: { id: cursor }, skip: 1 } : {}),
      select: { id: true, name: true, mobile: true, kind: true, tags: true, note: true, groups: { select: { group: { select: { name: true } } } } },
    });
    for (const c of chunk) {
      const groups = c.groups.map((m) => m.group.name).sort();
      yield [
        spreadsheetSafe(c.name),
        c.mobile,
        labels.kinds[c.kind],
        spreadsheetSafe(groups.join(labels.listSeparator)),
        spreadsheetSafe(c.tags.join(labels.listSeparator)),
        spreadsheetSafe(c.note ?? ""),
      ];
    }
    if (chunk.length < CHUNK) return;
    cursor = chunk[chunk.length - 1]?.id;
  }
}

function headerRow(labels: ExportLabels): string[] {
  const h = labels.headers;
  return [h.name, h.mobile, h.kind, h.groups, h.tags, h.note];
}

async function toCsv(rows: AsyncIterable<string[]>, labels: ExportLabels): Promise<{ body: Uint8Array; count: number }> {
  const all: string[][] = [headerRow(labels)];
  for await (const row of rows) all.push(row);
  // The BOM makes Excel read the file as UTF-8 (without it Chinese names come out garbled); CRLF as Excel writes.
  const text = BOM + Papa.unparse(all, { newline: "\r\n" }) + "\r\n";
  return { body: new TextEncoder().encode(text), count: all.length - 1 };
}

async function toXlsx(rows: AsyncIterable<string[]>, labels: ExportLabels, sheetName: string): Promise<{ body: Uint8Array; count: number }> {
  const out = new PassThrough();
  const chunks: Buffer[] = [];
  out.on("data", (chunk: Buffer) => chunks.push(chunk));
  const finished = new Promise<void>((resolve, reject) => {
    out.on("end", resolve);
    out.on("error", reject);
  });
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useStyles: true, useSharedStrings: false });
  const sheet = workbook.addWorksheet(sheetName, { views: [{ state: "frozen", ySplit: 1 }] });
  sheet.columns = [{ width: 16 }, { width: 16, style: { numFmt: "@" } }, { width: 10 }, { width: 24 }, { width: 24 }, { width: 40 }];
  const header = sheet.addRow(headerRow(labels));
  header.font = { bold: true };
  header.commit();
  let count = 0;
  for await (const row of rows) {
    // Numbers stay strings so Excel shows 13800138000, not 1.38E+10.
    sheet.addRow(row).commit();
    count++;
  }
  sheet.commit();
  await workbook.commit();
  await finished;
  return { body: Buffer.concat(chunks), count };
}

export async function exportContacts(
  db: DbTx,
  actor: AddressBookActor,
  input: { filter: ContactFilter; format: ExportFormat; labels: ExportLabels; fileStem: string },
  now: Date,
): Promise<ExportFile> {
  const rows = exportRows(db, actor.enterpriseId, input.filter, input.labels);
  const { body, count } = input.format === "csv" ? await toCsv(rows, input.labels) : await toXlsx(rows, input.labels, input.fileStem);
  const stamp = formatChinaDate(toChinaDate(now)).replaceAll("-", "");
  await recordAudit(db, actor, { action: "addressbook.exported", entityType: "Contact", enterpriseId: actor.enterpriseId, detail: { format: input.format, count, filter: { ...input.filter } } }, now);
  return {
    fileName: `${input.fileStem}-${stamp}.${input.format}`,
    contentType: input.format === "csv" ? "text/csv; charset=utf-8" : "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    body,
    count,
  };
}
