// User data header (3GPP TS 23.040 §9.2.3.24): only concatenation matters to us. We send the
// 8-bit reference form; SMSCs and phones also send the 16-bit form, so both are read.

/** esm_class bit saying short_message starts with a UDH. */
export const ESM_CLASS_UDHI = 0x40;

const IEI_CONCAT_8BIT = 0x00;
const IEI_CONCAT_16BIT = 0x08;

export interface Concatenation {
  reference: number;
  referenceBits: 8 | 16;
  /** Parts in the whole message, 1-255. */
  total: number;
  /** This part's position, 1-based. */
  sequence: number;
}

export interface InformationElement {
  id: number;
  data: Buffer;
}

/** Octets of the 8-bit concatenation UDH, the length byte included. */
export const CONCAT_UDH_LENGTH = 6;

/** `05 00 03 ref total seq`: the whole UDH, length byte first. */
export function concatenationUdh(reference: number, total: number, sequence: number): Buffer {
  if (!Number.isInteger(reference) || reference < 0 || reference > 0xff)
    throw new RangeError(`reference must be 0-255: ${reference}`);
  if (!Number.isInteger(total) || total < 1 || total > 0xff) throw new RangeError(`total must be 1-255: ${total}`);
  if (!Number.isInteger(sequence) || sequence < 1 || sequence > total)
    throw new RangeError(`sequence must be 1-${total}: ${sequence}`);
  return Buffer.from([0x05, IEI_CONCAT_8BIT, 0x03, reference, total, sequence]);
}

/** Splits user data into its UDH (length byte included) and the message body. */
export function splitUserData(bytes: Buffer, udhi: boolean): { udh: Buffer | null; body: Buffer } {
  if (!udhi || bytes.length === 0) return { udh: null, body: bytes };
  const headerLength = bytes[0]! + 1;
  if (headerLength > bytes.length) return { udh: null, body: bytes }; // UDHI set on a body that has no header
  return { udh: bytes.subarray(0, headerLength), body: bytes.subarray(headerLength) };
}

/** Information elements of a UDH (length byte included); a truncated element ends the list. */
export function parseUdh(udh: Buffer): { elements: InformationElement[]; concatenation: Concatenation | null } {
  const elements: InformationElement[] = [];
  let concatenation: Concatenation | null = null;
  const end = Math.min(udh.length, (udh[0] ?? 0) + 1);
  let offset = 1;
  while (offset + 2 <= end) {
    const id = udh[offset]!;
    const length = udh[offset + 1]!;
    const data = udh.subarray(offset + 2, offset + 2 + length);
    if (data.length < length) break;
    elements.push({ id, data });
    offset += 2 + length;
    if (id === IEI_CONCAT_8BIT && length === 3) {
      concatenation = validConcatenation({
        reference: data[0]!,
        referenceBits: 8,
        total: data[1]!,
        sequence: data[2]!,
      });
    } else if (id === IEI_CONCAT_16BIT && length === 4) {
      concatenation = validConcatenation({
        reference: data.readUInt16BE(0),
        referenceBits: 16,
        total: data[2]!,
        sequence: data[3]!,
      });
    }
  }
  return { elements, concatenation };
}

// Total 0 or a sequence outside 1..total is how broken phones say "not really concatenated".
function validConcatenation(c: Concatenation): Concatenation | null {
  return c.total >= 1 && c.sequence >= 1 && c.sequence <= c.total ? c : null;
}
