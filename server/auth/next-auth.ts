// next-auth (v4) wiring: credentials provider with fields `email` and `password`, JWT sessions
// that carry the id of a UserSession row, so sessions can be listed and revoked.
import type { NextAuthOptions } from "next-auth";
import CredentialsProvider from "next-auth/providers/credentials";
import { z } from "zod";
import { db } from "../db";
import { authSecret } from "../env";
import { isAppError } from "../errors";
import { clientIp } from "../http/client-ip";
import { text } from "../validation/text";
import { SESSION_TTL_MS, signIn, signOut } from "./accounts";

const credentialsSchema = z.object({ email: text({ min: 1, max: 320 }), password: z.string().min(1).max(200) });

type HeaderBag = Record<string, string | string[] | undefined> | Headers | undefined;

function header(headers: HeaderBag, name: string): string | null {
  if (!headers) return null;
  if (headers instanceof Headers) return headers.get(name);
  const value = headers[name];
  return Array.isArray(value) ? (value[0] ?? null) : (value ?? null);
}

export function authOptions(): NextAuthOptions {
  return {
    secret: authSecret(),
    session: { strategy: "jwt", maxAge: SESSION_TTL_MS / 1000 },
    pages: { signIn: "/login", error: "/login" },
    providers: [
      CredentialsProvider({
        name: "email",
        credentials: { email: { label: "email", type: "email" }, password: { label: "password", type: "password" } },
        async authorize(credentials, req) {
          const parsed = credentialsSchema.safeParse(credentials);
          if (!parsed.success) throw new Error("INVALID_CREDENTIALS");
          try {
            const user = await signIn(
              db(),
              parsed.data,
              { ip: clientIp(req.headers), userAgent: header(req.headers, "user-agent") },
              new Date(),
            );
            return {
              id: user.id,
              email: user.email,
              name: user.name,
              role: user.role,
              enterpriseId: user.enterpriseId,
              sessionId: user.sessionId,
            };
          } catch (error) {
            // The code travels to the login page as `error`.
            if (isAppError(error)) throw new Error(error.code);
            throw error;
          }
        },
      }),
    ],
    callbacks: {
      jwt({ token, user }) {
        if (user) {
          token.sid = user.sessionId;
          token.role = user.role;
          token.enterpriseId = user.enterpriseId;
        }
        return token;
      },
      session({ session, token }) {
        return { ...session, sid: token.sid, role: token.role, enterpriseId: token.enterpriseId };
      },
    },
    events: {
      async signOut({ token }) {
        if (typeof token?.sid === "string") {
          await signOut(db(), token.sid, { userId: token.sub ?? null, role: token.role ?? null }, new Date());
        }
      },
    },
  };
}
