// next-auth. Its POSTs (sign-in, sign-out) carry next-auth's own CSRF token (double-submit cookie),
// which is why route.ts's Origin check is not repeated here.
import NextAuth from "next-auth";
import { authOptions } from "@/server/auth/next-auth";
import { methodNotAllowed } from "@/server/http/route";

// Built per request so that `next build` never needs the secret.
function handler(req: Request, ctx: { params: Promise<{ nextauth: string[] }> }) {
  return NextAuth(authOptions())(req, ctx);
}

export { handler as GET, handler as POST };

const refused = methodNotAllowed("GET", "POST");
export { refused as DELETE, refused as PATCH, refused as PUT };
