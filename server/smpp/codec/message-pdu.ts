// submit_sm and deliver_sm read straight from the PDU bytes. The smpp package decodes
// short_message itself (GSM-7 for data_coding 0, which mangles the ASCII receipts Chinese SMSCs
// send, and UCS-2 through a lossy path), so both sides of this layer read the exact bytes here.
// The two commands share one body layout (SMPP 3.4 §4.4.1 and §4.6.1).

export const COMMAND_ID = {
  submit_sm: 0x00000004,
  deliver_sm: 0x00000005,
} as const;

export const TLV = {
  receipted_message_id: 0x001e,
  sar_msg_ref_num: 0x020c,
  sar_total_segments: 0x020e,
  sar_segment_seqnum: 0x020f,
  network_error_code: 0x0423,
  message_payload: 0x0424,
  message_state: 0x0427,
} as const;

export interface Address {
  ton: number;
  npi: number;
  address: string;
}

export interface MessagePdu {
  commandId: number;
  commandStatus: number;
  sequenceNumber: number;
  serviceType: string;
  source: Address;
  destination: Address;
  esmClass: number;
  protocolId: number;
  priorityFlag: number;
  scheduleDeliveryTime: string;
  validityPeriod: string;
  registeredDelivery: number;
  replaceIfPresent: number;
  dataCoding: number;
  smDefaultMsgId: number;
  /** The short_message octets exactly as sent, UDH included. */
  shortMessage: Buffer;
  /** Optional parameters by tag; a repeated tag keeps its last value. */
  tlvs: Map<number, Buffer>;
}

const HEADER_LENGTH = 16;

/** Parses a whole submit_sm or deliver_sm PDU (header included). Throws RangeError when malformed. */
export function parseMessagePdu(pdu: Buffer): MessagePdu {
  if (pdu.length < HEADER_LENGTH) throw new RangeError("PDU shorter than its header");
  const length = pdu.readUInt32BE(0);
  if (length > pdu.length || length < HEADER_LENGTH)
    throw new RangeError(`command_length ${length} does not match ${pdu.length} bytes`);
  const reader = new Reader(pdu.subarray(0, length), HEADER_LENGTH);
  const commandId = pdu.readUInt32BE(4);
  if (commandId !== COMMAND_ID.submit_sm && commandId !== COMMAND_ID.deliver_sm) {
    throw new RangeError(`not submit_sm/deliver_sm: 0x${commandId.toString(16)}`);
  }
  const message: MessagePdu = {
    commandId,
    commandStatus: pdu.readUInt32BE(8),
    sequenceNumber: pdu.readUInt32BE(12),
    serviceType: reader.cstring(),
    source: { ton: reader.int8(), npi: reader.int8(), address: reader.cstring() },
    destination: { ton: reader.int8(), npi: reader.int8(), address: reader.cstring() },
    esmClass: reader.int8(),
    protocolId: reader.int8(),
    priorityFlag: reader.int8(),
    scheduleDeliveryTime: reader.cstring(),
    validityPeriod: reader.cstring(),
    registeredDelivery: reader.int8(),
    replaceIfPresent: reader.int8(),
    dataCoding: reader.int8(),
    smDefaultMsgId: reader.int8(),
    shortMessage: reader.bytes(reader.int8()),
    tlvs: new Map(),
  };
  while (reader.remaining >= 4) {
    const tag = reader.int16();
    message.tlvs.set(tag, reader.bytes(reader.int16()));
  }
  return message;
}

/** The message octets: short_message, or the message_payload TLV when short_message is empty. */
export function messageBytes(pdu: MessagePdu): Buffer {
  if (pdu.shortMessage.length > 0) return pdu.shortMessage;
  return pdu.tlvs.get(TLV.message_payload) ?? pdu.shortMessage;
}

/** A C-octet-string TLV as text (trailing NULs dropped), or null when absent. */
export function tlvString(pdu: MessagePdu, tag: number): string | null {
  const value = pdu.tlvs.get(tag);
  if (!value) return null;
  const end = value.indexOf(0);
  return value.toString("latin1", 0, end === -1 ? value.length : end);
}

/** An integer TLV of 1, 2 or 4 octets, or null when absent or of another size. */
export function tlvInteger(pdu: MessagePdu, tag: number): number | null {
  const value = pdu.tlvs.get(tag);
  if (!value) return null;
  if (value.length === 1) return value.readUInt8(0);
  if (value.length === 2) return value.readUInt16BE(0);
  if (value.length === 4) return value.readUInt32BE(0);
  return null;
}

class Reader {
  constructor(
    private readonly buffer: Buffer,
    private offset: number,
  ) {}

  get remaining(): number {
    return this.buffer.length - this.offset;
  }

  int8(): number {
    this.need(1);
    return this.buffer.readUInt8(this.offset++);
  }

  int16(): number {
    this.need(2);
    const value = this.buffer.readUInt16BE(this.offset);
    this.offset += 2;
    return value;
  }

  cstring(): string {
    const end = this.buffer.indexOf(0, this.offset);
    if (end === -1) throw new RangeError("unterminated C-octet string");
    const value = this.buffer.toString("latin1", this.offset, end);
    this.offset = end + 1;
    return value;
  }

  bytes(length: number): Buffer {
    this.need(length);
    const value = this.buffer.subarray(this.offset, this.offset + length);
    this.offset += length;
    return value;
  }

  private need(length: number): void {
    if (this.remaining < length) throw new RangeError("PDU ends inside a field");
  }
}
