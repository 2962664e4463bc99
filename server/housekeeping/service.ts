// Daily housekeeping: rows that only accumulate. Each function is idempotent (running it twice for
// the same instant changes nothing more), so a run cut off and finished later does no harm.
import type { DbTx } from "../db";

const DAY_MS = 24 * 60 * 60 * 1000;

/** Ended sessions are kept this long (who signed in from where), then deleted. */
export const SESSION_RETENTION_DAYS = 30;

/** Deletes sessions that expired, or were revoked, more than SESSION_RETENTION_DAYS before `now`. */
export async function pruneExpiredSessions(db: DbTx, now: Date): Promise<{ sessionsDeleted: number }> {
  const cutoff = new Date(now.getTime() - SESSION_RETENTION_DAYS * DAY_MS);
  const { count } = await db.userSession.deleteMany({
    where: { OR: [{ expiresAt: { lt: cutoff } }, { revokedAt: { lt: cutoff } }] },
  });
  return { sessionsDeleted: count };
}

/**
 * Resets the failed-login count of users whose lockout has run out. Sign-in already ignores an
 * expired lock; this keeps the back office's locked-users list and the counters truthful.
 */
export async function clearExpiredLockouts(db: DbTx, now: Date): Promise<{ lockoutsCleared: number }> {
  const { count } = await db.user.updateMany({
    where: { lockedUntil: { lte: now } },
    data: { lockedUntil: null, failedLoginCount: 0 },
  });
  return { lockoutsCleared: count };
}

/**
 * Deletes rate-limit windows older than a day and password-reset links that ran out more than
 * SESSION_RETENTION_DAYS ago (used or not): neither is needed any more (the audit log keeps the history).
 */
export async function pruneAuthThrottles(
  db: DbTx,
  now: Date,
): Promise<{ rateWindowsDeleted: number; resetTokensDeleted: number }> {
  const windows = await db.rateLimitWindow.deleteMany({
    where: { windowStart: { lt: new Date(now.getTime() - DAY_MS) } },
  });
  const tokens = await db.passwordResetToken.deleteMany({
    where: { expiresAt: { lt: new Date(now.getTime() - SESSION_RETENTION_DAYS * DAY_MS) } },
  });
  return { rateWindowsDeleted: windows.count, resetTokensDeleted: tokens.count };
}
