import { describe, expect, it } from "vitest";
import { concatenationUdh, parseUdh, splitUserData } from "./udh";

describe("UDH", () => {
  it("builds the 8-bit concatenation header", () => {
    expect(concatenationUdh(0xab, 3, 2).toString("hex")).toBe("050003ab0302");
    expect(() => concatenationUdh(256, 2, 1)).toThrow(RangeError);
    expect(() => concatenationUdh(1, 2, 3)).toThrow(RangeError);
    expect(() => concatenationUdh(1, 0, 0)).toThrow(RangeError);
  });

  it("parses the 8-bit and the 16-bit forms", () => {
    expect(parseUdh(Buffer.from("050003ab0302", "hex")).concatenation).toEqual({
      reference: 0xab,
      referenceBits: 8,
      total: 3,
      sequence: 2,
    });
    expect(parseUdh(Buffer.from("06080412340201", "hex")).concatenation).toEqual({
      reference: 0x1234,
      referenceBits: 16,
      total: 2,
      sequence: 1,
    });
  });

  it("finds concatenation among other information elements", () => {
    // national language shift (0x25) before the concatenation element
    const udh = Buffer.from("08250101" + "00030702" + "01", "hex");
    udh[0] = udh.length - 1;
    const parsed = parseUdh(udh);
    expect(parsed.elements.map((e) => e.id)).toEqual([0x25, 0x00]);
    expect(parsed.concatenation).toEqual({ reference: 7, referenceBits: 8, total: 2, sequence: 1 });
  });

  it("rejects impossible concatenation values and truncated elements", () => {
    expect(parseUdh(Buffer.from("050003070300", "hex")).concatenation).toBeNull(); // sequence 0
    expect(parseUdh(Buffer.from("050003070204", "hex")).concatenation).toBeNull(); // sequence > total
    expect(parseUdh(Buffer.from("05000307", "hex")).elements).toEqual([]); // truncated
  });

  it("splits user data by the UDHI bit", () => {
    const bytes = Buffer.from("050003070201" + "0054", "hex");
    expect(splitUserData(bytes, true)).toEqual({ udh: bytes.subarray(0, 6), body: bytes.subarray(6) });
    expect(splitUserData(bytes, false)).toEqual({ udh: null, body: bytes });
    // UDHI set on bytes whose first octet cannot be a header length
    const short = Buffer.from("ff00", "hex");
    expect(splitUserData(short, true)).toEqual({ udh: null, body: short });
  });
});
