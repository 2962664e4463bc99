// GET /api/jobs/{id}/export?format=csv|xlsx: a job's messages, for a signed-in user of its enterprise.
import { exportJobMessages } from "@/server/api-v1/export";
import { db } from "@/server/db";
import { AppError } from "@/server/errors";
import { customerCaller, downloadResponse, handleRoute } from "@/server/http/route";
import { translator } from "@/server/i18n";
import { currentLocale } from "@/server/i18n/current";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

export async function GET(request: Request, { params }: { params: Promise<{ id: string }> }) {
  return handleRoute(async () => {
    const { enterpriseId } = await customerCaller();
    const { id } = await params;
    const format = new URL(request.url).searchParams.get("format") ?? "csv";
    if (format !== "csv" && format !== "xlsx") throw new AppError("INVALID_REQUEST", { detail: "format" });
    if (!/^[A-Za-z0-9_-]{1,64}$/.test(id)) throw new AppError("NOT_FOUND");
    const file = await exportJobMessages(db(), enterpriseId, id, format, translator(await currentLocale()));
    return downloadResponse(file);
  });
}
