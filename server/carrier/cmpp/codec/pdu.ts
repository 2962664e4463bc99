// CMPP PDUs (China Mobile Peer to Peer, 2.0 and 3.0) to and from bytes. Every integer is unsigned
// big-endian; every Octet String field has a fixed width, left-aligned and padded with NULs.
// The versions differ only in field widths:
//   terminal ids 32 octets in 3.0 (21 in 2.0), with a terminal-type octet after each in 3.0 only;
//   CONNECT_RESP Status, SUBMIT_RESP / DELIVER_RESP Result 4 octets in 3.0 (1 in 2.0);
//   SUBMIT / DELIVER end with LinkID (20 octets) in 3.0, Reserve (8 octets) in 2.0.
export type CmppVersion = "3.0" | "2.0";

/** The Version octet of CMPP_CONNECT: major version in the high nibble. */
export const VERSION_BYTE: Record<CmppVersion, number> = { "3.0": 0x30, "2.0": 0x20 };

export const COMMAND = {
  CONNECT: 0x00000001,
  CONNECT_RESP: 0x80000001,
  TERMINATE: 0x00000002,
  TERMINATE_RESP: 0x80000002,
  SUBMIT: 0x00000004,
  SUBMIT_RESP: 0x80000004,
  DELIVER: 0x00000005,
  DELIVER_RESP: 0x80000005,
  ACTIVE_TEST: 0x00000008,
  ACTIVE_TEST_RESP: 0x80000008,
} as const;

export const HEADER_LENGTH = 12;
/** Largest PDU we accept from a peer (a SUBMIT to 100 numbers in 3.0 is ~3.5 KB). */
export const MAX_PDU_LENGTH = 8192;

/** Msg_Fmt values we send and read. */
export const MSG_FMT = { ASCII: 0, UCS2: 8, GBK: 15 } as const;

export interface Widths {
  terminalId: number;
  terminalType: boolean;
  result: number;
  trailer: number;
}

export function widths(version: CmppVersion): Widths {
  return version === "3.0"
    ? { terminalId: 32, terminalType: true, result: 4, trailer: 20 }
    : { terminalId: 21, terminalType: false, result: 1, trailer: 8 };
}

export interface ConnectPdu {
  command: "connect";
  sequenceId: number;
  /** Source_Addr: the SP's login id (企业代码), 6 octets. */
  sourceAddr: string;
  authenticatorSource: Buffer;
  version: number;
  /** MMDDHHMMSS as a number (e.g. 1203164501). */
  timestamp: number;
}

export interface ConnectRespPdu {
  command: "connect_resp";
  sequenceId: number;
  status: number;
  authenticatorIsmg: Buffer;
  version: number;
}

export interface SubmitPdu {
  command: "submit";
  sequenceId: number;
  /** Zero from the SP; the ISMG fills it. */
  msgId: bigint;
  pkTotal: number;
  pkNumber: number;
  registeredDelivery: number;
  msgLevel: number;
  serviceId: string;
  feeUserType: number;
  feeTerminalId: string;
  /** 3.0 only (0 = real number, 1 = pseudo); ignored in 2.0. */
  feeTerminalType: number;
  tpPid: number;
  tpUdhi: number;
  msgFmt: number;
  /** Msg_src: the SP id (企业代码). */
  msgSrc: string;
  feeType: string;
  feeCode: string;
  validTime: string;
  atTime: string;
  /** Src_Id: the access number (e.g. 106...) plus the enterprise's extension. */
  srcId: string;
  destTerminalIds: string[];
  /** 3.0 only. */
  destTerminalType: number;
  /** UDH included when tpUdhi is 1. */
  msgContent: Buffer;
  /** LinkID in 3.0; the 8 Reserve octets (as text) in 2.0. */
  linkId: string;
}

export interface SubmitRespPdu {
  command: "submit_resp";
  sequenceId: number;
  msgId: bigint;
  result: number;
}

export interface DeliverPdu {
  command: "deliver";
  sequenceId: number;
  msgId: bigint;
  /** Dest_Id: our number the handset wrote to (access number + extension). */
  destId: string;
  serviceId: string;
  tpPid: number;
  tpUdhi: number;
  msgFmt: number;
  /** The handset (a reply's sender; for a status report, the number the report is about). */
  srcTerminalId: string;
  srcTerminalType: number;
  /** 1 = status report (Msg_Content is a report), 0 = a reply. */
  registeredDelivery: number;
  msgContent: Buffer;
  linkId: string;
}

export interface DeliverRespPdu {
  command: "deliver_resp";
  sequenceId: number;
  msgId: bigint;
  result: number;
}

export interface BareRequest {
  command: "terminate" | "terminate_resp" | "active_test";
  sequenceId: number;
}

export interface ActiveTestRespPdu {
  command: "active_test_resp";
  sequenceId: number;
  reserved: number;
}

