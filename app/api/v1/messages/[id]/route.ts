// GET /api/v1/messages/{id}: see server/api-v1/http.ts.
import { apiMethodNotAllowed, handleGetMessage, requestContext } from "@/server/api-v1/http";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

export async function GET(request: Request, { params }: { params: Promise<{ id: string }> }) {
  return handleGetMessage(requestContext(), request, (await params).id);
}

const refused = apiMethodNotAllowed("GET");
export { refused as DELETE, refused as PATCH, refused as POST, refused as PUT };
