// The SMPP layer: what the sending pipeline and the back office use.
//
// Sending
//   const pool = createSmppPool({ config: loadSmppConfig(), onReceipt, onReply });
//   const encoded = encodeMessage(withSignature(body, "某某公司"), { reference });
//   const outcomes = await pool.submit(encoded.segments.map((s) => ({
//     segmentKey: `${messageId}:${s.sequence}`, destination, dataCoding: encoded.dataCoding,
//     udh: s.udh, shortMessage: s.payload })), { onOutcome });  // onOutcome: each as it settles
//
// Each outcome is one of
//   { status: "accepted", messageId }        the SMSC took it; receipts will carry this messageId
//   { status: "rejected", errorCode, permanent }
//                                            not taken (nothing to duplicate); retry only if !permanent
//   { status: "unknown", reason }            written, never answered (link died / timed out): it may
//                                            have been sent. The pool NEVER resends these; the
//                                            pipeline reconciles (e.g. a receipt whose messageId it
//                                            does not know, matched by destination and time).
// Throttling (ESME_RTHROTTLED / ESME_RMSGQFUL) is handled inside: the link pauses and the refused
// segments go out again, in order, before newer ones. Segments not yet written when a link dies
// move to another bind: they were never sent. A segment still queued after SMPP_QUEUE_TIMEOUT_MS
// comes back rejected ("QUEUE_TIMEOUT", retryable): submit batches the account can send in that time.
//
// Receipts and replies
//   onReceipt(receipt, { bind, raw }) gets every receipt once (SMSC redeliveries filtered by id,
//   state and handset), with the same normalised messageId the accepted outcome had, one per
//   segment for long messages. onReplyPart gets every reply part (上行) as it comes (the pipeline
//   stores and reassembles them: server/sending/inbox.ts); without it, onReply gets replies with
//   long ones reassembled here. All may be async: the deliver_sm is acknowledged only after they
//   resolve. The pipeline's handlers never reject (real SMSCs do not reliably redeliver a refused
//   receipt); one that does gets ESME_RX_T_APPN. Every response PDU written is complete per SMPP
//   3.4 (deliver_sm_resp carries its message_id even when refusing: transport.ts).
//
// Back office
//   pool.status() is a plain snapshot (binds, in flight, submitted/s, throttled, errors; times as Dates);
//   the simulator is driven through createSimulatorControlClient({ url, secret }) (server/smpp/simulator),
//   with the address and secret of the gateway's own simulator (gateway.simulatorControl).
//
// Environment (see config.ts for limits)
//   SMPP_URL=smpp://127.0.0.1:2775  SMPP_SYSTEM_ID=qixintong  SMPP_PASSWORD=secret
//   SMPP_SYSTEM_TYPE=  SMPP_SERVICE_TYPE=  SMPP_SOURCE_ADDR=10690000  SMPP_SOURCE_TON=0  SMPP_SOURCE_NPI=0
//   SMPP_DEST_TON=0  SMPP_DEST_NPI=1  SMPP_BINDS=1  SMPP_WINDOW=10
//   SMPP_BIND_MAX_PER_SECOND=100 (0 = none)  SMPP_ACCOUNT_MAX_PER_SECOND=0 (0 = none)
//   SMPP_RESPONSE_TIMEOUT_MS=10000  SMPP_ENQUIRE_LINK_MS=30000  SMPP_ENQUIRE_LINK_MAX_MISSED=2
//   SMPP_REBIND_MIN_MS=1000  SMPP_REBIND_MAX_MS=60000  SMPP_THROTTLE_PAUSE_MS=1000
//   SMPP_QUEUE_TIMEOUT_MS=120000  SMPP_ID_FORMAT_SUBMIT=text|hex|decimal (text)
//   SMPP_ID_FORMAT_RECEIPT_TLV, SMPP_ID_FORMAT_RECEIPT_TEXT (default: the submit format)
//   SMPP_RECEIPT_UTC_OFFSET_MINUTES=480
export { type SmppConfig, loadSmppConfig } from "./config";
export {
  type DeliveryMeta,
  type SmppPool,
  type SmppPoolOptions,
  type SubmitOptions,
  createSmppPool,
} from "./pool/pool";
export {
  type BindState,
  type BindStatus,
  type SegmentOutcome,
  type SegmentSubmission,
  type SmppLogger,
  type SmppPoolStatus,
  consoleLogger,
  silentLogger,
} from "./pool/types";
export {
  DATA_CODING,
  type DeliveryReceipt,
  type EncodedMessage,
  type EncodedSegment,
  type MessageEncoding,
  type MessageIdFormat,
  type MessageMeasure,
  type MessageState,
  type Reply,
  encodeMessage,
  measureMessage,
  normaliseMessageId,
  withSignature,
} from "./codec";
