// GET /api/v1/jobs/{id}: see server/api-v1/http.ts.
import { apiMethodNotAllowed, handleGetJob, requestContext } from "@/server/api-v1/http";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

export async function GET(request: Request, { params }: { params: Promise<{ id: string }> }) {
  return handleGetJob(requestContext(), request, (await params).id);
}

const refused = apiMethodNotAllowed("GET");
export { refused as DELETE, refused as PATCH, refused as POST, refused as PUT };
