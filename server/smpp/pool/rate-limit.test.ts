import { describe, expect, it } from "vitest";
import { TokenBucket } from "./rate-limit";

describe("TokenBucket", () => {
  it("allows a small burst, then the configured rate", () => {
    const bucket = new TokenBucket(100, 0);
    expect(bucket.burst).toBe(10);
    let taken = 0;
    while (bucket.tryTake(0)) taken++;
    expect(taken).toBe(10);
    expect(bucket.waitMs(0)).toBe(10);
    expect(bucket.tryTake(5)).toBe(false);
    expect(bucket.tryTake(10)).toBe(true);
    // one second at 100/s gives 100 more, never more than the burst at a time
    let overASecond = 0;
    for (let t = 11; t <= 1010; t++) if (bucket.tryTake(t)) overASecond++;
    expect(overASecond).toBeGreaterThanOrEqual(99);
    expect(overASecond).toBeLessThanOrEqual(100);
  });

  it("does not bank idle time beyond the burst", () => {
    const bucket = new TokenBucket(10, 0);
    expect(bucket.available(60_000)).toBe(1);
  });

  it("is unlimited at rate 0", () => {
    const bucket = new TokenBucket(0, 0);
    for (let i = 0; i < 10_000; i++) expect(bucket.tryTake(0)).toBe(true);
    expect(bucket.waitMs(0)).toBe(0);
    expect(bucket.available(0)).toBe(Infinity);
  });

  it("refuses a negative rate", () => {
    expect(() => new TokenBucket(-1, 0)).toThrow(RangeError);
  });
});
