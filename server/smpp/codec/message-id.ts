// SMSC message ids come back in different notations in different places: many SMSCs answer
// submit_sm with a hex id and put its decimal value in the receipt text (or the reverse).
// Normalising both sides to one form is what lets every receipt find its message.

/** How an SMSC writes a message id in one place (submit_sm_resp, receipt TLV, receipt text). */
export type MessageIdFormat = "text" | "hex" | "decimal";

export interface MessageIdFormats {
  submitResponse: MessageIdFormat;
  receiptTlv: MessageIdFormat;
  receiptText: MessageIdFormat;
}

const HEX = /^(?:0x)?([0-9a-f]+)$/i;
const DECIMAL = /^[0-9]+$/;

/**
 * Canonical id: numeric notations become decimal without leading zeros ("0000001A" hex and "26"
 * decimal are the same message); "text" ids are kept as written. Whitespace and NULs some SMSCs pad
 * with are dropped. A value that does not fit its declared notation is kept as text rather than lost.
 */
export function normaliseMessageId(raw: string, format: MessageIdFormat): string {
  const id = raw.replace(/\0+$/, "").trim();
  if (format === "hex") {
    const match = HEX.exec(id);
    return match ? BigInt(`0x${match[1]}`).toString(10) : id;
  }
  if (format === "decimal") {
    return DECIMAL.test(id) ? BigInt(id).toString(10) : id;
  }
  return id;
}
