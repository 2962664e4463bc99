import smpp from "smpp";
import { describe, expect, it } from "vitest";
import { encodeUcs2 } from "./data-coding";
import { parseMessagePdu } from "./message-pdu";
import { ReplyAssembler, readReplyPart } from "./reply";
import { encodeMessage } from "./segment";

function moPart(options: Record<string, unknown>) {
  return readReplyPart(
    parseMessagePdu(
      new smpp.PDU("deliver_sm", {
        source_addr: "13800138000",
        destination_addr: "10690000",
        esm_class: 0,
        data_coding: 0,
        ...options,
      }).toBuffer(),
    ),
  );
}

const udhPart = (reference: number, total: number, sequence: number, body: Buffer, dataCoding = 8) =>
  moPart({
    esm_class: 0x40,
    data_coding: dataCoding,
    short_message: Buffer.concat([Buffer.from([5, 0, 3, reference, total, sequence]), body]),
  });

describe("replies", () => {
  it("decodes a short reply", () => {
    const assembler = new ReplyAssembler(60_000);
    expect(assembler.add(moPart({ short_message: Buffer.from("TD") }), 0)).toEqual({
      from: "13800138000",
      to: "10690000",
      text: "TD",
      dataCoding: 0,
      parts: 1,
      complete: true,
    });
    expect(assembler.add(moPart({ data_coding: 8, short_message: encodeUcs2("退订") }), 0)!.text).toBe("退订");
    expect(assembler.add(moPart({ data_coding: 15, short_message: Buffer.from("cdcbb6a9", "hex") }), 0)!.text).toBe(
      "退订",
    );
  });

  it("reassembles a long reply whose parts arrive out of order", () => {
    const text =
      "请问这个快递什么时候能送到？我明天上午不在家，下午三点以后可以签收，麻烦帮我和快递员说一下，谢谢！".repeat(2);
    const encoded = encodeMessage(text, { reference: 200 });
    expect(encoded.segmentCount).toBe(2);
    const parts = encoded.segments.map((s) =>
      moPart({ esm_class: 0x40, data_coding: 8, short_message: Buffer.concat([s.udh!, s.payload]) }),
    );
    const assembler = new ReplyAssembler(60_000);
    expect(assembler.add(parts[1]!, 0)).toBeNull();
    expect(assembler.waiting).toBe(1);
    expect(assembler.add(parts[0]!, 1)).toMatchObject({ text, parts: 2, complete: true });
    expect(assembler.waiting).toBe(0);
  });

  it("joins a surrogate pair a phone split across two parts", () => {
    const emoji = encodeUcs2("😀");
    const assembler = new ReplyAssembler(60_000);
    expect(assembler.add(udhPart(9, 2, 1, Buffer.concat([encodeUcs2("好"), emoji.subarray(0, 2)])), 0)).toBeNull();
    expect(assembler.add(udhPart(9, 2, 2, Buffer.concat([emoji.subarray(2), encodeUcs2("的")])), 0)!.text).toBe(
      "好😀的",
    );
  });

  it("reads the 16-bit reference form and the SAR TLVs", () => {
    const assembler = new ReplyAssembler(60_000);
    const sixteen = (seq: number, text: string) =>
      moPart({
        esm_class: 0x40,
        data_coding: 0,
        short_message: Buffer.concat([Buffer.from([6, 8, 4, 0x12, 0x34, 2, seq]), Buffer.from(text)]),
      });
    expect(assembler.add(sixteen(1, "HEL"), 0)).toBeNull();
    expect(assembler.add(sixteen(2, "LO"), 0)!.text).toBe("HELLO");
    const sar = (seq: number, text: string) =>
      moPart({ short_message: Buffer.from(text), sar_msg_ref_num: 77, sar_total_segments: 2, sar_segment_seqnum: seq });
    expect(assembler.add(sar(2, "LD"), 0)).toBeNull();
    expect(assembler.add(sar(1, "WOR"), 0)!.text).toBe("WORLD");
  });

  it("keeps different references and senders apart, and tolerates a repeated part", () => {
    const assembler = new ReplyAssembler(60_000);
    expect(assembler.add(udhPart(1, 2, 1, encodeUcs2("甲")), 0)).toBeNull();
    expect(assembler.add(udhPart(2, 2, 1, encodeUcs2("乙")), 0)).toBeNull();
    expect(assembler.add(udhPart(1, 2, 1, encodeUcs2("甲")), 0)).toBeNull(); // SMSC redelivery
    const other = moPart({
      source_addr: "13900139000",
      esm_class: 0x40,
      data_coding: 8,
      short_message: Buffer.concat([Buffer.from([5, 0, 3, 1, 2, 2]), encodeUcs2("丙")]),
    });
    expect(assembler.add(other, 0)).toBeNull();
    expect(assembler.waiting).toBe(3);
    expect(assembler.add(udhPart(2, 2, 2, encodeUcs2("二")), 0)!.text).toBe("乙二");
    expect(assembler.add(udhPart(1, 2, 2, encodeUcs2("一")), 0)!.text).toBe("甲一");
  });

  it("passes on an incomplete reply after the timeout rather than losing it", () => {
    const assembler = new ReplyAssembler(1_000);
    assembler.add(udhPart(5, 3, 1, encodeUcs2("退")), 0);
    assembler.add(udhPart(5, 3, 3, encodeUcs2("订")), 100);
    expect(assembler.expire(999)).toEqual([]);
    expect(assembler.expire(1_000)).toEqual([
      { from: "13800138000", to: "10690000", text: "退订", dataCoding: 8, parts: 2, complete: false },
    ]);
    expect(assembler.waiting).toBe(0);
  });

  it("treats a single-part concatenation header as a plain reply", () => {
    expect(new ReplyAssembler(1).add(udhPart(5, 1, 1, encodeUcs2("TD")), 0)).toMatchObject({
      text: "TD",
      complete: true,
    });
  });
});
