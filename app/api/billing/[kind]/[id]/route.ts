// Billing PDF downloads: /api/billing/statement/<id>, /api/billing/invoice/<id> and
// /api/billing/change-form/<id> (业务变更记录表).
// The customer of that enterprise, or FINANCE / bureau admins.
import { billingPdfFor } from "@/server/billing/documents";
import { currentUser } from "@/server/auth/current";
import { db } from "@/server/db";
import { isAppError } from "@/server/errors";

export const runtime = "nodejs";

const notFound = () => Response.json({ error: { code: "NOT_FOUND", message: "记录不存在" } }, { status: 404 });

export async function GET(_req: Request, { params }: { params: Promise<{ kind: string; id: string }> }) {
  const user = await currentUser();
  if (!user) return Response.json({ error: { code: "UNAUTHORIZED", message: "请先登录" } }, { status: 401 });
  const { kind, id } = await params;
  if ((kind !== "statement" && kind !== "invoice" && kind !== "change-form") || id.length > 64) return notFound();
  try {
    const doc = await billingPdfFor(db(), user, kind, id);
    return new Response(new Uint8Array(doc.pdf), {
      headers: {
        "Content-Type": "application/pdf",
        "Content-Disposition": `attachment; filename="${kind}.pdf"; filename*=UTF-8''${encodeURIComponent(doc.fileName)}`,
        "Cache-Control": "private, no-store",
      },
    });
  } catch (error) {
    if (isAppError(error) && error.code === "NOT_FOUND") return notFound();
    throw error;
  }
}
