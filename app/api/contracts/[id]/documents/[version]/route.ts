// Contract PDF download: the customer of that enterprise or bureau staff, any version.
import { currentUser } from "@/server/auth/current";
import { contractDocumentFor } from "@/server/contracts/documents";
import { db } from "@/server/db";
import { isAppError } from "@/server/errors";

export const runtime = "nodejs";

export async function GET(_req: Request, { params }: { params: Promise<{ id: string; version: string }> }) {
  const user = await currentUser();
  if (!user) return Response.json({ error: { code: "UNAUTHORIZED", message: "请先登录" } }, { status: 401 });
  const { id, version } = await params;
  const n = Number.parseInt(version, 10);
  if (!Number.isInteger(n) || n < 1 || id.length > 64) {
    return Response.json({ error: { code: "NOT_FOUND", message: "记录不存在" } }, { status: 404 });
  }
  try {
    const doc = await contractDocumentFor(db(), user, id, n);
    return new Response(new Uint8Array(doc.pdf), {
      headers: {
        "Content-Type": "application/pdf",
        "Content-Disposition": `attachment; filename="${doc.fileName}"; filename*=UTF-8''${encodeURIComponent(doc.fileName)}`,
        "Cache-Control": "private, no-store",
      },
    });
  } catch (error) {
    if (isAppError(error) && error.code === "NOT_FOUND") {
      return Response.json({ error: { code: "NOT_FOUND", message: "记录不存在" } }, { status: 404 });
    }
    throw error;
  }
}
