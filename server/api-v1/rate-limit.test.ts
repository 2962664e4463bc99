import { describe, expect, test } from "vitest";
import { RateLimiter, rateLimitSettingsFromEnv } from "./rate-limit";

const at = (ms: number) => new Date(Date.UTC(2026, 10, 25) + ms);

describe("token bucket per API key", () => {
  test("allows a burst, then refuses with a Retry-After until tokens refill", () => {
    const limiter = new RateLimiter({ ratePerSecond: 2, burst: 4 });
    for (let i = 0; i < 4; i += 1) expect(limiter.take("k", at(0))).toEqual({ allowed: true });
    expect(limiter.take("k", at(0))).toEqual({ allowed: false, retryAfterSeconds: 1 });
    // Half a second refills one token at 2 per second.
    expect(limiter.take("k", at(500))).toEqual({ allowed: true });
    expect(limiter.take("k", at(500)).allowed).toBe(false);
  });

  test("keys have separate buckets", () => {
    const limiter = new RateLimiter({ ratePerSecond: 1, burst: 1 });
    expect(limiter.take("a", at(0)).allowed).toBe(true);
    expect(limiter.take("a", at(0)).allowed).toBe(false);
    expect(limiter.take("b", at(0)).allowed).toBe(true);
  });

  test("a slow rate asks to wait longer", () => {
    const limiter = new RateLimiter({ ratePerSecond: 0.1, burst: 1 });
    limiter.take("k", at(0));
    expect(limiter.take("k", at(0))).toEqual({ allowed: false, retryAfterSeconds: 10 });
  });

  test("the settings come from the environment, burst twice the rate by default", () => {
    expect(rateLimitSettingsFromEnv({})).toEqual({ ratePerSecond: 20, burst: 40 });
    expect(rateLimitSettingsFromEnv({ API_RATE_PER_SECOND: "5" })).toEqual({ ratePerSecond: 5, burst: 10 });
    expect(rateLimitSettingsFromEnv({ API_RATE_PER_SECOND: "5", API_RATE_BURST: "7" })).toEqual({
      ratePerSecond: 5,
      burst: 7,
    });
    expect(() => rateLimitSettingsFromEnv({ API_RATE_PER_SECOND: "-1" })).toThrow(/API rate limit/);
  });
});
