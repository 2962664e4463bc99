import smpp from "smpp";
import { describe, expect, it } from "vitest";
import { TLV, messageBytes, parseMessagePdu, tlvInteger, tlvString } from "./message-pdu";

describe("parseMessagePdu", () => {
  it("reads a submit_sm as the smpp package writes it, bytes exact", () => {
    const shortMessage = Buffer.from("050003070201d83dde00", "hex");
    const raw = new smpp.PDU("submit_sm", {
      sequence_number: 42,
      service_type: "SVC",
      source_addr_ton: 5,
      source_addr_npi: 0,
      source_addr: "10690000",
      dest_addr_ton: 1,
      dest_addr_npi: 1,
      destination_addr: "8613800138000",
      esm_class: 0x40,
      registered_delivery: 1,
      data_coding: 8,
      short_message: shortMessage,
    }).toBuffer();
    const pdu = parseMessagePdu(raw);
    expect(pdu).toMatchObject({
      commandId: 0x04,
      sequenceNumber: 42,
      serviceType: "SVC",
      source: { ton: 5, npi: 0, address: "10690000" },
      destination: { ton: 1, npi: 1, address: "8613800138000" },
      esmClass: 0x40,
      registeredDelivery: 1,
      dataCoding: 8,
    });
    expect(pdu.shortMessage.equals(shortMessage)).toBe(true);
    expect(pdu.tlvs.size).toBe(0);
  });

  it("reads TLVs of a deliver_sm, and message_payload when short_message is empty", () => {
    const raw = new smpp.PDU("deliver_sm", {
      source_addr: "13800138000",
      destination_addr: "10690000",
      esm_class: 0x04,
      data_coding: 0,
      short_message: Buffer.alloc(0),
      message_payload: Buffer.from("id:7 stat:DELIVRD"),
      receipted_message_id: "7",
      message_state: 2,
      sar_msg_ref_num: 0x1234,
    }).toBuffer();
    const pdu = parseMessagePdu(raw);
    expect(messageBytes(pdu).toString()).toBe("id:7 stat:DELIVRD");
    expect(tlvString(pdu, TLV.receipted_message_id)).toBe("7");
    expect(tlvInteger(pdu, TLV.message_state)).toBe(2);
    expect(tlvInteger(pdu, TLV.sar_msg_ref_num)).toBe(0x1234);
    expect(tlvInteger(pdu, TLV.sar_total_segments)).toBeNull();
  });

  it("rejects malformed PDUs", () => {
    const raw = new smpp.PDU("deliver_sm", {
      source_addr: "1",
      destination_addr: "2",
      short_message: Buffer.from("hello"),
    }).toBuffer();
    expect(() => parseMessagePdu(raw.subarray(0, 10))).toThrow(RangeError);
    const truncated = Buffer.from(raw.subarray(0, raw.length - 3));
    truncated.writeUInt32BE(truncated.length, 0);
    expect(() => parseMessagePdu(truncated)).toThrow(RangeError);
    const unterminated = Buffer.concat([raw.subarray(0, 16), Buffer.from("abc")]);
    unterminated.writeUInt32BE(unterminated.length, 0);
    expect(() => parseMessagePdu(unterminated)).toThrow(/unterminated/);
    expect(() => parseMessagePdu(new smpp.PDU("enquire_link", { sequence_number: 1 }).toBuffer())).toThrow(
      /not submit_sm/,
    );
  });
});
