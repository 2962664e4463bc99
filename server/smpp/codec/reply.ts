// Replies (上行, mobile-originated deliver_sm): decoded, and long ones put back together.
// Parts are joined as bytes before decoding, so a character a phone split across two parts
// (it happens with UCS-2 surrogate pairs) still comes out whole.
import { decodeText } from "./data-coding";
import { type MessagePdu, TLV, messageBytes, tlvInteger } from "./message-pdu";
import { type Concatenation, ESM_CLASS_UDHI, parseUdh, splitUserData } from "./udh";

export interface ReplyPart {
  /** The handset that replied (source_addr). */
  from: string;
  /** Our address it replied to (destination_addr), e.g. the 106 number plus an extension. */
  to: string;
  dataCoding: number;
  body: Buffer;
  concatenation: Concatenation | null;
}

export interface Reply {
  from: string;
  to: string;
  text: string;
  dataCoding: number;
  /** Parts received; equals the message's total unless it timed out incomplete. */
  parts: number;
  /** False when the assembler gave up waiting for missing parts and passed on what it had. */
  complete: boolean;
}

/** The part a deliver_sm carries: concatenation from the UDH, else from the SAR TLVs. */
export function readReplyPart(pdu: MessagePdu): ReplyPart {
  const { udh, body } = splitUserData(messageBytes(pdu), (pdu.esmClass & ESM_CLASS_UDHI) !== 0);
  let concatenation = udh ? parseUdh(udh).concatenation : null;
  if (!concatenation) {
    const reference = tlvInteger(pdu, TLV.sar_msg_ref_num);
    const total = tlvInteger(pdu, TLV.sar_total_segments);
    const sequence = tlvInteger(pdu, TLV.sar_segment_seqnum);
    if (reference !== null && total !== null && sequence !== null && total >= 1 && sequence >= 1 && sequence <= total) {
      concatenation = { reference, referenceBits: 16, total, sequence };
    }
  }
  if (concatenation && concatenation.total === 1) concatenation = null;
  return { from: pdu.source.address, to: pdu.destination.address, dataCoding: pdu.dataCoding, body, concatenation };
}

export function replyFromParts(parts: ReplyPart[], complete: boolean): Reply {
  const first = parts[0];
  if (!first) throw new RangeError("a reply needs at least one part");
  const ordered = [...parts].sort((a, b) => (a.concatenation?.sequence ?? 0) - (b.concatenation?.sequence ?? 0));
  return {
    from: first.from,
    to: first.to,
    text: decodeText(Buffer.concat(ordered.map((p) => p.body)), first.dataCoding),
    dataCoding: first.dataCoding,
    parts: parts.length,
    complete,
  };
}

interface Pending {
  parts: Map<number, ReplyPart>;
  total: number;
  firstSeenAt: number;
}

/**
 * Collects the parts of long replies. A reply whose parts never all arrive is passed on
 * incomplete after `timeoutMs` rather than dropped: a truncated "退订" still matters.
 */
export class ReplyAssembler {
  private readonly pending = new Map<string, Pending>();

  constructor(private readonly timeoutMs: number) {}

  get waiting(): number {
    return this.pending.size;
  }

  /** The finished reply when this part completes one (or needs no others), else null. */
  add(part: ReplyPart, now: number): Reply | null {
    const c = part.concatenation;
    if (!c) return replyFromParts([part], true);
    const key = [part.from, part.to, c.referenceBits, c.reference, c.total].join("|");
    let entry = this.pending.get(key);
    if (!entry) {
      entry = { parts: new Map(), total: c.total, firstSeenAt: now };
      this.pending.set(key, entry);
    }
    entry.parts.set(c.sequence, part); // a repeated part (SMSC redelivery) replaces the earlier copy
    if (entry.parts.size < entry.total) return null;
    this.pending.delete(key);
    return replyFromParts([...entry.parts.values()], true);
  }

  /** Replies that waited longer than the timeout, incomplete, oldest first. */
  expire(now: number): Reply[] {
    const expired: Reply[] = [];
    for (const [key, entry] of this.pending) {
      if (now - entry.firstSeenAt < this.timeoutMs) continue;
      this.pending.delete(key);
      expired.push(replyFromParts([...entry.parts.values()], false));
    }
    return expired;
  }
}
