// Who acts in integration tests: a seeded user as a service actor, or signed in as a tRPC caller (no
// cookie, no session row), and the TRPCError or AppError a call rejects with. One version for every test file.
import { TRPCError } from "@trpc/server";
import { expect } from "vitest";
import { createCaller } from "../api/root";
import type { Actor } from "../audit/log";
import { type SessionUser, sessionUserOf } from "../auth/accounts";
import type { Db } from "../db";
import { AppError } from "../errors";
import type { User } from "../generated/prisma/client";
import type { Locale } from "../i18n";

/** A seeded user acting through a service (enterpriseId "" for staff), from `ip` (null unless given) with user agent "vitest". */
export async function actorFor(
  db: Db,
  email: string,
  { ip = null }: { ip?: string | null } = {},
): Promise<Actor & { userId: string; enterpriseId: string }> {
  const user = await db.user.findUniqueOrThrow({ where: { email } });
  return { userId: user.id, role: user.role, enterpriseId: user.enterpriseId ?? "", ip, userAgent: "vitest" };
}

export interface CallerOptions {
  now: Date;
  /** The request's language (error messages); "zh" unless given. */
  locale?: Locale;
}

/** The session of a user row, as resolveSession would build it (locale "zh", session id `s-<user id>`). */
export function sessionOf(u: Pick<User, "id" | "email" | "name" | "role" | "enterpriseId">): SessionUser {
  return sessionUserOf({ ...u, locale: "zh" }, `s-${u.id}`);
}

/** Every user of the database by email, as sessions (for tests that build callers synchronously). */
export async function sessionsByEmail(db: Db): Promise<Record<string, SessionUser>> {
  const sessions: Record<string, SessionUser> = {};
  for (const u of await db.user.findMany()) sessions[u.email] = sessionOf(u);
  return sessions;
}

/** A caller for `user` (null: signed out), as the HTTP handler creates it. */
export function callerWith(db: Db, user: SessionUser | null, { now, locale = "zh" }: CallerOptions) {
  return createCaller({ db, user, locale, ip: "127.0.0.1", userAgent: "vitest", now });
}

/** A caller signed in as the user with this email (null: signed out); throws if there is none. */
export async function callerFor(db: Db, email: string | null, options: CallerOptions) {
  const user = email === null ? null : sessionOf(await db.user.findUniqueOrThrow({ where: { email } }));
  return callerWith(db, user, options);
}

/** The TRPCError the promise rejects with; fails the test if it resolves or rejects with anything else. */
export async function trpcError(promise: Promise<unknown>): Promise<TRPCError> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(TRPCError);
  return error as TRPCError;
}

/** The code of the TRPCError the promise rejects with (see trpcError). */
export async function trpcCode(promise: Promise<unknown>): Promise<string> {
  return (await trpcError(promise)).code;
}

/** The AppError a service call rejects with; fails the test if it resolves or rejects with anything else. */
export async function appError(promise: Promise<unknown>): Promise<AppError> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error, "expected an AppError").toBeInstanceOf(AppError);
  return error as AppError;
}

/** The code of the AppError the promise rejects with (see appError). */
export async function appCode(promise: Promise<unknown>): Promise<string> {
  return (await appError(promise)).code;
}

/** Expects the promise to reject with an AppError of this code (and params matching `params`, when given). */
export async function expectAppError(
  promise: Promise<unknown>,
  code: string,
  params?: Record<string, unknown>,
): Promise<void> {
  const error = await appError(promise);
  expect(error.code).toBe(code);
  if (params) expect(error.params).toMatchObject(params);
}
