// POST /api/v1/messages: see server/api-v1/http.ts. No Origin check here, unlike the app's own
// route handlers (server/http/route.ts): the API authenticates by API key, never by cookie, and is
// meant for server-to-server calls, so a browser on another site has nothing to forge.
import { apiMethodNotAllowed, handleSendMessages, requestContext } from "@/server/api-v1/http";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

export function POST(request: Request) {
  return handleSendMessages(requestContext(), request);
}

const refused = apiMethodNotAllowed("POST");
export { refused as DELETE, refused as GET, refused as PATCH, refused as PUT };
