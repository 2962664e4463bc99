// The CMPP codec: pure functions between CMPP 2.0 / 3.0 bytes and values.
export {
  CONNECT_STATUS,
  authenticatorIsmg,
  authenticatorSource,
  connectTimestamp,
  describeConnectStatus,
  timestampText,
} from "./auth";
export { decodeCmppText, encodeCmppMessage } from "./message";
export { type MsgIdParts, msgIdHex, msgIdKey, packMsgId, plausibleMsgId, swapMsgIdBytes, unpackMsgId } from "./msg-id";
export {
  COMMAND,
  type CmppPdu,
  type CmppVersion,
  CmppDecodeError,
  type ConnectPdu,
  type ConnectRespPdu,
  type DeliverPdu,
  type DeliverRespPdu,
  MSG_FMT,
  PduFramer,
  type SubmitPdu,
  type SubmitRespPdu,
  VERSION_BYTE,
  decodePdu,
  encodePdu,
  readHeader,
  widths,
} from "./pdu";
export {
  type ReportContent,
  decodeReport,
  encodeReport,
  formatReportTime,
  reportLength,
  reportState,
  reportTime,
} from "./report";
export { SUBMIT_RESULT, classifySubmitResult, submitResultName } from "./results";
