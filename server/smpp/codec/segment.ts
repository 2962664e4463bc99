// How a text becomes SMS segments: the encoding decides the unit (GSM-7 septet or UCS-2 code unit)
// and the capacities (160/153 or 70/67); long messages carry an 8-bit concatenation UDH.
// The count here is what the platform bills and caps, so `measureMessage` and `encodeMessage`
// share one splitting routine and can never disagree.
import { DATA_CODING, encodeUcs2 } from "./data-coding";
import { encodeGsm7, gsm7SeptetCost, isGsm7 } from "./gsm7";
import { concatenationUdh } from "./udh";

export type MessageEncoding = "gsm7" | "ucs2";

export const SEGMENT_CAPACITY = {
  gsm7: { single: 160, multi: 153 },
  ucs2: { single: 70, multi: 67 },
} as const;

/** The 8-bit reference and the total field are one octet each. */
export const MAX_SEGMENTS = 255;

export interface MessageMeasure {
  encoding: MessageEncoding;
  dataCoding: number;
  /** Septets (GSM-7, extension characters count 2) or UTF-16 code units (UCS-2). */
  units: number;
  segmentCount: number;
  /** Capacity of each segment at this length: 160/70 when single, 153/67 when concatenated. */
  unitsPerSegment: number;
}

export interface EncodedSegment {
  /** 1-based position. */
  sequence: number;
  total: number;
  text: string;
  /** Concatenation header (length byte first), null for a single-segment message. */
  udh: Buffer | null;
  /** Encoded text of this segment, without the UDH. */
  payload: Buffer;
}

export interface EncodedMessage extends MessageMeasure {
  reference: number | null;
  segments: EncodedSegment[];
}

/** GSM-7 when every character fits (extension characters included), else UCS-2. */
export function chooseEncoding(text: string): MessageEncoding {
  return isGsm7(text) ? "gsm7" : "ucs2";
}

/**
 * The signature (【公司名】) is part of the message and counts toward its length. Prefixed by
 * default (the common Chinese practice); a text that already carries it is left alone.
 */
export function withSignature(body: string, signature: string, placement: "prefix" | "suffix" = "prefix"): string {
  const name = signature.trim().replace(/^【/, "").replace(/】$/, "");
  if (!name) return body;
  const bracketed = `【${name}】`;
  if (placement === "prefix") return body.startsWith(bracketed) ? body : bracketed + body;
  return body.endsWith(bracketed) ? body : body + bracketed;
}

export function measureMessage(text: string, options: { encoding?: MessageEncoding } = {}): MessageMeasure {
  const encoding = resolveEncoding(text, options.encoding);
  const { units, parts } = splitIntoSegments(text, encoding);
  return describe(encoding, units, parts.length);
}

/**
 * Segments ready for submit_sm. `reference` (0-255) identifies this message's parts at the handset:
 * the caller picks it (e.g. per destination, rotating) because only the caller knows what else is in flight.
 */
export function encodeMessage(
  text: string,
  options: { reference: number; encoding?: MessageEncoding },
): EncodedMessage {
  if (text.length === 0) throw new RangeError("empty message");
  const encoding = resolveEncoding(text, options.encoding);
  const { units, parts } = splitIntoSegments(text, encoding);
  const total = parts.length;
  const reference = total > 1 ? options.reference : null;
  const segments = parts.map((part, i): EncodedSegment => ({
    sequence: i + 1,
    total,
    text: part,
    udh: reference === null ? null : concatenationUdh(reference, total, i + 1),
    payload: encoding === "gsm7" ? encodeGsm7(part) : encodeUcs2(part),
  }));
  return { ...describe(encoding, units, total), reference, segments };
}

function resolveEncoding(text: string, requested: MessageEncoding | undefined): MessageEncoding {
  if (requested === "gsm7" && !isGsm7(text)) throw new RangeError("text has characters GSM-7 cannot carry");
  return requested ?? chooseEncoding(text);
}

function describe(encoding: MessageEncoding, units: number, segmentCount: number): MessageMeasure {
  const capacity = SEGMENT_CAPACITY[encoding];
  return {
    encoding,
    dataCoding: encoding === "gsm7" ? DATA_CODING.GSM7 : DATA_CODING.UCS2,
    units,
    segmentCount,
    unitsPerSegment: segmentCount > 1 ? capacity.multi : capacity.single,
  };
}

interface Atom {
  text: string;
  units: number;
}

const graphemes = new Intl.Segmenter(undefined, { granularity: "grapheme" });

/**
 * The indivisible pieces of the text. GSM-7: a character (an extension character is 2 septets that
 * must stay together). UCS-2: a grapheme, so surrogate pairs and emoji sequences stay whole; a
 * grapheme longer than a segment (pathological ZWJ chains) falls back to whole code points.
 */
function atoms(text: string, encoding: MessageEncoding): Atom[] {
  const result: Atom[] = [];
  if (encoding === "gsm7") {
    for (const char of text) result.push({ text: char, units: gsm7SeptetCost(char)! });
    return result;
  }
  for (const { segment } of graphemes.segment(text)) {
    if (segment.length <= SEGMENT_CAPACITY.ucs2.multi) {
      result.push({ text: segment, units: segment.length });
    } else {
      for (const codePoint of segment) result.push({ text: codePoint, units: codePoint.length });
    }
  }
  return result;
}

function splitIntoSegments(text: string, encoding: MessageEncoding): { units: number; parts: string[] } {
  const pieces = atoms(text, encoding);
  const units = pieces.reduce((sum, atom) => sum + atom.units, 0);
  const capacity = SEGMENT_CAPACITY[encoding];
  if (units <= capacity.single) return { units, parts: text.length === 0 ? [] : [text] };

  const parts: string[] = [];
  let current = "";
  let used = 0;
  for (const atom of pieces) {
    if (used + atom.units > capacity.multi) {
      parts.push(current);
      current = "";
      used = 0;
    }
    current += atom.text;
    used += atom.units;
  }
  if (current) parts.push(current);
  if (parts.length > MAX_SEGMENTS)
    throw new RangeError(`message needs ${parts.length} segments; at most ${MAX_SEGMENTS}`);
  return { units, parts };
}
