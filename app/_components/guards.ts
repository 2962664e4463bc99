// Page guards: not signed in → the login page; signed in with the wrong role → 403; a record that is
// not there (or not the caller's: services answer NOT_FOUND for both) → 404.
import "server-only";
import { TRPCError } from "@trpc/server";
import { forbidden, notFound, redirect } from "next/navigation";
import { currentUser } from "@/server/auth/current";
import { CUSTOMER_ROLES, isStaffRole, type SessionUser } from "@/server/auth/accounts";
import type { Role } from "@/server/generated/prisma/enums";
import { isAppError } from "@/server/errors";

export async function requireUser(): Promise<SessionUser> {
  const user = await currentUser();
  if (!user) redirect("/login");
  return user;
}

export async function requireStaff(...roles: Role[]): Promise<SessionUser> {
  const user = await requireUser();
  if (!isStaffRole(user.role)) forbidden();
  if (roles.length > 0 && user.role !== "BUREAU_ADMIN" && !roles.includes(user.role)) forbidden();
  return user;
}

export async function requireCustomer(): Promise<SessionUser & { enterpriseId: string }> {
  const user = await requireUser();
  if (!CUSTOMER_ROLES.includes(user.role) || !user.enterpriseId) forbidden();
  return { ...user, enterpriseId: user.enterpriseId };
}

/**
 * A detail page's record: the query's answer, or the 404 page when the record does not exist, is not
 * the caller's (NOT_FOUND), or its id cannot be one (BAD_REQUEST from the id's validation).
 */
export async function orNotFound<T>(query: Promise<T>): Promise<T> {
  try {
    return await query;
  } catch (error) {
    const code = error instanceof TRPCError ? error.code : isAppError(error) ? error.code : null;
    if (code === "NOT_FOUND" || code === "BAD_REQUEST") notFound();
    throw error;
  }
}
