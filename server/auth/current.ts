// The signed-in user for server components, route handlers and the tRPC context.
import "server-only";
import { getServerSession } from "next-auth";
import { cache } from "react";
import { db } from "../db";
import { authOptions } from "./next-auth";
import { resolveSession, type SessionUser } from "./accounts";

/** Verified against the UserSession row on every request: revoked or expired sessions are gone at once. */
export const currentUser = cache(async (): Promise<SessionUser | null> => {
  const session = await getServerSession(authOptions());
  if (!session?.sid) return null;
  return resolveSession(db(), session.sid, new Date());
});
