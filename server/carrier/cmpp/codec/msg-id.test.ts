import { describe, expect, it } from "vitest";
import { msgIdHex, msgIdKey, packMsgId, plausibleMsgId, swapMsgIdBytes, unpackMsgId } from "./msg-id";

describe("Msg_Id", () => {
  // 1100 00011 10000 101101 000001 | 22 bits 123456 | 16 bits 42, by hand: c1c2d0 41e240 002a
  const parts = { month: 12, day: 3, hour: 16, minute: 45, second: 1, gateway: 123456, sequence: 42 };

  it("packs month, day, hour, minute, second, gateway code and sequence most significant first", () => {
    expect(msgIdHex(packMsgId(parts))).toBe("c1c2d041e240002a");
    expect(msgIdKey(packMsgId(parts))).toBe("13961950776189255722");
  });

  it("unpacks to the same fields", () => {
    expect(unpackMsgId(0xc1c2d041e240002an)).toEqual(parts);
    const edge = { month: 1, day: 31, hour: 23, minute: 59, second: 59, gateway: 0x3fffff, sequence: 0xffff };
    expect(unpackMsgId(packMsgId(edge))).toEqual(edge);
  });

  it("refuses fields that do not fit their bits", () => {
    expect(() => packMsgId({ ...parts, month: 16 })).toThrow(/month/);
    expect(() => packMsgId({ ...parts, gateway: 0x400000 })).toThrow(/gateway/);
  });

  it("reads the other byte order and tells a real one from a swapped one", () => {
    const swapped = swapMsgIdBytes(0xc1c2d041e240002an);
    expect(msgIdHex(swapped)).toBe("2a0040e241d0c2c1");
    expect(swapMsgIdBytes(swapped)).toBe(0xc1c2d041e240002an);
    expect(plausibleMsgId(0xc1c2d041e240002an)).toBe(true);
    // Read backwards, sequence 42 makes month 2, day 20: a date too, so the pool prefers the id it accepted.
    expect(plausibleMsgId(swapped)).toBe(true);
    // Sequence 1 read backwards is month 0: not a date.
    expect(plausibleMsgId(swapMsgIdBytes(0xc1c2d041e2400001n))).toBe(false);
  });
});
