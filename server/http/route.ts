// The one way route handlers (downloads and uploads beside tRPC) learn who calls them and answer:
// domain errors become `{ error: { code, message } }` with the code's HTTP status, in the caller's
// language; files go out as private, uncached downloads with an ASCII and a UTF-8 file name.
import "server-only";
import { headers } from "next/headers";
import { currentUser } from "../auth/current";
import { clientIp } from "../auth/next-auth";
import { CUSTOMER_ROLES, isStaffWith, type SessionUser } from "../auth/service";
import { AppError, type ErrorCode, ERROR_CODES, isAppError } from "../errors";
import type { Role } from "../generated/prisma/client";
import { translator } from "../i18n";
import { currentLocale } from "../i18n/current";
import { contentDisposition } from "./disposition";

export interface RouteCaller {
  user: SessionUser;
  ip: string | null;
  userAgent: string | null;
}

/** The signed-in user behind the request; UNAUTHORIZED otherwise. */
export async function routeCaller(): Promise<RouteCaller> {
  const user = await currentUser();
  if (!user) throw new AppError("UNAUTHORIZED");
  const h = await headers();
  return { user, ip: clientIp(h), userAgent: h.get("user-agent") };
}

/** Bureau staff with one of `roles` (bureau admins always), as bureauProcedure; UNAUTHORIZED / FORBIDDEN otherwise. */
export async function staffCaller(...roles: Role[]): Promise<RouteCaller> {
  const caller = await routeCaller();
  if (!isStaffWith(caller.user.role, roles)) throw new AppError("FORBIDDEN");
  return caller;
}

/** A customer user acting for their own enterprise; UNAUTHORIZED / FORBIDDEN otherwise. */
export async function customerCaller(): Promise<RouteCaller & { enterpriseId: string }> {
  const caller = await routeCaller();
  if (!CUSTOMER_ROLES.includes(caller.user.role) || !caller.user.enterpriseId) throw new AppError("FORBIDDEN");
  return { ...caller, enterpriseId: caller.user.enterpriseId };
}

export async function errorResponse(code: ErrorCode, params: Record<string, string | number> = {}): Promise<Response> {
  const t = translator(await currentLocale());
  return Response.json({ error: { code, message: t(`errors.${code}`, params) } }, { status: ERROR_CODES[code].http, headers: { "Cache-Control": "no-store" } });
}

/** Runs a handler; a domain error becomes its JSON answer, anything else is rethrown for Next to log. */
export async function handleRoute(handler: () => Promise<Response>): Promise<Response> {
  try {
    return await handler();
  } catch (error) {
    if (isAppError(error)) return errorResponse(error.code, error.params);
    throw error;
  }
}

export interface Download {
  body: Uint8Array | Buffer;
  contentType: string;
  /** The name people see (may be Chinese). */
  fileName: string;
  /** A plain ASCII name for clients that ignore filename*; derived from fileName when omitted. */
  asciiName?: string;
  /** Open in the browser (PDF, image) rather than save. */
  inline?: boolean;
}

export function downloadResponse(file: Download): Response {
  return new Response(new Uint8Array(file.body), {
    headers: {
      "Content-Type": file.contentType,
      "Content-Disposition": contentDisposition(file.fileName, file.asciiName, file.inline),
      "Cache-Control": "private, no-store",
      "X-Content-Type-Options": "nosniff",
    },
  });
}
