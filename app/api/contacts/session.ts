// The signed-in customer behind a contacts route handler, and errors as JSON in the caller's language.
import "server-only";
import { headers } from "next/headers";
import type { AddressBookActor } from "@/server/addressbook/contacts";
import { currentUser } from "@/server/auth/current";
import { clientIp } from "@/server/auth/next-auth";
import { CUSTOMER_ROLES } from "@/server/auth/service";
import { AppError, type ErrorCode, ERROR_CODES, isAppError } from "@/server/errors";
import { translator } from "@/server/i18n";
import { currentLocale } from "@/server/i18n/current";

export async function errorResponse(code: ErrorCode, params: Record<string, string | number> = {}): Promise<Response> {
  const t = translator(await currentLocale());
  return Response.json({ error: { code, message: t(`errors.${code}`, params) } }, { status: ERROR_CODES[code].http, headers: { "Cache-Control": "no-store" } });
}

/** A domain error becomes its JSON answer; anything else is rethrown for Next to log. */
export async function appErrorResponse(error: unknown): Promise<Response> {
  if (isAppError(error)) return errorResponse(error.code, error.params);
  throw error;
}

/** The customer acting for their own enterprise; throws UNAUTHORIZED / FORBIDDEN otherwise. */
export async function customerActor(): Promise<AddressBookActor> {
  const user = await currentUser();
  if (!user) throw new AppError("UNAUTHORIZED");
  if (!CUSTOMER_ROLES.includes(user.role) || !user.enterpriseId) throw new AppError("FORBIDDEN");
  const h = await headers();
  return { userId: user.id, role: user.role, enterpriseId: user.enterpriseId, ip: clientIp(h), userAgent: h.get("user-agent") };
}
