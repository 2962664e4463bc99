// Delivery receipts (状态报告): deliver_sm with a receipt esm_class. The TLVs
// (receipted_message_id, message_state) are authoritative when present; the text form
// `id:... sub:... dlvrd:... submit date:... done date:... stat:... err:... text:...` (SMPP 3.4
// Appendix B, not normative, so fields go missing and vary in case) fills what they lack.
import { decodeReceiptText } from "./data-coding";
import { type MessageIdFormats, normaliseMessageId } from "./message-id";
import { type MessagePdu, TLV, messageBytes, tlvInteger, tlvString } from "./message-pdu";
import { ESM_CLASS_UDHI, splitUserData } from "./udh";

export type MessageState =
  | "scheduled"
  | "enroute"
  | "delivered"
  | "expired"
  | "deleted"
  | "undeliverable"
  | "accepted"
  | "unknown"
  | "rejected"
  | "skipped";

/** SMPP message_state values (§5.2.28), index = value. */
const STATE_BY_TLV: readonly MessageState[] = [
  "scheduled",
  "enroute",
  "delivered",
  "expired",
  "deleted",
  "undeliverable",
  "accepted",
  "unknown",
  "rejected",
  "skipped",
];

// Short forms of Appendix B plus the long spellings some SMSCs use.
const STATE_BY_STAT: Record<string, MessageState> = {
  SCHEDULED: "scheduled",
  ENROUTE: "enroute",
  DELIVRD: "delivered",
  DELIVERED: "delivered",
  EXPIRED: "expired",
  DELETED: "deleted",
  UNDELIV: "undeliverable",
  UNDELIVERABLE: "undeliverable",
  ACCEPTD: "accepted",
  ACCEPTED: "accepted",
  UNKNOWN: "unknown",
  REJECTD: "rejected",
  REJECTED: "rejected",
  SKIPPED: "skipped",
};

/**
 * States after which the SMSC reports nothing more about the message. ACCEPTED is not one of them
 * here, although SMPP 3.4 (§5.2.28) lists it with the final states: real SMSCs send stat:ACCEPTD /
 * message_state 6 when they have taken the message, as an intermediate report, and the final
 * DELIVRD / UNDELIV / ... always follows.
 */
export function isFinalState(state: MessageState): boolean {
  return state !== "scheduled" && state !== "enroute" && state !== "unknown" && state !== "accepted";
}

export function messageStateFromTlv(value: number): MessageState {
  return STATE_BY_TLV[value] ?? "unknown";
}

/** Carrier-specific stat words (e.g. CMPP-style "MK:0001") map to "unknown"; the raw word is kept. */
export function messageStateFromStat(stat: string): MessageState {
  return STATE_BY_STAT[stat.toUpperCase()] ?? "unknown";
}

export interface ReceiptText {
  id?: string;
  submitted?: number;
  delivered?: number;
  submitDate?: Date;
  doneDate?: Date;
  stat?: string;
  err?: string;
  text?: string;
}

export interface ReceiptTextOptions {
  /** Zone of the SMSC's dates, minutes east of UTC. Chinese SMSCs write China time (480). */
  utcOffsetMinutes?: number;
}

const FIELD = {
  id: /(?:^|\s)id:\s*(\S+)/i,
  submitted: /(?:^|\s)sub:\s*(\d+)/i,
  delivered: /(?:^|\s)dlvrd:\s*(\d+)/i,
  submitDate: /(?:^|\s)submit[ _]?date:\s*(\d{10,12})/i,
  doneDate: /(?:^|\s)done[ _]?date:\s*(\d{10,12})/i,
  stat: /(?:^|\s)stat:\s*(\S+)/i,
  err: /(?:^|\s)err:\s*(\S+)/i,
};
const TEXT_FIELD = /(?:^|\s)text:/i;

/**
 * Reads whatever fields the text has. Everything after `text:` is the original message's start and
 * is never searched for fields (it may well contain "stat:" itself).
 */
