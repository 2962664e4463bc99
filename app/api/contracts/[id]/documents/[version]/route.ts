// Contract PDF download: the customer of that enterprise or bureau staff, any version.
import { contractDocumentFor } from "@/server/contracts/documents";
import { downloadResponse, handleRoute, methodNotAllowed, routeCaller, routeParams } from "@/server/http/route";

export const runtime = "nodejs";

export async function GET(request: Request, { params }: { params: Promise<{ id: string; version: string }> }) {
  return handleRoute(request, async () => {
    const { id, version } = await routeParams(params, { id: "id", version: "int" });
    const { user, db } = await routeCaller();
    const doc = await contractDocumentFor(db, user, id, version);
    return downloadResponse({ body: doc.pdf, contentType: "application/pdf", fileName: doc.fileName });
  });
}

const refused = methodNotAllowed("GET");
export { refused as DELETE, refused as PATCH, refused as POST, refused as PUT };
