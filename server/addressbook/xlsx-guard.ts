// An uploaded XLSX is a zip of XML parts, and a zip can promise little and unpack to gigabytes (a
// 100 KB file holding one 100 MB string). Before anything is parsed, the archive's directory is
// checked against the limits below; the parts the import reads are then inflated here, from the
// same bytes that were checked, counting what comes out and stopping at the first limit passed:
// the directory's sizes can lie, and the reader never sees a byte beyond them.
import { Transform, type TransformCallback, type Readable } from "node:stream";
import yauzl, { type Entry, type ZipFile } from "yauzl";
import { AppError, type ErrorParams } from "../errors";

/** Parts of a workbook, a few per sheet; an address book has one sheet. */
export const MAX_ZIP_ENTRIES = 1_000;
/**
 * Unpacked size of any one part. A 200,000-row book with six full columns is a 54 MB sheet and a
 * 65 MB shared-strings part (exceljs, 120-character notes): room for wider sheets, and the sheet is
 * read as a stream, so this bounds time rather than memory.
 */
export const MAX_PART_BYTES = 256 * 1024 * 1024;
/** The shared strings are kept in memory while the sheet is read: a tighter bound. */
export const MAX_SHARED_STRINGS_BYTES = 128 * 1024 * 1024;
/** All parts together, as the directory declares them. */
export const MAX_UNPACKED_BYTES = 512 * 1024 * 1024;
/** Real workbooks compress 2–45:1; DEFLATE reaches about 1,000:1 on repeated bytes. */
export const MAX_COMPRESSION_RATIO = 100;
/** Parts smaller than this are not held to the ratio (tiny repetitive parts compress well, harmlessly). */
export const RATIO_EXEMPT_BYTES = 1024 * 1024;
/**
 * Bytes of XML between two markup characters (< or >): a text node or a tag. A cell is at most
 * MAX_CELL_CHARS characters (a few bytes each, or ten as a character reference), so no legitimate
 * run comes near this; the XML parser is never handed one text node longer.
 */
export const MAX_XML_RUN_BYTES = 64 * 1024;

/** Characters in one cell, CSV or XLSX: ten times the longest field a contact has (LIMITS in rules.ts). */
export const MAX_CELL_CHARS = 1_000;
/** Columns of one row: an address book has a handful; a far-right cell would make every row that wide. */
export const MAX_IMPORT_COLUMNS = 256;

/** Why a file is refused; each has its own text under importLimits in the catalogues. */
export type ImportLimit =
  | "tooManyEntries"
  | "encrypted"
  | "partTooLarge"
  | "unpackedTooLarge"
  | "compressionRatio"
  | "xmlMarkup"
  | "cellTooLong"
  | "tooManyColumns";

/** The refusal naming its limit; the text is importLimits.<limit>, filled from `params`. */
export function tooComplex(limit: ImportLimit, params: ErrorParams = {}): AppError {
  return new AppError(
    "IMPORT_FILE_TOO_COMPLEX",
    { ...params, limit, reasonKey: `importLimits.${limit}` },
    `import limit: ${limit}`,
  );
}

/** The archive's directory, checked; parts are opened by name and inflated under the limits. */
export interface XlsxArchive {
  /** Part names in archive order. */
  names: string[];
  has(name: string): boolean;
  /** The part's XML as a stream that fails with IMPORT_FILE_TOO_COMPLEX at the first limit passed. */
  open(name: string): Promise<Readable>;
  /** Stops every stream still open (a refusal part-way leaves nothing inflating). */
  close(): void;
}

function partLimit(name: string): number {
  return name === "xl/sharedStrings.xml" ? MAX_SHARED_STRINGS_BYTES : MAX_PART_BYTES;
}

function checkEntry(entry: Entry): void {
  if (entry.isEncrypted()) throw tooComplex("encrypted");
  if (entry.uncompressedSize > partLimit(entry.fileName)) throw tooComplex("partTooLarge");
  if (
    entry.uncompressedSize > RATIO_EXEMPT_BYTES &&
    entry.uncompressedSize > MAX_COMPRESSION_RATIO * entry.compressedSize
  )
    throw tooComplex("compressionRatio");
}

