// Per-key rate limit of the HTTP API: a token bucket per API key, held in this process. Each key may
// make `ratePerSecond` calls a second on average with bursts of up to `burst`; beyond that the call is
// refused with RATE_LIMITED and a Retry-After. With several app processes each holds its own buckets,
// so the effective limit is per process, which is what protects each process.
import { z } from "zod";

export interface RateLimitSettings {
  ratePerSecond: number;
  burst: number;
}

const settingsSchema = z.object({
  API_RATE_PER_SECOND: z.coerce.number().positive().max(100_000).default(20),
  API_RATE_BURST: z.coerce.number().int().positive().max(1_000_000).optional(),
});

/** API_RATE_PER_SECOND (default 20) and API_RATE_BURST (default twice the rate, at least 1). */
export function rateLimitSettingsFromEnv(source: Record<string, string | undefined> = process.env): RateLimitSettings {
  const parsed = settingsSchema.safeParse({
    API_RATE_PER_SECOND: source.API_RATE_PER_SECOND || undefined,
    API_RATE_BURST: source.API_RATE_BURST || undefined,
  });
  if (!parsed.success) throw new Error(`Invalid API rate limit settings: ${z.prettifyError(parsed.error)}`);
  const rate = parsed.data.API_RATE_PER_SECOND;
  return { ratePerSecond: rate, burst: parsed.data.API_RATE_BURST ?? Math.max(1, Math.ceil(rate * 2)) };
}

export type RateDecision = { allowed: true } | { allowed: false; retryAfterSeconds: number };

interface Bucket {
  tokens: number;
  updatedAtMs: number;
}

/** Buckets idle long enough to be full again are dropped once there are this many. */
const SWEEP_THRESHOLD = 10_000;

export class RateLimiter {
  private readonly buckets = new Map<string, Bucket>();

  constructor(readonly settings: RateLimitSettings) {}

  /** Takes one token from the key's bucket at `now`, or says how long until one is available. */
  take(key: string, now: Date): RateDecision {
    const nowMs = now.getTime();
    const { ratePerSecond, burst } = this.settings;
    const bucket = this.buckets.get(key) ?? { tokens: burst, updatedAtMs: nowMs };
    // A clock that went backwards refills nothing rather than draining the bucket.
    const elapsed = Math.max(0, nowMs - bucket.updatedAtMs) / 1000;
    bucket.tokens = Math.min(burst, bucket.tokens + elapsed * ratePerSecond);
    bucket.updatedAtMs = Math.max(bucket.updatedAtMs, nowMs);
    if (!this.buckets.has(key)) {
      if (this.buckets.size >= SWEEP_THRESHOLD) this.sweep(nowMs);
      this.buckets.set(key, bucket);
    }
    if (bucket.tokens >= 1) {
      bucket.tokens -= 1;
      return { allowed: true };
    }
    return { allowed: false, retryAfterSeconds: Math.max(1, Math.ceil((1 - bucket.tokens) / ratePerSecond)) };
  }

  private sweep(nowMs: number): void {
    const fullAfterMs = (this.settings.burst / this.settings.ratePerSecond) * 1000;
    for (const [key, bucket] of this.buckets) {
      if (nowMs - bucket.updatedAtMs >= fullAfterMs) this.buckets.delete(key);
    }
  }
}

const globalForLimiter = globalThis as unknown as { qxtApiRateLimiter?: RateLimiter };

/** The process-wide limiter of the API routes (kept on globalThis: Next's dev server may reload modules). */
export function apiRateLimiter(): RateLimiter {
  globalForLimiter.qxtApiRateLimiter ??= new RateLimiter(rateLimitSettingsFromEnv());
  return globalForLimiter.qxtApiRateLimiter;
}
