// Password guesses and the lockout of 乙方 1, shared by sign-in and password change. A guess is
// counted before its password is checked, in one conditional UPDATE, so concurrent guesses cannot
// all pass the check: at most MAX_FAILED_ATTEMPTS are ever checked before the account locks.
// When it locks, the owner is told by e-mail; a stranger gets the same answer as for an unknown e-mail.
import { eventType } from "inngest";
import { z } from "zod";
import { type Actor, recordAudit } from "../audit/log";
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
  schema: z.object({
    userId: z.string(),
    lockedAt: z.iso.datetime(),
    lockedUntil: z.iso.datetime(),
    attempts: z.number().int(),
  }),
});

export type GuessClaim = { allowed: true; attempt: number; lockedUntil: Date | null } | { allowed: false };

/**
 * Counts one guess on the account unless it is locked or its guesses are used up; a lock that has
 * run out starts the count afresh. `attempt` is this guess's number (1-based). The guess that uses
 * up the allowance locks the account in the same UPDATE, before its password is checked, so no
 * other guess can slip in while it is checked and a crash cannot leave the count used up without
 * a lock that runs out; the right password on that guess lifts the lock again (clearPasswordGuesses).
 */
export async function claimPasswordGuess(db: DbTx, userId: string, now: Date): Promise<GuessClaim> {
  const lockEnd = new Date(now.getTime() + LOCKOUT_MS);
  const rows = await db.$queryRaw<{ failedLoginCount: number; lockedUntil: Date | null }[]>`
    WITH guess AS (
      SELECT id, CASE WHEN "lockedUntil" IS NOT NULL AND "lockedUntil" <= ${now}::timestamp THEN 1 ELSE "failedLoginCount" + 1 END AS attempt
        FROM "User"
       WHERE id = ${userId}
         AND (("lockedUntil" IS NULL AND "failedLoginCount" < ${MAX_FAILED_ATTEMPTS}) OR "lockedUntil" <= ${now}::timestamp)
         FOR UPDATE
    )
    UPDATE "User" u
       SET "failedLoginCount" = guess.attempt,
           "lockedUntil" = CASE WHEN guess.attempt >= ${MAX_FAILED_ATTEMPTS} THEN ${lockEnd}::timestamp ELSE NULL END
      FROM guess
     WHERE u.id = guess.id
    RETURNING u."failedLoginCount", u."lockedUntil"`;
  const row = rows[0];
  return row ? { allowed: true, attempt: row.failedLoginCount, lockedUntil: row.lockedUntil } : { allowed: false };
}

/** The right password: the count starts again (and a lock placed by this very guess is lifted). */
export async function clearPasswordGuesses(db: DbTx, userId: string): Promise<void> {
  await db.user.update({ where: { id: userId }, data: { failedLoginCount: 0, lockedUntil: null } });
}

/**
 * A wrong password on a counted guess. On the guess that used up the allowance (its claim placed
 * the lock) the lock is recorded and the owner's notice sent; returns whether the account is locked.
 */
export async function recordWrongPassword(
  db: DbTx,
  user: Pick<User, "id" | "role" | "enterpriseId">,
  claim: { attempt: number; lockedUntil: Date | null },
  actor: Actor,
  now: Date,
): Promise<boolean> {
  if (claim.attempt < MAX_FAILED_ATTEMPTS || !claim.lockedUntil) {
    await recordAudit(
      db,
      actor,
      {
        action: "auth.signIn.wrongPassword",
        entityType: "User",
        entityId: user.id,
        enterpriseId: user.enterpriseId,
        detail: { failedLoginCount: claim.attempt },
      },
      now,
    );
    return false;
  }
  const lockedUntil = claim.lockedUntil;
  await recordAudit(
    db,
    actor,
    {
      action: "auth.account.locked",
      entityType: "User",
      entityId: user.id,
      enterpriseId: user.enterpriseId,
      detail: { failedLoginCount: claim.attempt, lockedUntil: lockedUntil.toISOString() },
    },
    now,
  );
  await sendEvent(
    db,
    accountLocked.create(
      { userId: user.id, lockedAt: now.toISOString(), lockedUntil: lockedUntil.toISOString(), attempts: claim.attempt },
      { id: `account-locked:${user.id}:${now.toISOString()}` },
    ),
  );
  return true;
}

/** The notice to the owner of a locked account, in their language. */
export function lockoutNoticeMail(
  user: Pick<User, "email" | "name" | "locale">,
  notice: { lockedAt: Date; lockedUntil: Date; attempts: number },
): OutgoingMail {
  const t = translator(resolveLocale(user.locale));
  const params = {
    name: user.name,
    email: user.email,
    attempts: notice.attempts,
    lockedAt: formatChinaDateTime(notice.lockedAt),
    unlocksAt: formatChinaDateTime(notice.lockedUntil),
  };
  return { to: user.email, subject: t("account.lockedMail.subject"), text: t("account.lockedMail.text", params) };
}
