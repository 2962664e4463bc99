// Hostile XLSX files for the import's tests, built in the test from a tiny workbook exceljs writes:
// parts replaced (JSZip, which exceljs itself uses, writes DEFLATE quickly) or the zip's directory
// patched to lie. Each is a few hundred KB at most.
import ExcelJS from "exceljs";
import JSZip from "jszip";

export const SHEET_PART = "xl/worksheets/sheet1.xml";
export const SHARED_STRINGS_PART = "xl/sharedStrings.xml";

const MB = 1024 * 1024;

/** A valid two-row workbook (header and one contact), with a shared-strings part. */
export async function tinyWorkbook(): Promise<Uint8Array> {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet("通讯录");
  sheet.addRow(["姓名", "手机"]);
  sheet.addRow(["张三", "13800138000"]);
  return new Uint8Array(await workbook.xlsx.writeBuffer());
}

/** The tiny workbook with some parts replaced (or added). */
export async function withParts(parts: Record<string, string | Uint8Array>): Promise<Uint8Array> {
  const zip = await JSZip.loadAsync(await tinyWorkbook());
  for (const [name, content] of Object.entries(parts)) zip.file(name, content);
  return zip.generateAsync({ type: "uint8array", compression: "DEFLATE", compressionOptions: { level: 9 } });
}

const sharedStrings = (texts: string[]) =>
  `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="${texts.length}" uniqueCount="${texts.length}">${texts.map((t) => `<si><t>${t}</t></si>`).join("")}</sst>`;

/** A worksheet of rows given as raw <c> elements. */
export const sheetXml = (rows: string[]) =>
  `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>${rows.map((cells, i) => `<row r="${i + 1}">${cells}</row>`).join("")}</sheetData></worksheet>`;

export const inlineCell = (ref: string, text: string) => `<c r="${ref}" t="inlineStr"><is><t>${text}</t></is></c>`;

/** One shared string of `megabytes` MB (the first cell of the sheet uses it): about 100 KB packed per 100 MB. */
export function sharedStringBomb(megabytes = 100): Promise<Uint8Array> {
  return withParts({
    [SHARED_STRINGS_PART]: sharedStrings(["a".repeat(megabytes * MB), "手机", "张三", "13800138000"]),
  });
}

/** One inline-string cell of `megabytes` MB in the sheet itself. */
export function inlineCellBomb(megabytes = 100): Promise<Uint8Array> {
  return withParts({
    [SHEET_PART]: sheetXml([
      inlineCell("A1", "姓名") + inlineCell("B1", "手机"),
      inlineCell("A2", "b".repeat(megabytes * MB)) + inlineCell("B2", "13800138000"),
    ]),
  });
}

/** Text that DEFLATE cannot shrink much (about 4:3): a long cell that passes the ratio check. */
export function incompressibleText(chars: number): string {
  const alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
  let state = 0x9e3779b9;
  let text = "";
  for (let i = 0; i < chars; i++) {
    state = (state * 1664525 + 1013904223) >>> 0;
    text += alphabet[state >>> 26];
  }
  return text;
}

/**
 * The shared-strings bomb with its sizes, in the central directory and the local header, rewritten
 * to claim `claimedBytes` unpacked: small enough for every check on the directory.
 */
export async function lyingSharedStringsBomb(claimedBytes = 4096): Promise<Uint8Array> {
  const data = Buffer.from(await sharedStringBomb(100));
  const name = Buffer.from(SHARED_STRINGS_PART);
  let patched = 0;
  for (let at = data.indexOf(name); at !== -1; at = data.indexOf(name, at + 1)) {
    // Local file header: signature at name − 30, uncompressed size at +22; central directory: signature at name − 46, size at +24.
    if (data.readUInt32LE(at - 30) === 0x04034b50 && data.readUInt16LE(at - 4) === name.length) {
      data.writeUInt32LE(claimedBytes, at - 30 + 22);
      patched++;
    } else if (data.readUInt32LE(at - 46) === 0x02014b50 && data.readUInt16LE(at - 18) === name.length) {
      data.writeUInt32LE(claimedBytes, at - 46 + 24);
      patched++;
    }
  }
  if (patched !== 2) throw new Error(`expected a local header and a directory entry, patched ${patched}`);
  return new Uint8Array(data);
}

/** A sheet of `count` data rows under a header, written as XML directly (exceljs takes seconds per 100,000 rows). */
export function manyRowsWorkbook(count: number): Promise<Uint8Array> {
  const rows = [inlineCell("A1", "姓名") + inlineCell("B1", "手机")];
  for (let i = 0; i < count; i++)
    rows.push(inlineCell(`A${i + 2}`, `n${i}`) + `<c r="B${i + 2}"><v>${13000000000 + i}</v></c>`);
  return withParts({ [SHEET_PART]: sheetXml(rows) });
}

/** Process memory now, in MB, for a before/after comparison around a refusal. */
export function memoryMb(): { rss: number; heap: number } {
  const m = process.memoryUsage();
  return { rss: Math.round(m.rss / MB), heap: Math.round((m.heapUsed + m.external + m.arrayBuffers) / MB) };
}
