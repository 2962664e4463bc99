// GET /api/jobs/{id}/export?format=csv|xlsx: a job's messages, for a signed-in user of its enterprise.
import { exportJobMessages } from "@/server/sending/export";
import { AppError } from "@/server/errors";
import { customerCaller, downloadResponse, handleRoute, methodNotAllowed, routeParams } from "@/server/http/route";
import { translator } from "@/server/i18n";
import { currentLocale } from "@/server/i18n/current";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

export async function GET(request: Request, { params }: { params: Promise<{ id: string }> }) {
  return handleRoute(request, async () => {
    const { id } = await routeParams(params, { id: "id" });
    const { enterpriseId, db } = await customerCaller();
    const format = new URL(request.url).searchParams.get("format") ?? "csv";
    if (format !== "csv" && format !== "xlsx") throw new AppError("INVALID_REQUEST", { detail: "format" });
    const file = await exportJobMessages(db, enterpriseId, id, format, translator(await currentLocale()));
    return downloadResponse(file);
  });
}

const refused = methodNotAllowed("GET");
export { refused as DELETE, refused as PATCH, refused as POST, refused as PUT };
