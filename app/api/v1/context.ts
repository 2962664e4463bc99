// The HTTP API's context for a request: the process-wide database, the limiter and the wall clock.
import type { ApiContext } from "@/server/api-v1/http";
import { apiRateLimiter } from "@/server/api-v1/rate-limit";
import { db } from "@/server/db";

export function apiContext(): ApiContext {
  return { db: db(), now: new Date(), limiter: apiRateLimiter() };
}
