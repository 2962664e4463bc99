// GET /api/v1/openapi.json: the OpenAPI 3.1 document (no authentication), Chinese or English.
import { openApiDocument } from "@/server/api-v1/openapi";
import { apiMethodNotAllowed } from "@/server/api-v1/http";
import { apiLocale } from "@/server/api-v1/locale";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

export function GET(request: Request) {
  const lang = new URL(request.url).searchParams.get("lang");
  const locale = lang === "en" || lang === "zh" ? lang : apiLocale(request.headers.get("accept-language"));
  return Response.json(openApiDocument(locale, new URL(request.url).origin), {
    headers: { "Cache-Control": "public, max-age=300" },
  });
}

const refused = apiMethodNotAllowed("GET");
export { refused as DELETE, refused as PATCH, refused as POST, refused as PUT };