export interface UnknownPdu {
  command: "unknown";
  commandId: number;
  sequenceId: number;
  body: Buffer;
}

export type CmppPdu =
  | ConnectPdu
  | ConnectRespPdu
  | SubmitPdu
  | SubmitRespPdu
  | DeliverPdu
  | DeliverRespPdu
  | BareRequest
  | ActiveTestRespPdu
  | UnknownPdu;

export class CmppDecodeError extends Error {
  override readonly name = "CmppDecodeError";
}

// ---- writing ----

class Writer {
  private readonly parts: Buffer[] = [];
  u8(value: number): this {
    this.parts.push(Buffer.from([value & 0xff]));
    return this;
  }
  u32(value: number): this {
    const b = Buffer.alloc(4);
    b.writeUInt32BE(value >>> 0);
    this.parts.push(b);
    return this;
  }
  uint(value: number, width: number): this {
    return width === 4 ? this.u32(value) : this.u8(value);
  }
  u64(value: bigint): this {
    const b = Buffer.alloc(8);
    b.writeBigUInt64BE(BigInt.asUintN(64, value));
    this.parts.push(b);
    return this;
  }
  /** Fixed-width Octet String: ASCII, NUL-padded; too long is an error, never a silent cut. */
  text(value: string, width: number, field: string): this {
    const bytes = Buffer.from(value, "latin1");
    if (bytes.length > width) throw new RangeError(`${field}: "${value}" is longer than ${width} octets`);
    const b = Buffer.alloc(width);
    bytes.copy(b);
    this.parts.push(b);
    return this;
  }
  bytes(value: Buffer): this {
    this.parts.push(value);
    return this;
  }
  body(): Buffer {
    return Buffer.concat(this.parts);
  }
}

function frame(commandId: number, sequenceId: number, body: Buffer): Buffer {
  const header = Buffer.alloc(HEADER_LENGTH);
  header.writeUInt32BE(HEADER_LENGTH + body.length, 0);
  header.writeUInt32BE(commandId >>> 0, 4);
  header.writeUInt32BE(sequenceId >>> 0, 8);
  return Buffer.concat([header, body]);
}

/** The whole PDU, header included. */
export function encodePdu(pdu: CmppPdu, version: CmppVersion): Buffer {
  const w = widths(version);
  const out = new Writer();
  switch (pdu.command) {
    case "connect":
      out.text(pdu.sourceAddr, 6, "Source_Addr").bytes(fixed(pdu.authenticatorSource, 16, "AuthenticatorSource"));
      out.u8(pdu.version).u32(pdu.timestamp);
      return frame(COMMAND.CONNECT, pdu.sequenceId, out.body());
    case "connect_resp":
      out
        .uint(pdu.status, w.result)
        .bytes(fixed(pdu.authenticatorIsmg, 16, "AuthenticatorISMG"))
        .u8(pdu.version);
      return frame(COMMAND.CONNECT_RESP, pdu.sequenceId, out.body());
    case "submit": {
      if (pdu.destTerminalIds.length < 1 || pdu.destTerminalIds.length > 100)
        throw new RangeError("DestUsr_tl must be 1-100");
      if (pdu.msgContent.length > 255) throw new RangeError("Msg_Content is longer than 255 octets");
      out.u64(pdu.msgId).u8(pdu.pkTotal).u8(pdu.pkNumber).u8(pdu.registeredDelivery).u8(pdu.msgLevel);
      out.text(pdu.serviceId, 10, "Service_Id").u8(pdu.feeUserType);
      out.text(pdu.feeTerminalId, w.terminalId, "Fee_terminal_Id");
      if (w.terminalType) out.u8(pdu.feeTerminalType);
      out.u8(pdu.tpPid).u8(pdu.tpUdhi).u8(pdu.msgFmt).text(pdu.msgSrc, 6, "Msg_src");
      out.text(pdu.feeType, 2, "FeeType").text(pdu.feeCode, 6, "FeeCode");
      out.text(pdu.validTime, 17, "ValId_Time").text(pdu.atTime, 17, "At_Time");
      out.text(pdu.srcId, 21, "Src_Id").u8(pdu.destTerminalIds.length);
      for (const id of pdu.destTerminalIds) out.text(id, w.terminalId, "Dest_terminal_Id");
      if (w.terminalType) out.u8(pdu.destTerminalType);
      out.u8(pdu.msgContent.length).bytes(pdu.msgContent).text(pdu.linkId, w.trailer, "LinkID/Reserve");
      return frame(COMMAND.SUBMIT, pdu.sequenceId, out.body());
    }
    case "submit_resp":
      out.u64(pdu.msgId).uint(pdu.result, w.result);
      return frame(COMMAND.SUBMIT_RESP, pdu.sequenceId, out.body());
    case "deliver":
      if (pdu.msgContent.length > 255) throw new RangeError("Msg_Content is longer than 255 octets");
      out.u64(pdu.msgId).text(pdu.destId, 21, "Dest_Id").text(pdu.serviceId, 10, "Service_Id");
      out.u8(pdu.tpPid).u8(pdu.tpUdhi).u8(pdu.msgFmt).text(pdu.srcTerminalId, w.terminalId, "Src_terminal_Id");
      if (w.terminalType) out.u8(pdu.srcTerminalType);
      out.u8(pdu.registeredDelivery).u8(pdu.msgContent.length).bytes(pdu.msgContent);
      out.text(pdu.linkId, w.trailer, "LinkID/Reserve");
      return frame(COMMAND.DELIVER, pdu.sequenceId, out.body());
    case "deliver_resp":
      out.u64(pdu.msgId).uint(pdu.result, w.result);
      return frame(COMMAND.DELIVER_RESP, pdu.sequenceId, out.body());
    case "terminate":
      return frame(COMMAND.TERMINATE, pdu.sequenceId, Buffer.alloc(0));
    case "terminate_resp":
      return frame(COMMAND.TERMINATE_RESP, pdu.sequenceId, Buffer.alloc(0));
    case "active_test":
      return frame(COMMAND.ACTIVE_TEST, pdu.sequenceId, Buffer.alloc(0));
    case "active_test_resp":
      return frame(COMMAND.ACTIVE_TEST_RESP, pdu.sequenceId, Buffer.from([pdu.reserved & 0xff]));
    case "unknown":
      return frame(pdu.commandId, pdu.sequenceId, pdu.body);
  }
}

