// The CMPP layer (China Mobile CMPP 3.0 and 2.0, one version per link): what the sending pipeline
// and the back office use. It is a CarrierLink (server/carrier/types.ts) exactly as the SMPP pool is,
// with the same segment, outcome, receipt and reply shapes (imported from server/smpp).
//
// Sending
//   const link = createCmppPool({ config: loadCmppConfig(), onReceipt, onReplyPart });
//   const encoded = encodeCmppMessage(withSignature(body, "某某公司"), { reference });
//   const outcomes = await link.submit(encoded.segments.map((s) => ({
//     segmentKey: `${messageId}:${s.sequence}`, destination, source: accessNumber + extension,
//     dataCoding: encoded.dataCoding, udh: s.udh, shortMessage: s.payload })), { onOutcome });
//   dataCoding is the Msg_Fmt: 0 ASCII octets, 8 UCS-2, 15 GBK. Use encodeCmppMessage, not the SMPP
//   encodeMessage: SMPP's 0 is GSM-7, whose octets differ from ASCII for @ $ _ and others. Segment
//   counts are the same as measureMessage's. `source` is the Src_Id (digits, at most 21): the
//   access number plus the enterprise's extension, so replies (Dest_Id) route back; default CMPP_SRC_ID.
//   A udh sets TP_udhi 1 and Pk_total / Pk_number from its concatenation element.
//
// Each outcome is one of (same as SMPP)
//   { status: "accepted", messageId, smscMessageId }  messageId: the 64-bit Msg_Id as unsigned decimal;
//                                smscMessageId: 16 hex digits. Reports carry the same messageId.
//   { status: "rejected", errorCode, errorName, permanent }  Result != 0 (errorName "CMPP_<NAME>"),
//                                or never sent ("QUEUE_TIMEOUT" / "POOL_CLOSED", retryable)
//   { status: "unknown", reason }  written, never answered (link died / timed out); NEVER resent here.
// Result 8 (flow control) is handled inside: the connection pauses and refused segments go again,
// in order, before newer ones. Segments not yet written when a connection dies move to another.
//
// Receipts and replies (same handlers and shapes as SMPP)
//   onReceipt(receipt, { bind, raw }): every status report once (duplicates by Msg_Id, Stat and
//   handset filtered), messageId normalised as above, matched in either byte order (some gateways
//   write the report's Msg_Id little-endian). state from Stat: DELIVRD delivered, EXPIRED expired,
//   UNDELIV undeliverable, REJECTD rejected, DELETED, ACCEPTD, UNKNOWN; carrier words (MK:0001,
//   DB:0008, ...) are final "undeliverable" with errorCode = the word.
//   onReplyPart(part, meta): every reply part (上行) as it comes; part.dataCoding is the Msg_Fmt,
//   except ASCII (0) which is given as 3 (Latin-1) so decodeText reads octets; part.to is Dest_Id.
//   Without it, onReply gets replies with long ones reassembled here. Every DELIVER is answered
//   with DELIVER_RESP once its handler resolves (Result 0; 9 if it rejected).
//
// Connections
//   CMPP_CONNECT with AuthenticatorSource (MD5 of Source_Addr, 9 NULs, secret, MMDDHHMMSS China time);
//   the ISMG's AuthenticatorISMG is checked. Refusals are CmppConnectError with code BAD_STRUCTURE (1),
//   BAD_SOURCE_ADDR (2), AUTH_FAILED (3), VERSION_TOO_HIGH (4), CONNECT_STATUS_<n>, or
//   ISMG_AUTH_MISMATCH; waitUntilBound rejects with it once every connection was refused. Refused
//   or dropped connections come back after an exponential, jittered backoff. ACTIVE_TEST after
//   CMPP_ACTIVE_TEST_MS of silence, dead after CMPP_ACTIVE_TEST_MAX_MISSED unanswered; the
//   gateway's ACTIVE_TEST and TERMINATE are answered; close() sends TERMINATE.
//
// Environment (config.ts; the link table will build a CmppConfig instead)
//   CMPP_URL=cmpp://127.0.0.1:7890  CMPP_VERSION=3.0|2.0  CMPP_SOURCE_ADDR=901234  CMPP_SECRET=secret
//   CMPP_SP_ID (Msg_src, default CMPP_SOURCE_ADDR)  CMPP_SERVICE_ID=MQX0019901  CMPP_SRC_ID=10690000
//   CMPP_FEE_USER_TYPE=2  CMPP_FEE_TYPE=01  CMPP_FEE_CODE=000000  CMPP_CONNECTIONS=1  CMPP_WINDOW=16
//   CMPP_CONNECTION_MAX_PER_SECOND=100 (0 = none)  CMPP_LINK_MAX_PER_SECOND=0 (0 = none)
//   CMPP_RESPONSE_TIMEOUT_MS=10000  CMPP_ACTIVE_TEST_MS=30000  CMPP_ACTIVE_TEST_MAX_MISSED=3
//   CMPP_RECONNECT_MIN_MS=1000  CMPP_RECONNECT_MAX_MS=60000  CMPP_THROTTLE_PAUSE_MS=1000
//   CMPP_QUEUE_TIMEOUT_MS=120000
export { type CmppConfig, loadCmppConfig, validateCmppConfig } from "./config";
export { type CmppPool, type CmppPoolOptions, createCmppPool, readReplyPart } from "./pool/pool";
export { CmppConnectError } from "./pool/session";
export {
  type CmppVersion,
  type MsgIdParts,
  decodeCmppText,
  describeConnectStatus,
  encodeCmppMessage,
  msgIdHex,
  msgIdKey,
  packMsgId,
  unpackMsgId,
} from "./codec";
