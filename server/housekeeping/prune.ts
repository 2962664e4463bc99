// Daily housekeeping: rows that only accumulate. Each function is idempotent (running it twice for
// the same instant changes nothing more), so a run cut off and finished later does no harm.
// The daily job (server/inngest/functions/housekeeping-daily.ts) also prunes job history
// (server/inngest/runs.ts) and stored idempotent responses (server/api-v1/idempotency.ts), whose
// retention belongs to those modules; the README's operations section lists every retention.
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

/** Mail caught by the built-in SMTP catcher (no SMTP server configured) is kept this long. */
export const CAUGHT_MAIL_RETENTION_DAYS = 14;

/** Deletes caught mail (and its attachments) received more than CAUGHT_MAIL_RETENTION_DAYS before `now`. */
export async function pruneCaughtMail(db: DbTx, now: Date): Promise<{ caughtMailDeleted: number }> {
  const cutoff = new Date(now.getTime() - CAUGHT_MAIL_RETENTION_DAYS * DAY_MS);
  const { count } = await db.caughtMail.deleteMany({ where: { receivedAt: { lt: cutoff } } });
  return { caughtMailDeleted: count };
}

/** Finished webhook deliveries (delivered, or given up) are kept this long for the portal's delivery log. */
export const WEBHOOK_DELIVERY_RETENTION_DAYS = 30;

/**
 * Deletes webhook deliveries that ended (DELIVERED or FAILED) and were made more than
 * WEBHOOK_DELIVERY_RETENTION_DAYS before `now`. PENDING ones are never deleted: they still go out.
 */
export async function pruneWebhookDeliveries(db: DbTx, now: Date): Promise<{ webhookDeliveriesDeleted: number }> {
  const cutoff = new Date(now.getTime() - WEBHOOK_DELIVERY_RETENTION_DAYS * DAY_MS);
  const { count } = await db.webhookDelivery.deleteMany({
    where: { status: { in: ["DELIVERED", "FAILED"] }, createdAt: { lt: cutoff } },
  });
  return { webhookDeliveriesDeleted: count };
}
