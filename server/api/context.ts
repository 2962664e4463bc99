// Builds the tRPC context from a request (route handler) or from the current request (server components).
import "server-only";
import { headers } from "next/headers";
import { currentUser } from "../auth/current";
import { clientIp } from "../http/client-ip";
import { db } from "../db";
import { currentLocale } from "../i18n/current";
import type { TrpcContext } from "./trpc";

export async function createTrpcContext(): Promise<TrpcContext> {
  const h = await headers();
  return {
    db: db(),
    user: await currentUser(),
    locale: await currentLocale(),
    ip: clientIp(h),
    userAgent: h.get("user-agent"),
    now: new Date(),
  };
}