export function parseReceiptText(text: string, options: ReceiptTextOptions = {}): ReceiptText {
  const offset = options.utcOffsetMinutes ?? 480;
  const textMatch = TEXT_FIELD.exec(text);
  const head = textMatch ? text.slice(0, textMatch.index) : text;
  const field = (pattern: RegExp) => pattern.exec(head)?.[1];
  const result: ReceiptText = {};
  const id = field(FIELD.id);
  if (id !== undefined) result.id = id;
  const submitted = field(FIELD.submitted);
  if (submitted !== undefined) result.submitted = Number(submitted);
  const delivered = field(FIELD.delivered);
  if (delivered !== undefined) result.delivered = Number(delivered);
  const submitDate = parseReceiptDate(field(FIELD.submitDate), offset);
  if (submitDate) result.submitDate = submitDate;
  const doneDate = parseReceiptDate(field(FIELD.doneDate), offset);
  if (doneDate) result.doneDate = doneDate;
  const stat = field(FIELD.stat);
  if (stat !== undefined) result.stat = stat;
  const err = field(FIELD.err);
  if (err !== undefined) result.err = err;
  if (textMatch) result.text = text.slice(textMatch.index + textMatch[0].length).replace(/\0+$/, "");
  return result;
}

/** YYMMDDhhmm or YYMMDDhhmmss in the SMSC's zone; null when absent or not a real date. */
export function parseReceiptDate(value: string | undefined, utcOffsetMinutes: number): Date | null {
  if (!value) return null;
  const n = (from: number) => Number(value.slice(from, from + 2));
  const [year, month, day, hour, minute] = [2000 + n(0), n(2), n(4), n(6), n(8)];
  const second = value.length >= 12 ? n(10) : 0;
  const utc = Date.UTC(year, month - 1, day, hour, minute, second);
  const check = new Date(utc);
  if (check.getUTCMonth() !== month - 1 || check.getUTCDate() !== day || hour > 23 || minute > 59 || second > 59)
    return null;
  return new Date(utc - utcOffsetMinutes * 60_000);
}

export interface DeliveryReceipt {
  /** Normalised: equal to the accepted outcome's messageId of the segment it reports on. */
  messageId: string;
  /** The id as the SMSC wrote it (TLV when present, else the text's id). */
  smscMessageId: string;
  state: MessageState;
  final: boolean;
  /** The raw stat word of the text, when there was one (carrier-specific words are kept here). */
  stat: string | null;
  /** The text's err field, else the network_error_code TLV as hex. */
  errorCode: string | null;
  submittedAt: Date | null;
  doneAt: Date | null;
  /** The handset the message went to (the receipt's source_addr). */
  recipient: string;
  /** Our source address the message came from (the receipt's destination_addr). */
  sender: string;
}

/** MC delivery receipt (0x04) or intermediate delivery notification (0x20), in esm_class bits 2-5. */
export function isDeliveryReceipt(pdu: MessagePdu): boolean {
  const type = pdu.esmClass & 0x3c;
  if (type === 0x04 || type === 0x20) return true;
  // Some SMSCs leave esm_class at 0 on receipts but do send the receipted_message_id TLV.
  return type === 0x00 && pdu.tlvs.has(TLV.receipted_message_id);
}

/**
 * The receipt a deliver_sm carries, or null when it names no message (neither the TLV nor an `id:`)
 * and so cannot be matched to anything.
 */
export function readDeliveryReceipt(
  pdu: MessagePdu,
  formats: MessageIdFormats,
  options: ReceiptTextOptions = {},
): DeliveryReceipt | null {
  const { body } = splitUserData(messageBytes(pdu), (pdu.esmClass & ESM_CLASS_UDHI) !== 0);
  const text = parseReceiptText(decodeReceiptText(body, pdu.dataCoding), options);
  const tlvId = tlvString(pdu, TLV.receipted_message_id)?.trim() || null;
  const smscMessageId = tlvId ?? text.id ?? null;
  if (!smscMessageId) return null;
  const messageId = tlvId
    ? normaliseMessageId(tlvId, formats.receiptTlv)
    : normaliseMessageId(smscMessageId, formats.receiptText);
  const tlvState = tlvInteger(pdu, TLV.message_state);
  const state =
    tlvState !== null ? messageStateFromTlv(tlvState) : text.stat ? messageStateFromStat(text.stat) : "unknown";
  const networkError = pdu.tlvs.get(TLV.network_error_code);
  return {
    messageId,
    smscMessageId,
    state,
    final: isFinalState(state),
    stat: text.stat ?? null,
    errorCode: text.err ?? (networkError && networkError.length > 0 ? networkError.toString("hex") : null),
    submittedAt: text.submitDate ?? null,
    doneAt: text.doneDate ?? null,
    recipient: pdu.source.address,
    sender: pdu.destination.address,
  };
}
