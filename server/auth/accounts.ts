// Sign-in with lockout, sessions the user can see and revoke, password changes (乙方 1).
import { type Actor, recordAudit } from "../audit/log";
import type { DbTx } from "../db";
import { AppError } from "../errors";
import type { Role, User } from "../generated/prisma/client";
import { claimPasswordGuess, clearPasswordGuesses, LOCKOUT_MS, recordWrongPassword } from "./lockout";
import { assertPasswordPolicy, dummyPasswordHash, hashPassword, verifyPassword } from "./password";

export { LOCKOUT_MS, MAX_FAILED_ATTEMPTS } from "./lockout";
import { containsText } from "../search";

export const SESSION_TTL_MS = 12 * 60 * 60 * 1000;
/** lastSeenAt is refreshed at most this often, to keep reads cheap. */
const TOUCH_INTERVAL_MS = 60 * 1000;

export interface SessionUser {
  id: string;
  email: string;
  name: string;
  role: Role;
  enterpriseId: string | null;
  locale: string;
  sessionId: string;
}

export interface ClientInfo {
  ip?: string | null;
  userAgent?: string | null;
}

export const STAFF_ROLES: readonly Role[] = ["BUREAU_ADMIN", "SALES", "FINANCE", "COMPLIANCE"];
export const CUSTOMER_ROLES: readonly Role[] = ["CUSTOMER_ADMIN", "CUSTOMER_OPERATOR"];

export function isStaffRole(role: Role): boolean {
  return STAFF_ROLES.includes(role);
}

/** Bureau staff with one of `roles` (any staff when none is named); bureau admins may do everything staff do. */
export function isStaffWith(role: Role, roles: readonly Role[]): boolean {
  return isStaffRole(role) && (roles.length === 0 || role === "BUREAU_ADMIN" || roles.includes(role));
}

/** Where a user lands after signing in. */
export function homePathFor(role: Role): "/bureau" | "/portal" {
  return isStaffRole(role) ? "/bureau" : "/portal";
}

export function normalizeEmail(email: string): string {
  return email.trim().toLowerCase();
}

function minutesLeft(lockedUntil: Date, now: Date): number {
  return Math.max(1, Math.ceil((lockedUntil.getTime() - now.getTime()) / 60000));
}

/**
 * Checks e-mail and password and opens a session. Five wrong passwords in a row lock the
 * account for 15 minutes; while locked, even the right password is refused. An unknown e-mail,
 * a wrong password and a locked account get the same answer, so the answer tells no stranger
 * which e-mails exist; the owner of an account that locks is told by e-mail (./lockout.ts).
 * Throws INVALID_CREDENTIALS or ACCOUNT_DISABLED.
 */
export async function signIn(
  db: DbTx,
  input: { email: string; password: string },
  client: ClientInfo,
  now: Date,
): Promise<SessionUser> {
  const email = normalizeEmail(input.email);
  const user = await db.user.findUnique({ where: { email } });
  const actor = (userId: string | null, role: Role | null): Actor => ({ userId, role, ...client });

  if (!user) {
    await verifyPassword(await dummyPasswordHash(), input.password);
    await recordAudit(
      db,
      actor(null, null),
      { action: "auth.signIn.unknownEmail", entityType: "User", detail: { email } },
      now,
    );
    throw new AppError("INVALID_CREDENTIALS");
  }
  const claim = await claimPasswordGuess(db, user.id, now);
  if (!claim.allowed) {
    // As long as an unknown e-mail's answer, which verifies against a dummy hash.
    await verifyPassword(await dummyPasswordHash(), input.password);
    await recordAudit(
      db,
      actor(user.id, user.role),
      { action: "auth.signIn.refusedLocked", entityType: "User", entityId: user.id, enterpriseId: user.enterpriseId },
      now,
    );
    throw new AppError("INVALID_CREDENTIALS");
  }

  if (!(await verifyPassword(user.passwordHash, input.password))) {
    await recordWrongPassword(db, user, claim, actor(user.id, user.role), now);
    throw new AppError("INVALID_CREDENTIALS");
  }

  if (user.disabled) {
    throw new AppError("ACCOUNT_DISABLED");
  }

  await db.user.update({ where: { id: user.id }, data: { failedLoginCount: 0, lockedUntil: null, lastLoginAt: now } });
  const session = await db.userSession.create({
    data: {
      userId: user.id,
      createdAt: now,
      lastSeenAt: now,
      expiresAt: new Date(now.getTime() + SESSION_TTL_MS),
      ip: client.ip ?? null,
      userAgent: client.userAgent?.slice(0, 500) ?? null,
    },
  });
  await recordAudit(
    db,
    actor(user.id, user.role),
    { action: "auth.signIn", entityType: "UserSession", entityId: session.id, enterpriseId: user.enterpriseId },
    now,
  );
  return sessionUserOf(user, session.id);
}

/** What a session carries of its user. */
export function sessionUserOf(
  user: Pick<User, "id" | "email" | "name" | "role" | "enterpriseId" | "locale">,
  sessionId: string,
): SessionUser {
  return {
    id: user.id,
    email: user.email,
    name: user.name,
    role: user.role,
    enterpriseId: user.enterpriseId,
    locale: user.locale,
    sessionId,
  };
}

