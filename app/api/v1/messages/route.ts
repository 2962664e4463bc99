// POST /api/v1/messages: see server/api-v1/http.ts.
import { handleSendMessages } from "@/server/api-v1/http";
import { apiContext } from "../context";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

export function POST(request: Request) {
  return handleSendMessages(apiContext(), request);
}