function fixed(value: Buffer, width: number, field: string): Buffer {
  if (value.length !== width) throw new RangeError(`${field} must be ${width} octets`);
  return value;
}

// ---- reading ----

class Reader {
  private offset = 0;
  constructor(
    private readonly buffer: Buffer,
    private readonly what: string,
  ) {}
  private need(n: number): void {
    if (this.offset + n > this.buffer.length)
      throw new CmppDecodeError(`${this.what}: truncated at octet ${this.offset} (needs ${n} more)`);
  }
  u8(): number {
    this.need(1);
    return this.buffer[this.offset++]!;
  }
  u32(): number {
    this.need(4);
    const v = this.buffer.readUInt32BE(this.offset);
    this.offset += 4;
    return v;
  }
  uint(width: number): number {
    return width === 4 ? this.u32() : this.u8();
  }
  u64(): bigint {
    this.need(8);
    const v = this.buffer.readBigUInt64BE(this.offset);
    this.offset += 8;
    return v;
  }
  bytes(n: number): Buffer {
    this.need(n);
    const v = this.buffer.subarray(this.offset, this.offset + n);
    this.offset += n;
    return v;
  }
  text(n: number): string {
    return octetString(this.bytes(n));
  }
  /** Reads up to n octets: some gateways cut the trailing Reserve / LinkID short. */
  optionalText(n: number): string {
    const available = Math.min(n, this.buffer.length - this.offset);
    return octetString(this.bytes(available));
  }
  get remaining(): number {
    return this.buffer.length - this.offset;
  }
}

/** An Octet String field's text: up to the first NUL, trailing spaces dropped. */
export function octetString(bytes: Buffer): string {
  const nul = bytes.indexOf(0);
  return bytes
    .subarray(0, nul === -1 ? bytes.length : nul)
    .toString("latin1")
    .trimEnd();
}

export interface Header {
  totalLength: number;
  commandId: number;
  sequenceId: number;
}

export function readHeader(bytes: Buffer): Header {
  if (bytes.length < HEADER_LENGTH) throw new CmppDecodeError("header: fewer than 12 octets");
  return { totalLength: bytes.readUInt32BE(0), commandId: bytes.readUInt32BE(4), sequenceId: bytes.readUInt32BE(8) };
}

