// GET /bureau/billing/export: FINANCE's receivables (aging by contract, today) as XLSX.
import { currentUser } from "@/server/auth/current";
import { receivablesSpreadsheet } from "@/server/billing/queries";
import { db } from "@/server/db";
import { type ErrorCode, ERROR_CODES } from "@/server/errors";
import { translator } from "@/server/i18n";
import { currentLocale } from "@/server/i18n/current";
import { attachmentDisposition } from "@/server/reports/tabular";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

export async function GET() {
  const t = translator(await currentLocale());
  const fail = (code: ErrorCode) => Response.json({ error: { code, message: t(`errors.${code}`) } }, { status: ERROR_CODES[code].http, headers: { "Cache-Control": "no-store" } });
  const user = await currentUser();
  if (!user) return fail("UNAUTHORIZED");
  if (user.role !== "FINANCE" && user.role !== "BUREAU_ADMIN") return fail("FORBIDDEN");
  const file = await receivablesSpreadsheet(db(), t, new Date());
  return new Response(new Uint8Array(file.body), {
    headers: { "Content-Type": file.contentType, "Content-Disposition": attachmentDisposition(file.fileName, file.fileName), "Cache-Control": "private, no-store" },
  });
}
