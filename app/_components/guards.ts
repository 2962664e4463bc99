// Page guards: not signed in → the login page; signed in with the wrong role → 403.
import "server-only";
import { forbidden, redirect } from "next/navigation";
import { currentUser } from "@/server/auth/current";
import { CUSTOMER_ROLES, isStaffRole, type SessionUser } from "@/server/auth/accounts";
import type { Role } from "@/server/generated/prisma/enums";

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
