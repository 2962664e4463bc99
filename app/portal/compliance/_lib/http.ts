// Route handlers of the compliance screens (uploads and letter downloads): who is calling, and
// domain errors as JSON `{ error: { code, message } }` in the caller's language.
import "server-only";
import { headers } from "next/headers";
import { currentUser } from "@/server/auth/current";
import { clientIp } from "@/server/auth/next-auth";
import type { SessionUser } from "@/server/auth/service";
import { AppError, ERROR_CODES, isAppError } from "@/server/errors";
import { translator } from "@/server/i18n";
import { currentLocale } from "@/server/i18n/current";

export async function signedInCaller(): Promise<{ user: SessionUser; ip: string | null; userAgent: string | null }> {
  const user = await currentUser();
  if (!user) throw new AppError("UNAUTHORIZED");
  const h = await headers();
  return { user, ip: clientIp(h), userAgent: h.get("user-agent") };
}

/** A domain error becomes its JSON answer; anything else is rethrown for Next to log. */
export async function appErrorResponse(error: unknown): Promise<Response> {
  if (!isAppError(error)) throw error;
  const t = translator(await currentLocale());
  return Response.json(
    { error: { code: error.code, message: t(`errors.${error.code}`, error.params) } },
    { status: ERROR_CODES[error.code].http, headers: { "Cache-Control": "no-store" } },
  );
}

/** The consent letter as a download that opens inline (PDF or image). */
export function letterResponse(letter: { fileName: string; mimeType: string; bytes: Buffer }): Response {
  return new Response(new Uint8Array(letter.bytes), {
    headers: {
      "Content-Type": letter.mimeType,
      "Content-Disposition": `inline; filename="letter"; filename*=UTF-8''${encodeURIComponent(letter.fileName)}`,
      "Cache-Control": "private, no-store",
      "X-Content-Type-Options": "nosniff",
    },
  });
}
