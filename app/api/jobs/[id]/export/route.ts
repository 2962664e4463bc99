// GET /api/jobs/{id}/export?format=csv|xlsx: a job's messages, for a signed-in user of its enterprise.
import { exportJobMessages } from "@/server/api-v1/export";
import { currentUser } from "@/server/auth/current";
import { CUSTOMER_ROLES } from "@/server/auth/service";
import { db } from "@/server/db";
import { type ErrorCode, ERROR_CODES, isAppError } from "@/server/errors";
import { translator } from "@/server/i18n";
import { currentLocale } from "@/server/i18n/current";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

export async function GET(request: Request, { params }: { params: Promise<{ id: string }> }) {
  const t = translator(await currentLocale());
  const fail = (code: ErrorCode) => Response.json({ error: { code, message: t(`errors.${code}`, { detail: "format" }) } }, { status: ERROR_CODES[code].http, headers: { "Cache-Control": "no-store" } });
  const user = await currentUser();
  if (!user) return fail("UNAUTHORIZED");
  if (!CUSTOMER_ROLES.includes(user.role) || !user.enterpriseId) return fail("FORBIDDEN");
  const { id } = await params;
  const format = new URL(request.url).searchParams.get("format") ?? "csv";
  if (format !== "csv" && format !== "xlsx") return fail("INVALID_REQUEST");
  if (!/^[A-Za-z0-9_-]{1,64}$/.test(id)) return fail("NOT_FOUND");
  try {
    const file = await exportJobMessages(db(), user.enterpriseId, id, format, t);
    return new Response(new Uint8Array(file.body), {
      headers: {
        "Content-Type": file.contentType,
        "Content-Disposition": `attachment; filename="${file.fileName}"`,
        "Cache-Control": "private, no-store",
      },
    });
  } catch (error) {
    if (isAppError(error) && error.code === "NOT_FOUND") return fail("NOT_FOUND");
    throw error;
  }
}
