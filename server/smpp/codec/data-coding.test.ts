import { describe, expect, it } from "vitest";
import { DATA_CODING, decodeReceiptText, decodeText, decodeUcs2, encodeUcs2, looksLikeUcs2 } from "./data-coding";

describe("data coding", () => {
  it("encodes UCS-2 big-endian and keeps surrogate pairs", () => {
    expect(encodeUcs2("退").toString("hex")).toBe("9000");
    expect(encodeUcs2("😀").toString("hex")).toBe("d83dde00");
    expect(decodeUcs2(Buffer.from("d83dde00", "hex"))).toBe("😀");
  });

  it("decodes half a surrogate pair as a lone code unit, so joined halves make the character", () => {
    const first = decodeUcs2(Buffer.from("d83d", "hex"));
    const second = decodeUcs2(Buffer.from("de00", "hex"));
    expect(first + second).toBe("😀");
  });

  it("ignores a trailing odd byte of malformed UCS-2", () => {
    expect(decodeUcs2(Buffer.from("0054004400", "hex"))).toBe("TD");
  });

  it("decodes by data_coding", () => {
    expect(decodeText(Buffer.from("TD"), DATA_CODING.GSM7)).toBe("TD");
    expect(decodeText(Buffer.from([0x00, 0x11]), DATA_CODING.GSM7)).toBe("@_");
    expect(decodeText(Buffer.from("caf\u00e9", "latin1"), DATA_CODING.LATIN1)).toBe("café");
    expect(decodeText(encodeUcs2("退订"), DATA_CODING.UCS2)).toBe("退订");
    expect(decodeText(Buffer.from("c4e3bac3", "hex"), DATA_CODING.GBK)).toBe("你好");
    // GSM 03.38 class group: 0xF0-0xF3 GSM-7, 0xF4-0xF7 8-bit data
    expect(decodeText(Buffer.from("TD"), 0xf1)).toBe("TD");
    // general group with the UCS-2 alphabet bits (0x18 = class-less UCS-2, compressed off)
    expect(decodeText(encodeUcs2("退订"), 0x18)).toBe("退订");
  });

  it("recognises UCS-2 that arrives labelled data_coding 0", () => {
    expect(looksLikeUcs2(encodeUcs2("id:1 stat:DELIVRD"))).toBe(true);
    expect(looksLikeUcs2(Buffer.from("id:1 stat:DELIVRD"))).toBe(false);
    expect(looksLikeUcs2(encodeUcs2("id:1 text:验证码"))).toBe(true);
    expect(looksLikeUcs2(encodeUcs2("验证码验证码"))).toBe(false);
    expect(looksLikeUcs2(Buffer.from([0x00, 0x41, 0x00]))).toBe(false);
    expect(decodeText(encodeUcs2("TD"), DATA_CODING.GSM7)).toBe("TD");
  });

  it("reads receipt text as Latin-1 so ids with '_' or '@' survive", () => {
    expect(decodeReceiptText(Buffer.from("id:ab_1@x"), 0)).toBe("id:ab_1@x");
    expect(decodeText(Buffer.from("id:ab_1@x"), 0)).not.toBe("id:ab_1@x"); // what GSM-7 decoding would do
    expect(decodeReceiptText(encodeUcs2("id:ab_1 stat:DELIVRD"), 8)).toBe("id:ab_1 stat:DELIVRD");
  });

  describe("decodeReceiptText: by what the bytes are, whatever data_coding says", () => {
    const text = "id:1A2B sub:001 dlvrd:001 submit date:2612031000 done date:2612031001 stat:DELIVRD err:000 text:";
    it("reads ASCII text labelled data_coding 8 as ASCII", () => {
      expect(decodeReceiptText(Buffer.from(text, "latin1"), DATA_CODING.UCS2)).toBe(text);
      expect(decodeReceiptText(Buffer.from(`${text}Your code`, "latin1"), DATA_CODING.UCS2)).toBe(`${text}Your code`);
      expect(decodeReceiptText(Buffer.from("stat:UNDELIV err:001", "latin1"), DATA_CODING.UCS2)).toBe(
        "stat:UNDELIV err:001",
      );
    });
    it("reads UCS-2 text labelled data_coding 8 as UCS-2", () => {
      expect(decodeReceiptText(encodeUcs2(`${text}验证码`), DATA_CODING.UCS2)).toBe(`${text}验证码`);
    });
    it("reads UCS-2 text labelled data_coding 0 as UCS-2", () => {
      expect(decodeReceiptText(encodeUcs2(`${text}验证码`), DATA_CODING.GSM7)).toBe(`${text}验证码`);
    });
    it("reads GBK text labelled 15 as GBK, the ASCII form and a Chinese quote alike", () => {
      const gbk = Buffer.concat([Buffer.from(text, "latin1"), Buffer.from("c4e3bac3", "hex")]);
      expect(decodeReceiptText(gbk, DATA_CODING.GBK)).toBe(`${text}你好`);
      expect(decodeReceiptText(Buffer.from("c4e3bac3", "hex"), DATA_CODING.GBK)).toBe("你好");
    });
  });
});
