// The Inngest serve route. With an Inngest server configured it serves the functions to that server
// unchanged. Without one the built-in runner executes them in-process: the route then answers GET
// with the SDK's bare introspection (counts and mode, no function details: those are for bureau
// admins, on the back office's jobs page) and refuses execution and registration calls, which
// nothing legitimate sends and which, in the SDK's unsigned development mode, anyone could. Its POST and PUT are server-to-server
// calls of the Inngest server (signed with the signing key), never a browser's: no Origin check.
// With INNGEST_SIGNING_KEY set, every request (GET included, whatever the SDK's mode) must carry a
// valid X-Inngest-Signature, else 401 UNAUTHORIZED before the SDK sees it; the SDK also refuses
// unsigned syncs (enableUnauthedSync: false), which would otherwise re-register the app under the
// URL of whoever sent the PUT.
import { serve } from "inngest/next";
import type { NextRequest } from "next/server";
import { inngestServerConfigured, inngestSigningKeys } from "@/server/env";
import { inngest } from "@/server/inngest/client";
import { functions } from "@/server/inngest/functions";
import { SIGNATURE_HEADER, verifyInngestSignature } from "@/server/inngest/signature";
import { errorResponse, methodNotAllowed } from "@/server/http/route";

export const dynamic = "force-dynamic";

const handler = serve({ client: inngest, functions, enableUnauthedSync: false });

/** Null when the request may go on: no signing key configured, or signed with it. */
async function unsigned(request: NextRequest): Promise<Response | null> {
  const keys = inngestSigningKeys();
  if (keys.length === 0) return null;
  const body = await request.clone().text();
  return verifyInngestSignature(request.headers.get(SIGNATURE_HEADER), body, keys, new Date())
    ? null
    : errorResponse(request, "UNAUTHORIZED");
}

export async function GET(request: NextRequest, context: unknown): Promise<Response> {
  const refusal = await unsigned(request);
  if (refusal) return refusal;
  const response = await handler.GET(request, context);
  if (inngestServerConfigured() || !response.ok) return response;
  const introspection = (await response.json()) as Record<string, unknown>;
  return Response.json({ ...introspection, runner: "built-in" });
}

function refused(): Response {
  return Response.json(
    {
      error:
        "No Inngest server is configured: the built-in runner executes these functions, so this endpoint accepts no calls.",
    },
    { status: 403 },
  );
}

export async function POST(request: NextRequest, context: unknown): Promise<Response> {
  if (!inngestServerConfigured()) return refused();
  return (await unsigned(request)) ?? handler.POST(request, context);
}

export async function PUT(request: NextRequest, context: unknown): Promise<Response> {
  if (!inngestServerConfigured()) return refused();
  return (await unsigned(request)) ?? handler.PUT(request, context);
}

const notServed = methodNotAllowed("GET", "POST", "PUT");
export { notServed as DELETE, notServed as PATCH };