/** One whole PDU (as framed by Total_Length) in the given version's field widths. */
export function decodePdu(bytes: Buffer, version: CmppVersion): CmppPdu {
  const { totalLength, commandId, sequenceId } = readHeader(bytes);
  if (totalLength !== bytes.length)
    throw new CmppDecodeError(`Total_Length ${totalLength} but ${bytes.length} octets given`);
  const w = widths(version);
  const body = bytes.subarray(HEADER_LENGTH);
  const r = new Reader(body, `command 0x${commandId.toString(16).padStart(8, "0")}`);
  switch (commandId) {
    case COMMAND.CONNECT:
      return {
        command: "connect",
        sequenceId,
        sourceAddr: r.text(6),
        authenticatorSource: Buffer.from(r.bytes(16)),
        version: r.u8(),
        timestamp: r.u32(),
      };
    case COMMAND.CONNECT_RESP: {
      // The Status width tells the versions apart: a 2.0 gateway answering a 3.0 CONNECT sends 18 octets.
      const statusWidth = body.length === 18 ? 1 : body.length === 21 ? 4 : w.result;
      return {
        command: "connect_resp",
        sequenceId,
        status: r.uint(statusWidth),
        authenticatorIsmg: Buffer.from(r.bytes(16)),
        version: r.u8(),
      };
    }
    case COMMAND.SUBMIT: {
      const msgId = r.u64();
      const pkTotal = r.u8();
      const pkNumber = r.u8();
      const registeredDelivery = r.u8();
      const msgLevel = r.u8();
      const serviceId = r.text(10);
      const feeUserType = r.u8();
      const feeTerminalId = r.text(w.terminalId);
      const feeTerminalType = w.terminalType ? r.u8() : 0;
      const tpPid = r.u8();
      const tpUdhi = r.u8();
      const msgFmt = r.u8();
      const msgSrc = r.text(6);
      const feeType = r.text(2);
      const feeCode = r.text(6);
      const validTime = r.text(17);
      const atTime = r.text(17);
      const srcId = r.text(21);
      const count = r.u8();
      const destTerminalIds = Array.from({ length: count }, () => r.text(w.terminalId));
      const destTerminalType = w.terminalType ? r.u8() : 0;
      const length = r.u8();
      const msgContent = Buffer.from(r.bytes(length));
      const linkId = r.optionalText(w.trailer);
      return {
        command: "submit",
        sequenceId,
        msgId,
        pkTotal,
        pkNumber,
        registeredDelivery,
        msgLevel,
        serviceId,
        feeUserType,
        feeTerminalId,
        feeTerminalType,
        tpPid,
        tpUdhi,
        msgFmt,
        msgSrc,
        feeType,
        feeCode,
        validTime,
        atTime,
        srcId,
        destTerminalIds,
        destTerminalType,
        msgContent,
        linkId,
      };
    }
    case COMMAND.SUBMIT_RESP:
      return { command: "submit_resp", sequenceId, msgId: r.u64(), result: r.uint(resultWidth(body, w)) };
    case COMMAND.DELIVER: {
      const msgId = r.u64();
      const destId = r.text(21);
      const serviceId = r.text(10);
      const tpPid = r.u8();
      const tpUdhi = r.u8();
      const msgFmt = r.u8();
      const srcTerminalId = r.text(w.terminalId);
      const srcTerminalType = w.terminalType ? r.u8() : 0;
      const registeredDelivery = r.u8();
      const length = r.u8();
      const msgContent = Buffer.from(r.bytes(length));
      const linkId = r.optionalText(w.trailer);
      return {
        command: "deliver",
        sequenceId,
        msgId,
        destId,
        serviceId,
        tpPid,
        tpUdhi,
        msgFmt,
        srcTerminalId,
        srcTerminalType,
        registeredDelivery,
        msgContent,
        linkId,
      };
    }
    case COMMAND.DELIVER_RESP:
      return { command: "deliver_resp", sequenceId, msgId: r.u64(), result: r.uint(resultWidth(body, w)) };
    case COMMAND.TERMINATE:
      return { command: "terminate", sequenceId };
    case COMMAND.TERMINATE_RESP:
      return { command: "terminate_resp", sequenceId };
    case COMMAND.ACTIVE_TEST:
      return { command: "active_test", sequenceId };
    case COMMAND.ACTIVE_TEST_RESP:
      // Reserved is one octet; some gateways send none.
      return { command: "active_test_resp", sequenceId, reserved: r.remaining > 0 ? r.u8() : 0 };
    default:
      return { command: "unknown", commandId, sequenceId, body: Buffer.from(body) };
  }
}

// A response's Result width follows its length (8 + 4 or 8 + 1), whatever version was configured.
function resultWidth(body: Buffer, w: Widths): number {
  if (body.length === 12) return 4;
  if (body.length === 9) return 1;
  return w.result;
}

/** Splits a byte stream into whole PDUs by Total_Length. */
export class PduFramer {
  private pending: Buffer = Buffer.alloc(0);

  /** The whole PDUs now available; throws on a Total_Length that cannot be right (the link is then unusable). */
  push(chunk: Buffer): Buffer[] {
    this.pending = this.pending.length === 0 ? chunk : Buffer.concat([this.pending, chunk]);
    const out: Buffer[] = [];
    while (this.pending.length >= 4) {
      const length = this.pending.readUInt32BE(0);
      if (length < HEADER_LENGTH || length > MAX_PDU_LENGTH) throw new CmppDecodeError(`bad Total_Length ${length}`);
      if (this.pending.length < length) break;
      out.push(this.pending.subarray(0, length));
      this.pending = this.pending.subarray(length);
    }
    return out;
  }
}
