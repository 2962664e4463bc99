import smpp from "smpp";
import { describe, expect, it } from "vitest";
import { encodeUcs2 } from "./data-coding";
import { type MessageIdFormats } from "./message-id";
import { parseMessagePdu } from "./message-pdu";
import {
  isDeliveryReceipt,
  isFinalState,
  messageStateFromStat,
  parseReceiptText,
  readDeliveryReceipt,
} from "./receipt";

const TEXT =
  "id:1A2B3C4D sub:001 dlvrd:001 submit date:2611251230 done date:2611251231 stat:DELIVRD err:000 text:【某某公司】您的验证";
const AS_IS: MessageIdFormats = { submitResponse: "text", receiptTlv: "text", receiptText: "text" };

function deliverSm(options: Record<string, unknown>) {
  return parseMessagePdu(
    new smpp.PDU("deliver_sm", {
      source_addr: "13800138000",
      destination_addr: "10690000",
      esm_class: 0x04,
      data_coding: 0,
      ...options,
    }).toBuffer(),
  );
}

describe("parseReceiptText", () => {
  it("reads every field of the usual form, dates in China time", () => {
    expect(parseReceiptText(TEXT)).toEqual({
      id: "1A2B3C4D",
      submitted: 1,
      delivered: 1,
      submitDate: new Date("2026-11-25T04:30:00Z"),
      doneDate: new Date("2026-11-25T04:31:00Z"),
      stat: "DELIVRD",
      err: "000",
      text: "【某某公司】您的验证",
    });
  });

  it("reads dates with seconds and other zones", () => {
    expect(parseReceiptText("id:1 done date:261125123059 stat:DELIVRD", { utcOffsetMinutes: 0 }).doneDate).toEqual(
      new Date("2026-11-25T12:30:59Z"),
    );
  });

  it("copes with missing fields, other casing and underscores", () => {
    expect(parseReceiptText("id:abc stat:UNDELIV")).toEqual({ id: "abc", stat: "UNDELIV" });
    expect(
      parseReceiptText("Id:9 Sub:1 Dlvrd:0 Submit_date:2611251230 Done_date:2611251230 Stat:EXPIRED Err:006"),
    ).toMatchObject({
      id: "9",
      stat: "EXPIRED",
      err: "006",
      submitDate: new Date("2026-11-25T04:30:00Z"),
    });
    expect(parseReceiptText("")).toEqual({});
    expect(parseReceiptText("stat:DELIVRD")).toEqual({ stat: "DELIVRD" });
  });

  it("never reads fields out of the quoted text", () => {
    const parsed = parseReceiptText("id:5 stat:UNDELIV err:001 text:id:6 stat:DELIVRD");
    expect(parsed).toMatchObject({ id: "5", stat: "UNDELIV", text: "id:6 stat:DELIVRD" });
  });

  it("drops dates that are not dates", () => {
    expect(parseReceiptText("id:1 submit date:2613251230 done date:2602301230").submitDate).toBeUndefined();
    expect(parseReceiptText("id:1 done date:2602301230").doneDate).toBeUndefined();
  });
});

describe("message states", () => {
  it("maps stat words, long spellings and carrier codes", () => {
    expect(messageStateFromStat("DELIVRD")).toBe("delivered");
    expect(messageStateFromStat("delivered")).toBe("delivered");
    expect(messageStateFromStat("UNDELIV")).toBe("undeliverable");
    expect(messageStateFromStat("REJECTD")).toBe("rejected");
    expect(messageStateFromStat("MK:0005")).toBe("unknown");
    expect(isFinalState("delivered")).toBe(true);
    expect(isFinalState("expired")).toBe(true);
    expect(isFinalState("enroute")).toBe(false);
    expect(isFinalState("unknown")).toBe(false);
  });

  it("takes ACCEPTD for an intermediate report: the final one follows", () => {
    expect(messageStateFromStat("ACCEPTD")).toBe("accepted");
    expect(isFinalState("accepted")).toBe(false);
    const byText = readDeliveryReceipt(deliverSm({ short_message: Buffer.from("id:5 stat:ACCEPTD err:000") }), AS_IS);
    const byTlv = readDeliveryReceipt(
      deliverSm({ short_message: Buffer.from("id:5 stat:ACCEPTD"), receipted_message_id: "5", message_state: 6 }),
      AS_IS,
    );
    for (const receipt of [byText, byTlv])
      expect(receipt).toMatchObject({ state: "accepted", final: false, stat: "ACCEPTD" });
  });
});

