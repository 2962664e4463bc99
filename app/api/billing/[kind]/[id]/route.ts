// Billing PDF downloads: /api/billing/statement/<id>, /api/billing/invoice/<id> and
// /api/billing/change-form/<id> (业务变更记录表).
// The customer of that enterprise, or FINANCE / bureau admins; anyone else gets 404.
import { billingPdfFor } from "@/server/billing/documents";
import { db } from "@/server/db";
import { AppError } from "@/server/errors";
import { downloadResponse, handleRoute, routeCaller } from "@/server/http/route";

export const runtime = "nodejs";

const KINDS = ["statement", "invoice", "change-form"] as const;

export async function GET(_req: Request, { params }: { params: Promise<{ kind: string; id: string }> }) {
  return handleRoute(async () => {
    const { user } = await routeCaller();
    const { kind: kindParam, id } = await params;
    const kind = KINDS.find((k) => k === kindParam);
    if (!kind || id.length > 64) throw new AppError("NOT_FOUND");
    const doc = await billingPdfFor(db(), user, kind, id);
    return downloadResponse({ body: doc.pdf, contentType: "application/pdf", fileName: doc.fileName, asciiName: `${kind}.pdf` });
  });
}
