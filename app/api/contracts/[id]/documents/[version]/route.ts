// Contract PDF download: the customer of that enterprise or bureau staff, any version.
import { contractDocumentFor } from "@/server/contracts/documents";
import { db } from "@/server/db";
import { AppError } from "@/server/errors";
import { downloadResponse, handleRoute, routeCaller } from "@/server/http/route";

export const runtime = "nodejs";

export async function GET(_req: Request, { params }: { params: Promise<{ id: string; version: string }> }) {
  return handleRoute(async () => {
    const { user } = await routeCaller();
    const { id, version } = await params;
    const n = Number(version);
    if (!Number.isInteger(n) || n < 1 || id.length > 64) throw new AppError("NOT_FOUND");
    const doc = await contractDocumentFor(db(), user, id, n);
    return downloadResponse({ body: doc.pdf, contentType: "application/pdf", fileName: doc.fileName });
  });
}
