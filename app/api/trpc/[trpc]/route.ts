// The tRPC endpoint. A POST's body is read first through route.ts (counted while it streams, refused
// past TRPC_BODY_LIMIT, and refused unless valid UTF-8) and only then handed to tRPC, whose fetch
// adapter would read any size and decode bad bytes as replacement characters. No Origin check: tRPC
// only takes application/json posts, which a page on another site cannot send without a CORS
// preflight that this app never grants.
import { fetchRequestHandler } from "@trpc/server/adapters/fetch";
import { createTrpcContext } from "@/server/api/context";
import { appRouter } from "@/server/api/root";
import { type BodyLimit, decodeUtf8, errorResponse, methodNotAllowed, readBody } from "@/server/http/route";
import { isAppError } from "@/server/errors";

/** The largest input a procedure takes (100,000 pasted numbers) with room to spare. */
const TRPC_BODY_LIMIT: BodyLimit = { maxBytes: 8 * 1024 * 1024 };

function trpc(req: Request) {
  return fetchRequestHandler({ endpoint: "/api/trpc", req, router: appRouter, createContext: createTrpcContext });
}

export async function POST(req: Request) {
  let body: string;
  try {
    body = decodeUtf8(await readBody(req, TRPC_BODY_LIMIT));
  } catch (error) {
    if (isAppError(error)) return errorResponse(req, error.code, error.params);
    throw error;
  }
  return trpc(new Request(req.url, { method: "POST", headers: req.headers, body, signal: req.signal }));
}

export { trpc as GET };

const refused = methodNotAllowed("GET", "POST");
export { refused as DELETE, refused as PATCH, refused as PUT };