/**
 * Counts the inflated bytes against the part's limit and its declared size, and refuses markup the
 * parts of a workbook never use (<!DOCTYPE, <!-- -->, <![CDATA[ ]]>): each could join or hide text
 * beyond MAX_XML_RUN_BYTES.
 */
class XmlPartGuard extends Transform {
  private bytes = 0;
  private run = 0;
  private afterLt = false;

  constructor(private readonly maxBytes: number) {
    super();
  }

  override _transform(chunk: Buffer, _encoding: BufferEncoding, callback: TransformCallback): void {
    this.bytes += chunk.length;
    if (this.bytes > this.maxBytes) return callback(tooComplex("partTooLarge"));
    let run = this.run;
    let afterLt = this.afterLt;
    for (let i = 0; i < chunk.length; i++) {
      const byte = chunk[i];
      if (byte === 0x3c || byte === 0x3e) {
        run = 0;
        afterLt = byte === 0x3c;
        continue;
      }
      if (afterLt && byte === 0x21) return callback(tooComplex("xmlMarkup"));
      afterLt = false;
      if (++run > MAX_XML_RUN_BYTES) return callback(tooComplex("cellTooLong", { maxChars: MAX_CELL_CHARS }));
    }
    this.run = run;
    this.afterLt = afterLt;
    callback(null, chunk);
  }
}

const fromBuffer = (data: Buffer) =>
  new Promise<ZipFile>((resolve, reject) =>
    // validateEntrySizes: yauzl fails the stream when a part inflates to more than its entry says.
    yauzl.fromBuffer(data, { lazyEntries: true, validateEntrySizes: true, decodeStrings: true }, (error, zip) =>
      error ? reject(error) : resolve(zip),
    ),
  );

/** Reads and checks the directory; IMPORT_FILE_TOO_COMPLEX past a limit, IMPORT_FILE_INVALID if it is no zip. */
export async function openXlsx(data: Uint8Array): Promise<XlsxArchive> {
  const zip = await fromBuffer(Buffer.from(data.buffer, data.byteOffset, data.byteLength)).catch(() => {
    throw new AppError("IMPORT_FILE_INVALID", { detail: "xlsx" });
  });
  if (zip.entryCount > MAX_ZIP_ENTRIES) {
    zip.close();
    throw tooComplex("tooManyEntries");
  }
  const entries = new Map<string, Entry>();
  await new Promise<void>((resolve, reject) => {
    let unpacked = 0;
    const fail = (error: unknown) => {
      zip.close();
      reject(error instanceof AppError ? error : new AppError("IMPORT_FILE_INVALID", { detail: "xlsx" }));
    };
    zip.on("error", fail);
    zip.on("end", resolve);
    zip.on("entry", (entry: Entry) => {
      try {
        checkEntry(entry);
        unpacked += entry.uncompressedSize;
        if (unpacked > MAX_UNPACKED_BYTES) throw tooComplex("unpackedTooLarge");
      } catch (error) {
        return fail(error);
      }
      entries.set(entry.fileName, entry);
      zip.readEntry();
    });
    zip.readEntry();
  });

  const open = new Set<Readable>();
  return {
    names: [...entries.keys()],
    has: (name) => entries.has(name),
    async open(name) {
      const entry = entries.get(name);
      if (!entry) throw new AppError("IMPORT_FILE_INVALID", { detail: "xlsx" });
      const raw = await zip.openReadStreamPromise(entry);
      const guarded = new XmlPartGuard(Math.min(partLimit(name), entry.uncompressedSize));
      // yauzl's own errors (a part inflating past its declared size, a corrupt stream) reach the reader too.
      raw.on("error", (error) => guarded.destroy(error instanceof AppError ? error : tooComplexOrInvalid(error)));
      open.add(raw).add(guarded);
      guarded.on("close", () => {
        raw.destroy();
        open.delete(raw);
        open.delete(guarded);
      });
      return raw.pipe(guarded);
    },
    close() {
      for (const stream of open) stream.destroy();
      open.clear();
      zip.close();
    },
  };
}

/** yauzl says "too many bytes in the stream" when a part outgrows the size its entry declared. */
function tooComplexOrInvalid(error: unknown): AppError {
  const message = error instanceof Error ? error.message : "";
  return /too many bytes/i.test(message)
    ? tooComplex("partTooLarge")
    : new AppError("IMPORT_FILE_INVALID", { detail: "xlsx" });
}
