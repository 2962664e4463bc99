import NextAuth from "next-auth";
import { authOptions } from "@/server/auth/next-auth";

// Built per request so that `next build` never needs the secret.
function handler(req: Request, ctx: { params: Promise<{ nextauth: string[] }> }) {
  return NextAuth(authOptions())(req, ctx);
}

export { handler as GET, handler as POST };
