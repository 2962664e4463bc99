// Token buckets for "at most N submits per second", per bind and per account. One token is one
// submit_sm, i.e. one segment: carriers count and bill segments, not messages.

export class TokenBucket {
  private tokens: number;
  private refilledAt: number;
  readonly burst: number;

  /**
   * `ratePerSecond` 0 means unlimited. The burst defaults to a tenth of a second's worth so that a
   * full window does not go out in one spike that the SMSC would measure as a higher rate.
   */
  constructor(
    readonly ratePerSecond: number,
    now: number,
    burst = Math.max(1, Math.ceil(ratePerSecond / 10)),
  ) {
    if (!(ratePerSecond >= 0)) throw new RangeError(`rate must be >= 0: ${ratePerSecond}`);
    this.burst = burst;
    this.tokens = burst;
    this.refilledAt = now;
  }

  get unlimited(): boolean {
    return this.ratePerSecond === 0;
  }

  /** Tokens available now (Infinity when unlimited). */
  available(now: number): number {
    if (this.unlimited) return Infinity;
    this.refill(now);
    return this.tokens;
  }

  /** Takes one token if there is one. */
  tryTake(now: number): boolean {
    if (this.unlimited) return true;
    this.refill(now);
    if (this.tokens < 1) return false;
    this.tokens -= 1;
    return true;
  }

  /** Milliseconds until a token is available (0 when one is). */
  waitMs(now: number): number {
    if (this.unlimited) return 0;
    this.refill(now);
    return this.tokens >= 1 ? 0 : Math.ceil(((1 - this.tokens) * 1000) / this.ratePerSecond);
  }

  private refill(now: number): void {
    const elapsed = now - this.refilledAt;
    if (elapsed <= 0) return;
    this.tokens = Math.min(this.burst, this.tokens + (elapsed * this.ratePerSecond) / 1000);
    this.refilledAt = now;
  }
}
