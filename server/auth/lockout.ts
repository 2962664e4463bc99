// Password guesses and the lockout of 乙方 1, shared by sign-in and password change. A guess is
// counted before its password is checked, in one conditional UPDATE, so concurrent guesses cannot
// all pass the check: at most MAX_FAILED_ATTEMPTS are ever checked before the account locks.
// When it locks, the owner is told by e-mail; a stranger gets the same answer as for an unknown e-mail.
import { eventType } from "inngest";
import { z } from "zod";
import { type Actor, recordAudit } from "../audit/service";
import { formatChinaDateTime } from "../clock";
import type { DbTx } from "../db";
import type { User } from "../generated/prisma/client";
import { resolveLocale, translator } from "../i18n";
import type { OutgoingMail } from "../mail/transport";
import { sendEvent } from "../inngest/send";

export const MAX_FAILED_ATTEMPTS = 5;
export const LOCKOUT_MS = 15 * 60 * 1000;

/** The account locked after too many wrong passwords: its owner gets the notice mail. */
export const accountLocked = eventType("auth/account.locked", {
  schema: z.object({ userId: z.string(), lockedAt: z.iso.datetime(), lockedUntil: z.iso.datetime(), attempts: z.number().int() }),
});

export type GuessClaim = { allowed: true; attempt: number } | { allowed: false };

/**
 * Counts one guess on the account unless it is locked or its guesses are used up; a lock that has
 * run out starts the count afresh. `attempt` is this guess's number (1-based).
 */
export async function claimPasswordGuess(db: DbTx, userId: string, now: Date): Promise<GuessClaim> {
  const rows = await db.$queryRaw<{ failedLoginCount: number }[]>`
    UPDATE "User"
       SET "failedLoginCount" = CASE WHEN "lockedUntil" IS NOT NULL AND "lockedUntil" <= ${now}::timestamp THEN 1 ELSE "failedLoginCount" + 1 END,
           "lockedUntil" = CASE WHEN "lockedUntil" IS NOT NULL AND "lockedUntil" <= ${now}::timestamp THEN NULL ELSE "lockedUntil" END
     WHERE id = ${userId}
       AND (("lockedUntil" IS NULL AND "failedLoginCount" < ${MAX_FAILED_ATTEMPTS}) OR "lockedUntil" <= ${now}::timestamp)
     RETURNING "failedLoginCount"`;
  const row = rows[0];
  return row ? { allowed: true, attempt: row.failedLoginCount } : { allowed: false };
}

/** The right password: the count starts again. */
export async function clearPasswordGuesses(db: DbTx, userId: string): Promise<void> {
  await db.user.update({ where: { id: userId }, data: { failedLoginCount: 0, lockedUntil: null } });
}

/**
 * A wrong password on a counted guess. The guess that used up the allowance locks the account,
 * records it and sends the owner's notice; returns whether it locked.
 */
export async function recordWrongPassword(db: DbTx, user: Pick<User, "id" | "role" | "enterpriseId">, claim: { attempt: number }, actor: Actor, now: Date): Promise<boolean> {
  if (claim.attempt < MAX_FAILED_ATTEMPTS) {
    await recordAudit(db, actor, { action: "auth.signIn.wrongPassword", entityType: "User", entityId: user.id, enterpriseId: user.enterpriseId, detail: { failedLoginCount: claim.attempt } }, now);
    return false;
  }
  const lockedUntil = new Date(now.getTime() + LOCKOUT_MS);
  const locked = await db.user.updateMany({ where: { id: user.id, lockedUntil: null }, data: { lockedUntil } });
  if (locked.count === 0) return true;
  await recordAudit(db, actor, { action: "auth.account.locked", entityType: "User", entityId: user.id, enterpriseId: user.enterpriseId, detail: { failedLoginCount: claim.attempt, lockedUntil: lockedUntil.toISOString() } }, now);
  await sendEvent(db, accountLocked.create({ userId: user.id, lockedAt: now.toISOString(), lockedUntil: lockedUntil.toISOString(), attempts: claim.attempt }, { id: `account-locked:${user.id}:${now.toISOString()}` }));
  return true;
}

/** The notice to the owner of a locked account, in their language. */
export function lockoutNoticeMail(user: Pick<User, "email" | "name" | "locale">, notice: { lockedAt: Date; lockedUntil: Date; attempts: number }): OutgoingMail {
  const t = translator(resolveLocale(user.locale));
  const params = { name: user.name, email: user.email, attempts: notice.attempts, lockedAt: formatChinaDateTime(notice.lockedAt), unlocksAt: formatChinaDateTime(notice.lockedUntil) };
  return { to: user.email, subject: t("account.lockedMail.subject"), text: t("account.lockedMail.text", params) };
}
