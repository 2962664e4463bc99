import { describe, expect, it } from "vitest";
import { decodeGsm7, encodeGsm7, gsm7Length, gsm7SeptetCost, isGsm7 } from "./gsm7";

describe("GSM-7", () => {
  it("accepts the default alphabet and the extension table, nothing else", () => {
    expect(isGsm7("Hello, world! @£$¥ èéùìò ÄÖÑÜ§¿ äöñüà ΔΦΓΛΩΠΨΣΘΞ")).toBe(true);
    expect(isGsm7("{}[]~|^\\€\f")).toBe(true);
    expect(isGsm7("您好")).toBe(false);
    expect(isGsm7("【A】")).toBe(false);
    expect(isGsm7("ç")).toBe(false); // only the capital Ç is in the table
    expect(isGsm7("😀")).toBe(false);
    expect(isGsm7("`")).toBe(false);
  });

  it("counts extension characters as two septets", () => {
    expect(gsm7SeptetCost("a")).toBe(1);
    expect(gsm7SeptetCost("€")).toBe(2);
    expect(gsm7SeptetCost("中")).toBeNull();
    expect(gsm7Length("a€[")).toBe(5);
    expect(gsm7Length("{}")).toBe(4);
    expect(() => gsm7Length("a中")).toThrow(RangeError);
  });

  it("encodes unpacked septets, escaping extension characters", () => {
    expect([...encodeGsm7("@A€")]).toEqual([0x00, 0x41, 0x1b, 0x65]);
    expect([...encodeGsm7("_$")]).toEqual([0x11, 0x02]);
    expect(() => encodeGsm7("退订")).toThrow(RangeError);
  });

  it("decodes what it encodes, for every character", () => {
    const all =
      "@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !\"#¤%&'()*+,-./0123456789:;<=>?¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà\f^{}\\[~]|€";
    expect(decodeGsm7(encodeGsm7(all))).toBe(all);
  });

  it("shows the basic character for an unknown escape and drops a trailing escape", () => {
    expect(decodeGsm7(Buffer.from([0x1b, 0x41, 0x42]))).toBe("AB");
    expect(decodeGsm7(Buffer.from([0x41, 0x1b]))).toBe("A");
    expect(decodeGsm7(Buffer.from([0x1b, 0x1b]))).toBe(" ");
  });
});
