// Billing PDF downloads: /api/billing/statement/<id>, /api/billing/invoice/<id>,
// /api/billing/credit-note/<id> (贷项通知单) and /api/billing/change-form/<id> (业务变更记录表).
// The customer of that enterprise, or FINANCE / bureau admins; anyone else gets 404.
import { BILLING_PDF_KINDS, billingPdfFor } from "@/server/billing/documents";
import { downloadResponse, handleRoute, methodNotAllowed, routeCaller, routeParams } from "@/server/http/route";

export const runtime = "nodejs";

export async function GET(request: Request, { params }: { params: Promise<{ kind: string; id: string }> }) {
  return handleRoute(request, async () => {
    const { kind, id } = await routeParams(params, { kind: BILLING_PDF_KINDS, id: "id" });
    const { user, db } = await routeCaller();
    const doc = await billingPdfFor(db, user, kind, id);
    return downloadResponse({
      body: doc.pdf,
      contentType: "application/pdf",
      fileName: doc.fileName,
      asciiName: `${kind}.pdf`,
    });
  });
}

const refused = methodNotAllowed("GET");
export { refused as DELETE, refused as PATCH, refused as POST, refused as PUT };
