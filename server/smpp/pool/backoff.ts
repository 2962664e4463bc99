// Delay before the next bind attempt: exponential, capped, with jitter so that several binds (and
// several workers) that lost the SMSC together do not all come back in the same instant.

export interface BackoffPolicy {
  minMs: number;
  maxMs: number;
}

/** attempt 0 is the first retry. The delay is uniform in [half, all] of min(max, min * 2^attempt). */
export function rebindDelayMs(attempt: number, policy: BackoffPolicy, random: () => number = Math.random): number {
  const ceiling = Math.min(policy.maxMs, policy.minMs * 2 ** Math.min(attempt, 30));
  return Math.round(ceiling / 2 + random() * (ceiling / 2));
}
