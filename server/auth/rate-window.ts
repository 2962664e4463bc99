// Fixed-window rate limits kept in the database (RateLimitWindow), so that they hold across app
// processes and restarts, like the lockout counter (./lockout.ts): one upsert counts the request and
// returns the window's count, so concurrent requests can never all pass.
import type { DbTx } from "../db";

export interface WindowLimit {
  /** What is limited, e.g. "password-reset:ip:203.0.113.7". */
  key: string;
  max: number;
  windowMs: number;
}

/** Counts one request under `limit.key` in the window holding `now`; true while the count is within `max`. */
export async function countInWindow(db: DbTx, limit: WindowLimit, now: Date): Promise<boolean> {
  const windowStart = new Date(Math.floor(now.getTime() / limit.windowMs) * limit.windowMs);
  const rows = await db.$queryRaw<{ count: number }[]>`
    INSERT INTO "RateLimitWindow" ("key", "windowStart", "count")
    VALUES (${limit.key}, ${windowStart}::timestamp, 1)
    ON CONFLICT ("key", "windowStart") DO UPDATE SET "count" = "RateLimitWindow"."count" + 1
    RETURNING "count"`;
  return (rows[0]?.count ?? Number.POSITIVE_INFINITY) <= limit.max;
}
