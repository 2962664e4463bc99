// next-auth. Its POSTs (sign-in, sign-out) carry next-auth's own CSRF token (double-submit cookie),
// which is why route.ts's Origin check is not repeated here. A POST's body is read through route.ts
// first (counted while it streams, refused past AUTH_BODY_LIMIT, refused unless valid UTF-8): next-auth
// would read a body of any size.
import NextAuth from "next-auth";
import { NextRequest } from "next/server";
import { authOptions } from "@/server/auth/next-auth";
import { isAppError } from "@/server/errors";
import { type BodyLimit, decodeUtf8, errorResponse, methodNotAllowed, readBody } from "@/server/http/route";

/** A sign-in form (e-mail, password, CSRF token, callback URL) with ample room. */
const AUTH_BODY_LIMIT: BodyLimit = { maxBytes: 16 * 1024 };

type Context = { params: Promise<{ nextauth: string[] }> };

// Built per request so that `next build` never needs the secret.
function handler(req: NextRequest, ctx: Context) {
  return NextAuth(authOptions())(req, ctx);
}

async function post(req: NextRequest, ctx: Context) {
  let body: string;
  try {
    body = decodeUtf8(await readBody(req, AUTH_BODY_LIMIT));
  } catch (error) {
    if (isAppError(error)) return errorResponse(req, error.code, error.params);
    throw error;
  }
  // A NextRequest again: next-auth reads its nextUrl.
  return handler(new NextRequest(req.url, { method: "POST", headers: req.headers, body, signal: req.signal }), ctx);
}

export { handler as GET, post as POST };

const refused = methodNotAllowed("GET", "POST");
export { refused as DELETE, refused as PATCH, refused as PUT };
