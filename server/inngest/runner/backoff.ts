// When a failed attempt is tried again: exponential backoff with jitter, or the time a
// RetryAfterError asks for.

export interface BackoffOptions {
  retryBaseMs: number;
  retryMaxMs: number;
  random: () => number;
}

/** After attempt n (1-based): base·2^(n-1), capped, then a random point in its upper half. */
export function retryDelayMs(attempt: number, options: BackoffOptions): number {
  const ceiling = Math.min(options.retryMaxMs, options.retryBaseMs * 2 ** Math.max(0, attempt - 1));
  return Math.round(ceiling / 2 + (options.random() * ceiling) / 2);
}

/** Inngest's RetryAfterError keeps `retryAfter` as whole seconds or an ISO instant. */
export function requestedRetryAt(error: unknown, now: Date): Date | null {
  if (!(error instanceof Error) || error.name !== "RetryAfterError") return null;
  const retryAfter = (error as { retryAfter?: unknown }).retryAfter;
  if (typeof retryAfter !== "string") return null;
  if (/^\d+$/.test(retryAfter)) return new Date(now.getTime() + Number(retryAfter) * 1000);
  const at = new Date(retryAfter);
  return Number.isNaN(at.getTime()) ? null : at;
}
