import { describe, expect, it } from "vitest";
import { decodeGsm7 } from "./gsm7";
import { decodeUcs2 } from "./data-coding";
import { chooseEncoding, encodeMessage, measureMessage, withSignature } from "./segment";
import { parseUdh } from "./udh";

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
const han = (n: number) => "通".repeat(n);

describe("encoding choice", () => {
  it("uses GSM-7 only when every character fits", () => {
    expect(chooseEncoding("Your code is 1234")).toBe("gsm7");
    expect(chooseEncoding("Price: 5€ [promo]")).toBe("gsm7");
    expect(chooseEncoding("【ACME】code 1234")).toBe("ucs2"); // the signature brackets are not GSM-7
    expect(chooseEncoding("ok 😀")).toBe("ucs2");
  });
});

describe("segment counts", () => {
  it("GSM-7: 160 in one, then 153 per segment", () => {
    expect(measureMessage("a".repeat(160))).toMatchObject({
      encoding: "gsm7",
      dataCoding: 0,
      units: 160,
      segmentCount: 1,
      unitsPerSegment: 160,
    });
    expect(measureMessage("a".repeat(161))).toMatchObject({ segmentCount: 2, unitsPerSegment: 153 });
    expect(measureMessage("a".repeat(306)).segmentCount).toBe(2);
    expect(measureMessage("a".repeat(307)).segmentCount).toBe(3);
  });

  it("UCS-2: 70 in one, then 67 per segment", () => {
    expect(measureMessage(han(70))).toMatchObject({
      encoding: "ucs2",
      dataCoding: 8,
      units: 70,
      segmentCount: 1,
      unitsPerSegment: 70,
    });
    expect(measureMessage(han(71))).toMatchObject({ segmentCount: 2, unitsPerSegment: 67 });
    expect(measureMessage(han(134)).segmentCount).toBe(2);
    expect(measureMessage(han(135)).segmentCount).toBe(3);
  });

  it("counts GSM-7 extension characters as two septets", () => {
    expect(measureMessage("€".repeat(80))).toMatchObject({ units: 160, segmentCount: 1 });
    expect(measureMessage("€".repeat(80) + "a").segmentCount).toBe(2);
    expect(measureMessage("a".repeat(159) + "€")).toMatchObject({ units: 161, segmentCount: 2 });
  });

  it("counts the signature toward the length", () => {
    const body = han(64);
    expect(measureMessage(body).segmentCount).toBe(1);
    const signed = withSignature(body, "某某公司");
    expect(signed).toBe(`【某某公司】${body}`);
    expect(measureMessage(signed)).toMatchObject({ units: 70, segmentCount: 1 });
    expect(measureMessage(withSignature(han(65), "某某公司")).segmentCount).toBe(2);
  });

  it("counts an emoji as two UCS-2 units", () => {
    expect(measureMessage("😀".repeat(35))).toMatchObject({ units: 70, segmentCount: 1 });
    expect(measureMessage("😀".repeat(36)).segmentCount).toBe(2);
  });

  it("has no segments for an empty text and refuses to encode one", () => {
    expect(measureMessage("").segmentCount).toBe(0);
    expect(() => encodeMessage("", { reference: 1 })).toThrow(RangeError);
  });

  it("refuses more than 255 segments", () => {
    expect(() => measureMessage(han(67 * 255 + 1))).toThrow(RangeError);
    expect(measureMessage(han(67 * 255)).segmentCount).toBe(255);
  });
});

describe("encodeMessage", () => {
  it("sends a single segment without UDH", () => {
    const encoded = encodeMessage("Your code is 1234", { reference: 9 });
    expect(encoded.reference).toBeNull();
    expect(encoded.segments).toHaveLength(1);
    expect(encoded.segments[0]!.udh).toBeNull();
    expect(decodeGsm7(encoded.segments[0]!.payload)).toBe("Your code is 1234");
  });

  it("splits long UCS-2 text into 67-character parts with an 8-bit concatenation UDH", () => {
    const text = withSignature(
      Array.from({ length: 300 }, (_, i) => "零一二三四五六七八九"[i % 10]).join(""),
      "某某公司",
    );
    const encoded = encodeMessage(text, { reference: 0x42 });
    expect(encoded.segmentCount).toBe(Math.ceil(306 / 67));
    expect(encoded.dataCoding).toBe(8);
    encoded.segments.forEach((segment, i) => {
      expect(parseUdh(segment.udh!).concatenation).toEqual({
        reference: 0x42,
        referenceBits: 8,
        total: encoded.segmentCount,
        sequence: i + 1,
      });
      expect(segment.payload.length).toBeLessThanOrEqual(134);
      expect(segment.udh!.length + segment.payload.length).toBeLessThanOrEqual(140);
    });
    expect(encoded.segments.map((s) => decodeUcs2(s.payload)).join("")).toBe(text);
  });

  it("splits long GSM-7 text into 153-septet parts without cutting an escape pair", () => {
    const text = "a".repeat(152) + "€" + "b".repeat(20);
    const encoded = encodeMessage(text, { reference: 1 });
    expect(encoded.segments.map((s) => s.text)).toEqual(["a".repeat(152), "€" + "b".repeat(20)]);
    expect(encoded.segments[0]!.payload.length).toBe(152);
    expect(encoded.segments[1]!.payload[0]).toBe(0x1b);
    expect(encoded.segments.map((s) => decodeGsm7(s.payload)).join("")).toBe(text);
  });

  it("never splits a surrogate pair or an emoji sequence across segments", () => {
    const family = "👨‍👩‍👧";
    for (let pad = 60; pad <= 67; pad++) {
      const text = han(pad) + "😀" + family + han(70);
      const encoded = encodeMessage(text, { reference: 3 });
      for (const segment of encoded.segments) {
        expect(LONE_SURROGATE.test(segment.text)).toBe(false);
        expect(segment.payload.length).toBeLessThanOrEqual(134);
      }
      expect(encoded.segments.some((s) => s.text.includes(family))).toBe(true);
      expect(encoded.segments.map((s) => s.text).join("")).toBe(text);
    }
  });

  it("agrees with measureMessage on every count", () => {
    for (const text of [han(71), "a".repeat(400), "€".repeat(100), han(66) + "😀😀", withSignature(han(200), "签名")]) {
      expect(encodeMessage(text, { reference: 5 }).segments).toHaveLength(measureMessage(text).segmentCount);
    }
  });

  it("can be told to use UCS-2 for text GSM-7 could carry", () => {
    const encoded = encodeMessage("a".repeat(71), { reference: 2, encoding: "ucs2" });
    expect(encoded).toMatchObject({ encoding: "ucs2", dataCoding: 8, segmentCount: 2 });
    expect(() => encodeMessage("退订", { reference: 2, encoding: "gsm7" })).toThrow(RangeError);
  });
});

describe("withSignature", () => {
  it("brackets the name once, wherever it is placed", () => {
    expect(withSignature("正文", "【某某公司】")).toBe("【某某公司】正文");
    expect(withSignature("【某某公司】正文", "某某公司")).toBe("【某某公司】正文");
    expect(withSignature("正文", " 某某公司 ", "suffix")).toBe("正文【某某公司】");
    expect(withSignature("正文【某某公司】", "某某公司", "suffix")).toBe("正文【某某公司】");
    expect(withSignature("正文", "")).toBe("正文");
  });
});
