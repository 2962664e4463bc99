// Text to CMPP segments and reply bytes to text. Segments are split exactly as the SMPP layer
// splits them (server/smpp/codec/segment.ts: 160/153 GSM-7-sized, 70/67 UCS-2), so the count the
// platform bills is the same on either protocol; only the bytes differ: Msg_Fmt 0 carries ASCII
// octets (not GSM-7 septet values), so text with anything outside printable ASCII goes as UCS-2.
import { type EncodedMessage, encodeMessage } from "../../../smpp";
import { decodeText } from "../../../smpp/codec";
import { MSG_FMT } from "./pdu";

const PRINTABLE_ASCII = /^[\x20-\x7e\r\n]*$/;

/**
 * Segments ready for CmppPool.submit: `dataCoding` is the Msg_Fmt (0 ASCII or 8 UCS-2), `udh` the
 * concatenation header of a long message (TP_udhi 1), `payload` the text's octets.
 */
export function encodeCmppMessage(text: string, options: { reference: number }): EncodedMessage {
  if (!PRINTABLE_ASCII.test(text)) return encodeMessage(text, { reference: options.reference, encoding: "ucs2" });
  const encoded = encodeMessage(text, { reference: options.reference });
  if (encoded.encoding === "ucs2") return encoded;
  return {
    ...encoded,
    dataCoding: MSG_FMT.ASCII,
    segments: encoded.segments.map((s) => ({ ...s, payload: Buffer.from(s.text, "latin1") })),
  };
}

/** Text of a reply's octets by Msg_Fmt: 8 UCS-2, 15 GBK, 0 ASCII; others as the SMPP table reads them. */
export function decodeCmppText(bytes: Buffer, msgFmt: number): string {
  if (msgFmt === MSG_FMT.ASCII) return bytes.toString("latin1");
  return decodeText(bytes, msgFmt);
}
