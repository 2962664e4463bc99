// A caught mail's attachment as a download (never inline): FINANCE and bureau admins only; anyone
// else gets 403.
import { downloadResponse, handleRoute, methodNotAllowed, routeParams, staffCaller } from "@/server/http/route";
import { caughtAttachment } from "@/server/mail/caught";

export const runtime = "nodejs";

export async function GET(request: Request, { params }: { params: Promise<{ id: string }> }) {
  return handleRoute(request, async () => {
    const { db } = await staffCaller("FINANCE");
    const { id } = await routeParams(params, { id: "id" });
    const file = await caughtAttachment(db, id);
    // The type comes from whoever sent the mail: anything but a PDF is served as opaque bytes.
    const contentType = file.contentType === "application/pdf" ? "application/pdf" : "application/octet-stream";
    return downloadResponse({ body: file.content, contentType, fileName: file.filename });
  });
}

const refused = methodNotAllowed("GET");
export { refused as DELETE, refused as PATCH, refused as POST, refused as PUT };
