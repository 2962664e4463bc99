// A caught mail's attachment as a download (never inline): FINANCE and bureau admins only; anyone
// else gets 403.
import { db } from "@/server/db";
import { AppError } from "@/server/errors";
import { downloadResponse, handleRoute, staffCaller } from "@/server/http/route";
import { caughtAttachment } from "@/server/mail/caught";

export const runtime = "nodejs";

export async function GET(_req: Request, { params }: { params: Promise<{ id: string }> }) {
  return handleRoute(async () => {
    await staffCaller("FINANCE");
    const { id } = await params;
    if (id.length > 64) throw new AppError("NOT_FOUND");
    const file = await caughtAttachment(db(), id);
    // The type comes from whoever sent the mail: anything but a PDF is served as opaque bytes.
    const contentType = file.contentType === "application/pdf" ? "application/pdf" : "application/octet-stream";
    return downloadResponse({ body: file.content, contentType, fileName: file.filename });
  });
}
