// Any other path under /api/v1: the API's own JSON 404 rather than the app's HTML page.
import { mapError } from "@/server/api-v1/errors";
import { apiLocale } from "@/server/api-v1/locale";
import { AppError } from "@/server/errors";

export const runtime = "nodejs";

function notFound(request: Request): Response {
  const mapped = mapError(new AppError("NOT_FOUND"), apiLocale(request.headers.get("accept-language")));
  return Response.json(mapped.body, { status: mapped.status, headers: { "Cache-Control": "no-store" } });
}

export { notFound as DELETE, notFound as GET, notFound as PATCH, notFound as POST, notFound as PUT };
