import { describe, expect, it } from "vitest";
import { normaliseMessageId } from "./message-id";

describe("message id normalisation", () => {
  it("makes hex and decimal notations of one id equal", () => {
    expect(normaliseMessageId("0000001A", "hex")).toBe("26");
    expect(normaliseMessageId("1a", "hex")).toBe("26");
    expect(normaliseMessageId("0x1A", "hex")).toBe("26");
    expect(normaliseMessageId("026", "decimal")).toBe("26");
    expect(normaliseMessageId("1A2B3C4D", "hex")).toBe(normaliseMessageId("439041101", "decimal"));
  });

  it("is exact beyond 2^53", () => {
    expect(normaliseMessageId("FFFFFFFFFFFFFFFF", "hex")).toBe("18446744073709551615");
    expect(normaliseMessageId("18446744073709551615", "decimal")).toBe("18446744073709551615");
  });

  it("keeps text ids as written, without padding", () => {
    expect(normaliseMessageId(" abc-123\0\0", "text")).toBe("abc-123");
    expect(normaliseMessageId("0A1b", "text")).toBe("0A1b");
  });

  it("keeps a value that does not fit its notation instead of losing it", () => {
    expect(normaliseMessageId("xyz-1", "hex")).toBe("xyz-1");
    expect(normaliseMessageId("12ab", "decimal")).toBe("12ab");
  });
});
