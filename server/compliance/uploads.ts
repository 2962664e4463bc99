// Pure checks of what a consent application uploads: the signed letter (by its bytes, not its name)
// and the list of numbers (pasted or a .txt/.csv file). No database here.
import { normalizeMobile } from "../phone";

export const LETTER_MAX_BYTES = 5 * 1024 * 1024;
export const NUMBER_LIST_MAX_BYTES = 2 * 1024 * 1024;
export const CONSENT_MAX_NUMBERS = 100_000;

export type LetterMimeType = "application/pdf" | "image/png" | "image/jpeg";

const SIGNATURES: { mime: LetterMimeType; magic: number[]; extensions: string[] }[] = [
  { mime: "application/pdf", magic: [0x25, 0x50, 0x44, 0x46, 0x2d], extensions: ["pdf"] }, // %PDF-
  { mime: "image/png", magic: [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a], extensions: ["png"] },
  { mime: "image/jpeg", magic: [0xff, 0xd8, 0xff], extensions: ["jpg", "jpeg"] },
];

function extensionOf(fileName: string): string {
  const dot = fileName.lastIndexOf(".");
  return dot < 0 ? "" : fileName.slice(dot + 1).toLowerCase();
}

/**
 * The letter's type from its first bytes, or null when it is not a PDF, PNG or JPEG or when its
 * name claims another type than its bytes (a PNG called letter.pdf is refused: the reviewer's
 * viewer goes by the stored type, and a mismatch is how disguised files arrive).
 */
export function letterType(fileName: string, bytes: Uint8Array): LetterMimeType | null {
  const found = SIGNATURES.find((s) => s.magic.every((byte, i) => bytes[i] === byte));
  if (!found) return null;
  return found.extensions.includes(extensionOf(fileName)) ? found.mime : null;
}

/** A file name safe to store and to put in a Content-Disposition header: its last path part, no control characters or quotes, at most 120 characters. */
export function safeFileName(fileName: string, fallback: string): string {
  const base = fileName.split(/[\\/]/).pop() ?? "";
  const clean = base.replace(/[\p{Cc}\p{Cf}"'<>|:*?]/gu, "").trim();
  if (!clean) return fallback;
  if (clean.length <= 120) return clean;
  const ext = extensionOf(clean);
  return ext && ext.length < 10 ? `${clean.slice(0, 119 - ext.length)}.${ext}` : clean.slice(0, 120);
}

export function isNumberListFileName(fileName: string): boolean {
  return ["txt", "csv"].includes(extensionOf(fileName));
}

export interface NumberListProblem {
  /** 1-based line of the pasted text or the file. */
  line: number;
  value: string;
  source: "pasted" | "file";
}

export interface ParsedNumbers {
  /** Normalised, distinct, in first-seen order. */
  mobiles: string[];
  invalid: NumberListProblem[];
  duplicates: number;
}

/**
 * Numbers, one per line, from the pasted text and/or a .txt/.csv file. In CSV lines the first cell
 * is the number (quotes removed); commas, semicolons and tabs separate cells. Blank lines are
 * skipped, and so is a first line without any digit (a header such as "手机号"). Each number goes
 * through normalizeMobile (+86/0086 prefixes, spaces and dashes are fine); what does not is
 * reported with its line.
 */
export function parseNumberLists(lists: { text: string; source: "pasted" | "file" }[]): ParsedNumbers {
  const mobiles: string[] = [];
  const seen = new Set<string>();
  const invalid: NumberListProblem[] = [];
  let duplicates = 0;
  for (const { text, source } of lists) {
    const lines = text.replace(/^\uFEFF/, "").split(/\r\n|\r|\n/);
    lines.forEach((line, index) => {
      const cell = (line.split(/[,;\t，；]/)[0] ?? "")
        .trim()
        .replace(/^"(.*)"$/, "$1")
        .trim();
      if (!cell) return;
      if (index === 0 && !/\d/.test(cell)) return;
      const mobile = normalizeMobile(cell);
      if (!mobile) {
        invalid.push({ line: index + 1, value: cell.slice(0, 40), source });
        return;
      }
      if (seen.has(mobile)) {
        duplicates += 1;
        return;
      }
      seen.add(mobile);
      mobiles.push(mobile);
    });
  }
  return { mobiles, invalid, duplicates };
}

/** A text file's content: UTF-8, or GB18030 (what Excel on Chinese Windows writes) when UTF-8 does not decode. */
export function decodeTextFile(bytes: Uint8Array): string {
  try {
    return new TextDecoder("utf-8", { fatal: true }).decode(bytes);
  } catch {
    return new TextDecoder("gb18030").decode(bytes);
  }
}
