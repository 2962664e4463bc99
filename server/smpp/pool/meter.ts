// Recent throughput and latency for the status snapshot, at constant cost per event.

/** Events per second over the last few whole seconds. */
export class RateMeter {
  private readonly buckets: Float64Array;
  private currentSecond = -1;

  constructor(private readonly seconds = 5) {
    this.buckets = new Float64Array(seconds + 1);
  }

  add(nowMs: number, count = 1): void {
    this.advance(Math.floor(nowMs / 1000));
    this.buckets[this.currentSecond % this.buckets.length]! += count;
  }

  /** Average over the last `seconds` complete seconds (the current, partial second excluded). */
  perSecond(nowMs: number): number {
    this.advance(Math.floor(nowMs / 1000));
    let sum = 0;
    for (let i = 1; i <= this.seconds; i++) {
      sum += this.buckets[(this.currentSecond - i + this.buckets.length * 2) % this.buckets.length]!;
    }
    return sum / this.seconds;
  }

  private advance(second: number): void {
    if (this.currentSecond === -1) {
      this.currentSecond = second;
      return;
    }
    const steps = Math.min(second - this.currentSecond, this.buckets.length);
    for (let i = 1; i <= steps; i++) this.buckets[(this.currentSecond + i) % this.buckets.length] = 0;
    if (second > this.currentSecond) this.currentSecond = second;
  }
}

/** The last `capacity` samples, for percentiles on demand. */
export class LatencyReservoir {
  private readonly samples: Float64Array;
  private count = 0;

  constructor(capacity = 4096) {
    this.samples = new Float64Array(capacity);
  }

  add(ms: number): void {
    this.samples[this.count % this.samples.length] = ms;
    this.count++;
  }

  /** p50 and p99 in ms over the samples held, or null when there are none. */
  percentiles(): { p50: number; p99: number } | null {
    const n = Math.min(this.count, this.samples.length);
    if (n === 0) return null;
    const sorted = this.samples.slice(0, n).sort();
    return { p50: percentile(sorted, 0.5), p99: percentile(sorted, 0.99) };
  }
}

/** Nearest-rank percentile of ascending samples. */
export function percentile(sorted: ArrayLike<number>, fraction: number): number {
  if (sorted.length === 0) return NaN;
  const rank = Math.min(sorted.length - 1, Math.max(0, Math.ceil(fraction * sorted.length) - 1));
  return sorted[rank]!;
}
