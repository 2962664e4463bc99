import { describe, expect, it } from "vitest";
import { ReplyAssembler } from "../../../smpp/codec";
import { readReplyPart } from "../pool/pool";
import { encodeCmppMessage } from "./message";
import { type DeliverPdu } from "./pdu";

const deliver = (msgContent: Buffer, tpUdhi: number, msgFmt: number): DeliverPdu => ({
  command: "deliver",
  sequenceId: 1,
  msgId: 1n,
  destId: "106900001234",
  serviceId: "",
  tpPid: 0,
  tpUdhi,
  msgFmt,
  srcTerminalId: "13800138000",
  srcTerminalType: 0,
  registeredDelivery: 0,
  msgContent,
  linkId: "",
});

describe("encodeCmppMessage", () => {
  it("ASCII text goes as Msg_Fmt 0 octets (not GSM-7 septet values)", () => {
    const m = encodeCmppMessage("Code_123 @ $5", { reference: 1 });
    expect(m.dataCoding).toBe(0);
    expect(m.segments[0]!.payload.toString("hex")).toBe("436f64655f3132332040202435");
  });

  it("long UCS-2 text: 67 characters a segment, each with 05 00 03 ref total seq, reassembled from replies", () => {
    const text = "【某某公司】" + "您的验证码是一二三四五六，五分钟内有效，请勿告诉他人。".repeat(4);
    const m = encodeCmppMessage(text, { reference: 0x5a });
    expect(m.dataCoding).toBe(8);
    expect(m.segments.length).toBe(Math.ceil(text.length / 67));
    m.segments.forEach((s, i) => {
      expect(s.udh!.toString("hex")).toBe(`0500035a${m.segments.length.toString(16).padStart(2, "0")}0${i + 1}`);
      expect(s.payload.length).toBeLessThanOrEqual(134);
    });
    // First characters by hand: 【 U+3010, 某 U+67D0
    expect(m.segments[0]!.payload.subarray(0, 4).toString("hex")).toBe("301067d0");
    // The same bytes as a handset's long reply, parts out of order.
    const assembler = new ReplyAssembler(60_000);
    const parts = m.segments.map((s) => readReplyPart(deliver(Buffer.concat([s.udh!, s.payload]), 1, 8)));
    const results = [...parts].reverse().map((p) => assembler.add(p, 0));
    const reply = results.find((r) => r !== null)!;
    expect(results.filter((r) => r !== null)).toHaveLength(1);
    expect(reply).toMatchObject({
      text,
      complete: true,
      parts: m.segments.length,
      from: "13800138000",
      to: "106900001234",
    });
  });

  it("reads GBK (15) and ASCII (0) replies", () => {
    const gbk = readReplyPart(deliver(Buffer.from("cdcbb6a9", "hex"), 0, 15)); // 退订 in GBK
    expect(new ReplyAssembler(1).add(gbk, 0)?.text).toBe("退订");
    const ascii = readReplyPart(deliver(Buffer.from("5444", "hex"), 0, 0));
    expect(new ReplyAssembler(1).add(ascii, 0)?.text).toBe("TD");
  });
});
