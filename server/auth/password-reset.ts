// Password reset by an e-mailed one-time link (乙方 1).
//
// The request answers the same way whether or not the e-mail belongs to an account, and does the
// same work either way: it counts the request against the limits per e-mail and per address and
// queues an event. Looking the user up, issuing the link and mailing it happen in the background
// (the auth/password-reset.requested function), so neither the answer nor its timing tells a
// stranger which e-mails exist. The link carries a random token of which only the SHA-256 hash is
// stored; it is valid RESET_TOKEN_TTL_MS and used once. Setting the new password consumes the
// token in one conditional UPDATE (so two concurrent uses cannot both succeed), voids the user's
// other links, revokes every session and clears the lockout.
import { createHash, randomBytes } from "node:crypto";
import { eventType } from "inngest";
import { z } from "zod";
import { type Actor, recordAudit } from "../audit/log";
import { formatChinaDateTime } from "../clock";
import type { Db, DbTx } from "../db";
import { AppError } from "../errors";
import { resolveLocale, translator } from "../i18n";
import { sendEvent } from "../inngest/send";
import type { Mailer, OutgoingMail } from "../mail/transport";
import { assertPasswordPolicy, hashPassword } from "./password";
import { countInWindow } from "./rate-window";
import { type ClientInfo, normalizeEmail } from "./accounts";

export const RESET_TOKEN_TTL_MS = 30 * 60 * 1000;
export const RESET_PATH = "/reset-password/";

/** Requests per e-mail address and per client address, each per window. */
export const RESET_LIMITS = {
  windowMs: 15 * 60 * 1000,
  perEmail: 3,
  perIp: 10,
} as const;

/** A reset was asked for: the background function looks the e-mail up and mails a link if it is an account's. */
export const passwordResetRequested = eventType("auth/password-reset.requested", {
  schema: z.object({
    email: z.string(),
    requestedAt: z.iso.datetime(),
    ip: z.string().nullable(),
    userAgent: z.string().nullable(),
  }),
});

export function hashResetToken(token: string): string {
  return createHash("sha256").update(token, "utf8").digest("hex");
}

function emailKey(email: string): string {
  // The limit's key need not hold the address itself.
  return createHash("sha256").update(`password-reset:${email}`, "utf8").digest("hex");
}

/**
 * Someone asks for a reset link for `input.email`. Returns nothing, for an account's e-mail and for
 * any other alike; throws RATE_LIMITED once the e-mail or the client address asked too often.
 */
export async function requestPasswordReset(
  db: DbTx,
  input: { email: string },
  client: ClientInfo,
  now: Date,
): Promise<void> {
  const email = normalizeEmail(input.email);
  const { windowMs, perEmail, perIp } = RESET_LIMITS;
  const emailAllowed = await countInWindow(
    db,
    { key: `password-reset:email:${emailKey(email)}`, max: perEmail, windowMs },
    now,
  );
  const ipAllowed = await countInWindow(
    db,
    { key: `password-reset:ip:${client.ip ?? "unknown"}`, max: perIp, windowMs },
    now,
  );
  if (!emailAllowed || !ipAllowed) throw new AppError("RATE_LIMITED");
  await sendEvent(
    db,
    passwordResetRequested.create(
      {
        email,
        requestedAt: now.toISOString(),
        ip: client.ip ?? null,
        userAgent: client.userAgent?.slice(0, 500) ?? null,
      },
      { id: `password-reset:${emailKey(email)}:${now.toISOString()}` },
    ),
  );
}

/** The mail with the link, in the user's language. */
export function passwordResetMail(
  user: { email: string; name: string; locale: string },
  link: { url: string; expiresAt: Date },
): OutgoingMail {
  const t = translator(resolveLocale(user.locale));
  return {
    to: user.email,
    subject: t("passwordReset.mail.subject"),
    text: t("passwordReset.mail.text", {
      name: user.name,
      url: link.url,
      minutes: RESET_TOKEN_TTL_MS / 60000,
      expiresAt: formatChinaDateTime(link.expiresAt),
    }),
  };
}

/**
 * The background half of a request: for an enabled account's e-mail a link valid from the request's
 * time is stored (as its hash) and mailed; any other e-mail gets no mail. Returns whether a mail went.
 */