/** The signed-in user behind a session id, or null when the session is revoked, expired or the user disabled. */
export async function resolveSession(db: DbTx, sessionId: string, now: Date): Promise<SessionUser | null> {
  const session = await db.userSession.findUnique({ where: { id: sessionId }, include: { user: true } });
  if (!session || session.revokedAt || session.expiresAt <= now || session.user.disabled) return null;
  if (now.getTime() - session.lastSeenAt.getTime() > TOUCH_INTERVAL_MS) {
    await db.userSession.update({ where: { id: session.id }, data: { lastSeenAt: now } });
  }
  const { user } = session;
  return sessionUserOf(user, session.id);
}

export async function signOut(db: DbTx, sessionId: string, actor: Actor, now: Date): Promise<void> {
  const result = await db.userSession.updateMany({
    where: { id: sessionId, revokedAt: null },
    data: { revokedAt: now },
  });
  if (result.count > 0) {
    await recordAudit(db, actor, { action: "auth.signOut", entityType: "UserSession", entityId: sessionId }, now);
  }
}

export async function listSessions(db: DbTx, userId: string, now: Date) {
  return db.userSession.findMany({
    where: { userId, revokedAt: null, expiresAt: { gt: now } },
    orderBy: { lastSeenAt: "desc" },
    select: { id: true, createdAt: true, lastSeenAt: true, expiresAt: true, ip: true, userAgent: true },
  });
}

/** A user ends one of their own sessions. */
export async function revokeOwnSession(
  db: DbTx,
  actor: Actor & { userId: string },
  sessionId: string,
  now: Date,
): Promise<void> {
  const result = await db.userSession.updateMany({
    where: { id: sessionId, userId: actor.userId, revokedAt: null },
    data: { revokedAt: now },
  });
  if (result.count === 0) throw new AppError("NOT_FOUND");
  await recordAudit(db, actor, { action: "auth.session.revoked", entityType: "UserSession", entityId: sessionId }, now);
}

/**
 * A signed-in user changes their password. Wrong current passwords count like sign-in failures
 * (the fifth locks the account); while it is locked the current password is not checked at all.
 * Throws ACCOUNT_LOCKED {minutes}, PASSWORD_WRONG or PASSWORD_POLICY.
 */
export async function changePassword(
  db: DbTx,
  actor: Actor & { userId: string },
  input: { currentPassword: string; newPassword: string },
  now: Date,
): Promise<void> {
  const user = await db.user.findUniqueOrThrow({ where: { id: actor.userId } });
  const claim = await claimPasswordGuess(db, user.id, now);
  if (!claim.allowed) throw await lockedError(db, user.id, now);
  if (!(await verifyPassword(user.passwordHash, input.currentPassword))) {
    const locked = await recordWrongPassword(db, user, claim, actor, now);
    throw locked ? await lockedError(db, user.id, now) : new AppError("PASSWORD_WRONG");
  }
  await clearPasswordGuesses(db, user.id);
  assertPasswordPolicy(input.newPassword, user.email);
  await db.user.update({
    where: { id: user.id },
    data: { passwordHash: await hashPassword(input.newPassword), passwordChangedAt: now },
  });
  await recordAudit(
    db,
    actor,
    { action: "auth.password.changed", entityType: "User", entityId: user.id, enterpriseId: user.enterpriseId },
    now,
  );
}

/** ACCOUNT_LOCKED with the minutes left, for a user who is signed in (and so knows the account exists). */
async function lockedError(db: DbTx, userId: string, now: Date): Promise<AppError> {
  const { lockedUntil } = await db.user.findUniqueOrThrow({ where: { id: userId }, select: { lockedUntil: true } });
  return new AppError("ACCOUNT_LOCKED", {
    minutes: minutesLeft(lockedUntil ?? new Date(now.getTime() + LOCKOUT_MS), now),
  });
}

/** A bureau admin lifts a lockout early. */
export async function unlockUser(db: DbTx, actor: Actor, userId: string, now: Date): Promise<void> {
  const user = await db.user.findUnique({ where: { id: userId } });
  if (!user) throw new AppError("NOT_FOUND");
  await db.user.update({ where: { id: userId }, data: { failedLoginCount: 0, lockedUntil: null } });
  await recordAudit(
    db,
    actor,
    {
      action: "auth.account.unlocked",
      entityType: "User",
      entityId: userId,
      enterpriseId: user.enterpriseId,
      detail: { wasLockedUntil: user.lockedUntil?.toISOString() ?? null },
    },
    now,
  );
}

export interface UserQuery {
  page: number;
  pageSize: number;
  search?: string;
  lockedOnly?: boolean;
}

/** Staff and customer users for the bureau admin, with their lock state. */
export async function listUsers(db: DbTx, query: UserQuery, now: Date) {
  const where = {
    ...(query.search
      ? {
          OR: [
            { email: containsText(query.search) },
            { name: containsText(query.search) },
            { enterprise: { name: containsText(query.search) } },
          ],
        }
      : {}),
    ...(query.lockedOnly ? { lockedUntil: { gt: now } } : {}),
  };
  const [total, rows] = await Promise.all([
    db.user.count({ where }),
    db.user.findMany({
      where,
      orderBy: [{ lockedUntil: { sort: "desc", nulls: "last" } }, { email: "asc" }],
      skip: (query.page - 1) * query.pageSize,
      take: query.pageSize,
      select: {
        id: true,
        email: true,
        name: true,
        role: true,
        disabled: true,
        failedLoginCount: true,
        lockedUntil: true,
        lastLoginAt: true,
        enterprise: { select: { id: true, name: true } },
      },
    }),
  ]);
  return { total, rows: rows.map((r) => ({ ...r, locked: r.lockedUntil !== null && r.lockedUntil > now })) };
}
