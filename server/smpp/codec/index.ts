// The codec: pure functions from text to SMPP bytes and from SMPP bytes to receipts and replies.
export { DATA_CODING, decodeText, decodeUcs2, encodeUcs2 } from "./data-coding";
export { decodeGsm7, encodeGsm7, gsm7Length, isGsm7 } from "./gsm7";
export { type MessageIdFormat, type MessageIdFormats, normaliseMessageId } from "./message-id";
export { type Address, type MessagePdu, messageBytes, parseMessagePdu } from "./message-pdu";
export {
  type DeliveryReceipt,
  type MessageState,
  type ReceiptText,
  isDeliveryReceipt,
  isFinalState,
  parseReceiptText,
  readDeliveryReceipt,
} from "./receipt";
export { type Reply, type ReplyPart, ReplyAssembler, readReplyPart } from "./reply";
export {
  type EncodedMessage,
  type EncodedSegment,
  type MessageEncoding,
  type MessageMeasure,
  MAX_SEGMENTS,
  SEGMENT_CAPACITY,
  chooseEncoding,
  encodeMessage,
  measureMessage,
  withSignature,
} from "./segment";
export { type Concatenation, ESM_CLASS_UDHI, concatenationUdh, parseUdh, splitUserData } from "./udh";
