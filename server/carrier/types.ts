// One carrier link, whatever protocol it speaks: what the sending pipeline holds per upstream.
// SMPP (server/smpp) and CMPP (server/carrier/cmpp) both satisfy CarrierLink, with the shapes the
// SMPP layer defined first; they are imported from there, not copied.
//
// Every submitted segment ends in exactly one of three outcomes:
//   accepted  { messageId, smscMessageId }  the carrier took it; its receipts carry the same messageId
//   rejected  { errorCode, errorName, permanent }  not taken (nothing to duplicate); retry only if !permanent
//   unknown   { reason }  written, never answered: it may have been sent. A link NEVER resends these.
import {
  type DeliveryMeta,
  type DeliveryReceipt,
  type MessageState,
  type Reply,
  type SegmentOutcome,
  type SegmentSubmission,
  type SmppPool,
  type SmppPoolStatus,
  type SubmitOptions,
} from "../smpp";
import { type ReplyPart } from "../smpp/codec";

export type {
  DeliveryMeta,
  DeliveryReceipt,
  MessageState,
  Reply,
  ReplyPart,
  SegmentOutcome,
  SegmentSubmission,
  SubmitOptions,
};

export type CarrierProtocol = "smpp" | "cmpp";

export type AcceptedOutcome = Extract<SegmentOutcome, { status: "accepted" }>;
export type RejectedOutcome = Extract<SegmentOutcome, { status: "rejected" }>;
export type UnknownOutcome = Extract<SegmentOutcome, { status: "unknown" }>;

/**
 * A link's snapshot. Both protocols report the SMPP pool's shape ("binds" are a link's
 * connections); `systemId` is the account's login (SMPP system_id, CMPP Source_Addr).
 */
export type CarrierLinkStatus = SmppPoolStatus;

/** The handlers a link calls for what the carrier sends; same shapes for both protocols. */
export interface CarrierInboundHandlers {
  /** Each receipt once, with the messageId its segment's accepted outcome had; acknowledged when it resolves. */
  onReceipt?: (receipt: DeliveryReceipt, meta: DeliveryMeta) => void | Promise<void>;
  /** Each reply part (上行) as it comes, acknowledged when it resolves; replaces onReply when set. */
  onReplyPart?: (part: ReplyPart, meta: DeliveryMeta) => void | Promise<void>;
  /** Whole replies (long ones reassembled in the link), when onReplyPart is not set. */
  onReply?: (reply: Reply) => void | Promise<void>;
}

/** What the pipeline sends through; createSmppPool and createCmppPool both return one. */
export interface CarrierLink {
  submit(segments: readonly SegmentSubmission[], options?: SubmitOptions): Promise<SegmentOutcome[]>;
  status(): CarrierLinkStatus;
  waitUntilBound(options?: { binds?: number; timeoutMs?: number }): Promise<void>;
  close(options?: { timeoutMs?: number }): Promise<void>;
}

// The SMPP pool is a CarrierLink as it stands (checked by the compiler here).
export type SmppPoolIsCarrierLink = SmppPool extends CarrierLink ? true : never;
const smppPoolIsCarrierLink: SmppPoolIsCarrierLink = true;
void smppPoolIsCarrierLink;
