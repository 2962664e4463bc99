// The Inngest serve route. With an Inngest server configured it serves the functions to that server
// unchanged. Without one the built-in runner executes them in-process: the route then describes the
// functions (GET) and refuses execution and registration calls, which nothing legitimate sends and
// which, in the SDK's unsigned development mode, anyone could. Its POST and PUT are server-to-server
// calls of the Inngest server (signed with the signing key), never a browser's: no Origin check.
import { serve } from "inngest/next";
import type { NextRequest } from "next/server";
import { inngestServerConfigured } from "@/server/env";
import { inngest } from "@/server/inngest/client";
import { describeFunctions } from "@/server/inngest/describe";
import { functions } from "@/server/inngest/functions";
import { methodNotAllowed } from "@/server/http/route";

export const dynamic = "force-dynamic";

const handler = serve({ client: inngest, functions });

export async function GET(request: NextRequest, context: unknown): Promise<Response> {
  const response = await handler.GET(request, context);
  if (inngestServerConfigured() || !response.ok) return response;
  const introspection = (await response.json()) as Record<string, unknown>;
  return Response.json({ ...introspection, runner: "built-in", functions: describeFunctions(functions) });
}

function refused(): Response {
  return Response.json(
    { error: "No Inngest server is configured: the built-in runner executes these functions, so this endpoint accepts no calls." },
    { status: 403 },
  );
}

export async function POST(request: NextRequest, context: unknown): Promise<Response> {
  return inngestServerConfigured() ? handler.POST(request, context) : refused();
}

export async function PUT(request: NextRequest, context: unknown): Promise<Response> {
  return inngestServerConfigured() ? handler.PUT(request, context) : refused();
}

const notServed = methodNotAllowed("GET", "POST", "PUT");
export { notServed as DELETE, notServed as PATCH };
