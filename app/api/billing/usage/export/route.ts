// GET /api/billing/usage/export?format=csv|xlsx&from=YYYY-MM-DD&to=YYYY-MM-DD&by=day|month: the usage
// report as a download. Customers get their own enterprise; FINANCE and bureau admins add enterpriseId=.
import { currentUser } from "@/server/auth/current";
import { usageExportFor } from "@/server/billing/usage";
import { db } from "@/server/db";
import { type ErrorCode, ERROR_CODES, isAppError } from "@/server/errors";
import { translator } from "@/server/i18n";
import { currentLocale } from "@/server/i18n/current";
import { attachmentDisposition } from "@/server/reports/tabular";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

export async function GET(request: Request) {
  const t = translator(await currentLocale());
  const fail = (code: ErrorCode, params: Record<string, string | number> = {}) =>
    Response.json({ error: { code, message: t(`errors.${code}`, params) } }, { status: ERROR_CODES[code].http, headers: { "Cache-Control": "no-store" } });
  const user = await currentUser();
  if (!user) return fail("UNAUTHORIZED");
  try {
    const file = await usageExportFor(db(), user, new URL(request.url).searchParams, t, new Date());
    return new Response(new Uint8Array(file.body), {
      headers: { "Content-Type": file.contentType, "Content-Disposition": attachmentDisposition(file.fileName, file.fileName), "Cache-Control": "private, no-store" },
    });
  } catch (error) {
    if (isAppError(error)) return fail(error.code, error.params);
    throw error;
  }
}