export async function deliverPasswordReset(
  db: DbTx,
  mailer: Pick<Mailer, "send">,
  request: { email: string; requestedAt: Date; ip: string | null; userAgent: string | null; baseUrl: string },
  now: Date,
): Promise<{ sent: boolean }> {
  const email = normalizeEmail(request.email);
  const actor: Actor = { userId: null, role: null, ip: request.ip, userAgent: request.userAgent };
  const user = await db.user.findUnique({ where: { email } });
  if (!user || user.disabled) {
    await recordAudit(
      db,
      actor,
      { action: "auth.passwordReset.unknownEmail", entityType: "User", detail: { email } },
      now,
    );
    return { sent: false };
  }
  const token = randomBytes(32).toString("base64url");
  const expiresAt = new Date(request.requestedAt.getTime() + RESET_TOKEN_TTL_MS);
  const row = await db.passwordResetToken.create({
    data: {
      userId: user.id,
      tokenHash: hashResetToken(token),
      createdAt: request.requestedAt,
      expiresAt,
      requestIp: request.ip,
    },
  });
  await recordAudit(
    db,
    { ...actor, userId: user.id, role: user.role },
    {
      action: "auth.passwordReset.requested",
      entityType: "User",
      entityId: user.id,
      enterpriseId: user.enterpriseId,
      detail: { tokenId: row.id, expiresAt: expiresAt.toISOString() },
    },
    now,
  );
  const url = `${request.baseUrl.replace(/\/+$/, "")}${RESET_PATH}${token}`;
  await mailer.send(passwordResetMail(user, { url, expiresAt }));
  return { sent: true };
}

const TOKEN_SHAPE = /^[A-Za-z0-9_-]{43}$/;

async function findUsableToken(db: DbTx, token: string, now: Date) {
  if (!TOKEN_SHAPE.test(token)) throw new AppError("RESET_TOKEN_INVALID");
  const row = await db.passwordResetToken.findUnique({
    where: { tokenHash: hashResetToken(token) },
    include: { user: { select: { id: true, email: true, role: true, enterpriseId: true, disabled: true } } },
  });
  if (!row || row.user.disabled) throw new AppError("RESET_TOKEN_INVALID");
  if (row.usedAt || row.invalidatedAt) throw new AppError("RESET_TOKEN_USED");
  if (row.expiresAt <= now) throw new AppError("RESET_TOKEN_EXPIRED");
  return row;
}

/** What the reset page shows before a new password is chosen; RESET_TOKEN_INVALID / _USED / _EXPIRED otherwise. */
export async function lookupPasswordReset(db: DbTx, token: string, now: Date) {
  const row = await findUsableToken(db, token, now);
  return { email: row.user.email, expiresAt: row.expiresAt };
}

/**
 * Sets the new password through a link. The password must meet the policy (PASSWORD_POLICY); the
 * token is consumed atomically (a second or concurrent use: RESET_TOKEN_USED); on success the user's
 * other links are voided, every session of the user is revoked and the lockout cleared.
 */
export async function completePasswordReset(
  db: Db,
  input: { token: string; newPassword: string },
  client: ClientInfo,
  now: Date,
): Promise<{ email: string }> {
  const row = await findUsableToken(db, input.token, now);
  assertPasswordPolicy(input.newPassword, row.user.email);
  // Hashing is slow on purpose; do it before holding a transaction open.
  const passwordHash = await hashPassword(input.newPassword);
  return db.$transaction(async (tx) => {
    const claimed = await tx.passwordResetToken.updateMany({
      where: { id: row.id, usedAt: null, invalidatedAt: null, expiresAt: { gt: now } },
      data: { usedAt: now },
    });
    if (claimed.count !== 1) throw new AppError("RESET_TOKEN_USED");
    const { user } = row;
    await tx.user.update({
      where: { id: user.id },
      data: { passwordHash, passwordChangedAt: now, failedLoginCount: 0, lockedUntil: null },
    });
    const voided = await tx.passwordResetToken.updateMany({
      where: { userId: user.id, usedAt: null, invalidatedAt: null },
      data: { invalidatedAt: now },
    });
    const revoked = await tx.userSession.updateMany({
      where: { userId: user.id, revokedAt: null },
      data: { revokedAt: now },
    });
    await recordAudit(
      tx,
      { userId: user.id, role: user.role, ip: client.ip ?? null, userAgent: client.userAgent ?? null },
      {
        action: "auth.password.reset",
        entityType: "User",
        entityId: user.id,
        enterpriseId: user.enterpriseId,
        detail: { tokenId: row.id, sessionsRevoked: revoked.count, linksVoided: voided.count },
      },
      now,
    );
    return { email: user.email };
  });
}
