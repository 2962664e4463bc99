// Message bytes <-> text for the data_coding values SMSCs actually use with us.
import { decodeGsm7 } from "./gsm7";

export const DATA_CODING = {
  /** SMSC default alphabet: GSM-7, unpacked, for what we send. */
  GSM7: 0x00,
  IA5: 0x01,
  LATIN1: 0x03,
  BINARY: 0x04,
  UCS2: 0x08,
  /** Not in SMPP 3.4's table; Chinese gateways (CMPP heritage) use 15 for GBK text. */
  GBK: 0x0f,
} as const;

/** UTF-16 big-endian, code unit by code unit: surrogate pairs survive, even split across calls. */
export function encodeUcs2(text: string): Buffer {
  return Buffer.from(text, "utf16le").swap16();
}

/** Inverse of encodeUcs2. A trailing odd byte (malformed) is ignored rather than guessed at. */
export function decodeUcs2(bytes: Buffer): string {
  const even = bytes.length - (bytes.length % 2);
  const copy = Buffer.from(bytes.subarray(0, even));
  return copy.swap16().toString("utf16le");
}

/**
 * Bytes that claim data_coding 0/1 but are really UCS-2: some SMSCs send UCS-2 receipts and
 * replies without setting 8. Such text starts with ASCII (a zero high byte in each pair: no
 * 8-bit text has NULs there) and is mostly ASCII, though it may quote Chinese.
 */
export function looksLikeUcs2(bytes: Buffer): boolean {
  if (bytes.length < 4 || bytes.length % 2 !== 0) return false;
  const asciiUnit = (i: number) => bytes[i] === 0x00 && bytes[i + 1]! >= 0x20 && bytes[i + 1]! < 0x7f;
  if (!asciiUnit(0) || !asciiUnit(2)) return false;
  let ascii = 0;
  for (let i = 0; i < bytes.length; i += 2) if (asciiUnit(i)) ascii++;
  return ascii * 4 >= bytes.length; // at least half of the units
}

let gbkDecoder: TextDecoder | undefined;

/** Text from message bytes, by data_coding (including the GSM 03.38 coding groups above 0x0F). */
export function decodeText(bytes: Buffer, dataCoding: number): string {
  if (dataCoding === DATA_CODING.UCS2) return decodeUcs2(bytes);
  if (dataCoding === DATA_CODING.GBK) {
    gbkDecoder ??= new TextDecoder("gbk");
    return gbkDecoder.decode(bytes);
  }
  if (dataCoding === DATA_CODING.GSM7) {
    if (looksLikeUcs2(bytes)) return decodeUcs2(bytes);
    // Bytes above 0x7F cannot be unpacked septets: the SMSC sent 8-bit text (Latin-1 in practice).
    return bytes.some((b) => b > 0x7f) ? bytes.toString("latin1") : decodeGsm7(bytes);
  }
  if (dataCoding === DATA_CODING.IA5 || dataCoding === DATA_CODING.LATIN1) {
    return looksLikeUcs2(bytes) ? decodeUcs2(bytes) : bytes.toString("latin1");
  }
  // GSM 03.38 "data coding/message class" group 0xF0-0xFF: bit 2 selects 8-bit data, else GSM-7.
  if ((dataCoding & 0xf0) === 0xf0) return dataCoding & 0x04 ? bytes.toString("latin1") : decodeGsm7(bytes);
  // General data coding groups 0x10-0x3F: bits 3-2 give the alphabet (00 GSM-7, 01 8-bit, 10 UCS-2).
  if ((dataCoding & 0xc0) === 0x00 && dataCoding >= 0x10) {
    const alphabet = (dataCoding >> 2) & 0x03;
    if (alphabet === 0x02) return decodeUcs2(bytes);
    if (alphabet === 0x00) return decodeGsm7(bytes);
  }
  return bytes.toString("latin1");
}

// A field of the receipt form (`id:... stat:...`) read as single bytes. UCS-2 text never matches:
// its ASCII characters are NUL-separated.
const RECEIPT_FORM = /(?:^|\s)(?:id|stat):/i;

/**
 * Receipt text is decoded by what it is, not by what data_coding says: one SMSC echoes the
 * submit's data_coding 8 on receipts but writes the `id:... stat:...` form in ASCII, another
 * writes UCS-2 under data_coding 0. So: bytes whose single-byte reading has the receipt form are
 * ASCII (GBK under data_coding 15, which is ASCII-compatible and keeps a Chinese `text:`); else
 * UCS-2 when data_coding is 8 or the bytes look like it; else GBK for 15. Single-byte text reads
 * as Latin-1, never GSM-7, which would turn '_' or '@' in a message id into other characters.
 */
export function decodeReceiptText(bytes: Buffer, dataCoding: number): string {
  const latin1 = bytes.toString("latin1");
  if (RECEIPT_FORM.test(latin1)) return dataCoding === DATA_CODING.GBK ? decodeText(bytes, dataCoding) : latin1;
  if (dataCoding === DATA_CODING.UCS2 || looksLikeUcs2(bytes)) return decodeUcs2(bytes);
  if (dataCoding === DATA_CODING.GBK) return decodeText(bytes, dataCoding);
  return latin1;
}