describe("readDeliveryReceipt", () => {
  it("reads the text form when there are no TLVs", () => {
    const receipt = readDeliveryReceipt(
      deliverSm({ short_message: Buffer.from(TEXT.replace(/text:.*/, "text:")) }),
      AS_IS,
    );
    expect(receipt).toEqual({
      messageId: "1A2B3C4D",
      smscMessageId: "1A2B3C4D",
      state: "delivered",
      final: true,
      stat: "DELIVRD",
      errorCode: "000",
      submittedAt: new Date("2026-11-25T04:30:00Z"),
      doneAt: new Date("2026-11-25T04:31:00Z"),
      recipient: "13800138000",
      sender: "10690000",
    });
  });

  it("prefers receipted_message_id and message_state over the text", () => {
    const receipt = readDeliveryReceipt(
      deliverSm({
        short_message: Buffer.from("id:999 stat:DELIVRD err:000"),
        receipted_message_id: "1A2B3C4D",
        message_state: 5,
      }),
      AS_IS,
    );
    expect(receipt).toMatchObject({ messageId: "1A2B3C4D", state: "undeliverable", final: true, stat: "DELIVRD" });
  });

  it("matches a hex submit id to a receipt whose text gives it in decimal", () => {
    const formats: MessageIdFormats = { submitResponse: "hex", receiptTlv: "hex", receiptText: "decimal" };
    const fromText = readDeliveryReceipt(
      deliverSm({ short_message: Buffer.from("id:0439041101 stat:DELIVRD") }),
      formats,
    );
    const fromTlv = readDeliveryReceipt(
      deliverSm({ short_message: Buffer.from("stat:DELIVRD"), receipted_message_id: "1A2B3C4D" }),
      formats,
    );
    expect(fromText!.messageId).toBe("439041101");
    expect(fromTlv!.messageId).toBe("439041101");
  });

  it("reads receipts whose text is UCS-2 (data_coding 8), and UCS-2 mislabelled as 0", () => {
    const text = "id:77 sub:001 dlvrd:000 submit date:2611251230 done date:2611251240 stat:EXPIRED err:006 text:验证码";
    const labelled = readDeliveryReceipt(deliverSm({ data_coding: 8, short_message: encodeUcs2(text) }), AS_IS);
    const mislabelled = readDeliveryReceipt(deliverSm({ data_coding: 0, short_message: encodeUcs2(text) }), AS_IS);
    for (const receipt of [labelled, mislabelled]) {
      expect(receipt).toMatchObject({
        messageId: "77",
        state: "expired",
        errorCode: "006",
        doneAt: new Date("2026-11-25T04:40:00Z"),
      });
    }
  });

  it("reads ASCII receipt text labelled data_coding 8 (an SMSC echoing the submit's coding)", () => {
    const receipt = readDeliveryReceipt(
      deliverSm({ data_coding: 8, short_message: Buffer.from(TEXT.replace(/text:.*/, "text:Your code"), "latin1") }),
      AS_IS,
    );
    expect(receipt).toMatchObject({
      messageId: "1A2B3C4D",
      state: "delivered",
      final: true,
      stat: "DELIVRD",
      errorCode: "000",
    });
  });

  it("reads GBK receipt text (data_coding 15)", () => {
    const gbk = Buffer.concat([
      Buffer.from("id:88 stat:UNDELIV err:001 text:", "latin1"),
      Buffer.from("c4e3bac3", "hex"),
    ]);
    const receipt = readDeliveryReceipt(deliverSm({ data_coding: 15, short_message: gbk }), AS_IS);
    expect(receipt).toMatchObject({ messageId: "88", state: "undeliverable", stat: "UNDELIV", errorCode: "001" });
  });

  it("keeps characters GSM-7 decoding would corrupt in a data_coding 0 id", () => {
    expect(
      readDeliveryReceipt(deliverSm({ short_message: Buffer.from("id:ab_1$x stat:DELIVRD") }), AS_IS)!.messageId,
    ).toBe("ab_1$x");
  });

  it("reads the text from message_payload", () => {
    const receipt = readDeliveryReceipt(
      deliverSm({ short_message: Buffer.alloc(0), message_payload: Buffer.from("id:12 stat:REJECTD err:008") }),
      AS_IS,
    );
    expect(receipt).toMatchObject({ messageId: "12", state: "rejected", errorCode: "008" });
  });

  it("falls back to network_error_code and keeps carrier stat words", () => {
    const receipt = readDeliveryReceipt(
      deliverSm({ short_message: Buffer.from("id:3 stat:MK:0005"), network_error_code: Buffer.from("030005", "hex") }),
      AS_IS,
    );
    expect(receipt).toMatchObject({ state: "unknown", final: false, stat: "MK:0005", errorCode: "030005" });
  });

  it("says so when a receipt names no message", () => {
    expect(readDeliveryReceipt(deliverSm({ short_message: Buffer.from("stat:DELIVRD err:000") }), AS_IS)).toBeNull();
    expect(readDeliveryReceipt(deliverSm({ short_message: Buffer.alloc(0) }), AS_IS)).toBeNull();
  });
});

describe("isDeliveryReceipt", () => {
  it("goes by esm_class, or by the receipt TLV when esm_class says nothing", () => {
    expect(isDeliveryReceipt(deliverSm({ esm_class: 0x04 }))).toBe(true);
    expect(isDeliveryReceipt(deliverSm({ esm_class: 0x20 }))).toBe(true);
    expect(isDeliveryReceipt(deliverSm({ esm_class: 0x00, short_message: Buffer.from("id:1 stat:DELIVRD") }))).toBe(
      false,
    );
    expect(isDeliveryReceipt(deliverSm({ esm_class: 0x00, receipted_message_id: "1" }))).toBe(true);
    expect(isDeliveryReceipt(deliverSm({ esm_class: 0x40, short_message: Buffer.from("050003010201", "hex") }))).toBe(
      false,
    );
  });
});
