// Delivery of receipt webhooks: WebhookDelivery rows (written by the sending service when a message
// reaches a final state) POSTed as signed JSON, retried with exponential backoff. Every POST goes
// through the outbound guard (./address.ts) again and connects to the checked addresses only (./post.ts).
import type { Db, DbTx } from "../db";
import { AppError } from "../errors";
import {
  checkWebhookTarget,
  type OutboundPolicy,
  outboundPolicyFromEnv,
  type Resolver,
  systemResolver,
} from "./address";
import { postToCheckedTarget, PostTimeoutError } from "./post";
import { DELIVERY_HEADER, SIGNATURE_HEADER, signPayload } from "./signing";

/** Attempts before a delivery is given up as FAILED. */
export const MAX_DELIVERY_ATTEMPTS = 6;
/** Wait after the first failed attempt; doubled after each further one (1, 2, 4, 8, 16 minutes). */
export const FIRST_RETRY_MS = 60_000;
export const DELIVERY_TIMEOUT_MS = 10_000;
/** Rows claimed per run, and POSTs in flight at once. */
export const DELIVERY_BATCH = 200;
export const DELIVERY_CONCURRENCY = 8;
/** A claimed row is not picked up again for this long, so a run that dies cannot deliver twice at once. */
const CLAIM_LEASE_MS = 5 * 60_000;
/** How webhook POSTs reach the outside: the operator's policy, the resolver, the wait. Tests pass their own. */
export interface WebhookOutbound {
  policy: OutboundPolicy;
  resolve: Resolver;
  timeoutMs: number;
}

export function outbound(given: Partial<WebhookOutbound> = {}): WebhookOutbound {
  return {
    policy: given.policy ?? outboundPolicyFromEnv(),
    resolve: given.resolve ?? systemResolver,
    timeoutMs: given.timeoutMs ?? DELIVERY_TIMEOUT_MS,
  };
}

interface PostOutcome {
  ok: boolean;
  /** The receiver's status code, when it answered. */
  statusCode: number | null;
  error: string | null;
}

const GUARD_REASONS: Record<string, string> = {
  WEBHOOK_URL_INVALID: "URL refused (https only)",
  WEBHOOK_HOST_UNRESOLVED: "host name not resolved",
  WEBHOOK_ADDRESS_FORBIDDEN: "address refused (loopback, private or reserved)",
};

/**
 * One signed POST, after checking the URL again (DNS can change since it was saved); 2xx is success,
 * anything else (redirects included: they are not followed) a failure with a short reason.
 */
export async function postSigned(
  out: WebhookOutbound,
  url: string,
  secret: string,
  deliveryId: string,
  body: string,
): Promise<PostOutcome> {
  let target;
  try {
    target = await checkWebhookTarget(url, out.policy, out.resolve);
  } catch (error) {
    if (error instanceof AppError && error.code in GUARD_REASONS)
      return { ok: false, statusCode: null, error: GUARD_REASONS[error.code] ?? error.code };
    throw error;
  }
  // The wall clock, not the run's instant: receivers compare the timestamp with their own clock, and a
  // run for an earlier instant (retried, or run by hand) still sends now.
  const timestamp = Math.floor(Date.now() / 1000);
  try {
    const { status } = await postToCheckedTarget(target, {
      headers: {
        "Content-Type": "application/json; charset=utf-8",
        "User-Agent": "QiXinTong-Webhooks/1",
        [SIGNATURE_HEADER]: signPayload(secret, timestamp, body),
        [DELIVERY_HEADER]: deliveryId,
      },
      body,
      timeoutMs: out.timeoutMs,
    });
    const ok = status >= 200 && status < 300;
    return { ok, statusCode: status, error: ok ? null : `HTTP ${status}` };
  } catch (error) {
    if (error instanceof PostTimeoutError) return { ok: false, statusCode: null, error: error.message };
    const code = (error as NodeJS.ErrnoException).code;
    return { ok: false, statusCode: null, error: `connection failed${code ? ` (${code})` : ""}` };
  }
}

/** Wait before the attempt after `attempts` failed ones: 1, 2, 4, 8, 16 minutes. */
export function retryDelayMs(attempts: number): number {
  return FIRST_RETRY_MS * 2 ** Math.max(0, attempts - 1);
}

export interface DeliveryRunResult {
  claimed: number;
  delivered: number;
  retrying: number;
  failed: number;
}

/**
 * POSTs every PENDING delivery whose time has come. Rows are claimed by pushing their next attempt
 * past a lease (FOR UPDATE SKIP LOCKED), so runs that overlap never send the same row together.
 * 2xx → DELIVERED; otherwise the attempt is counted and retried after 1, 2, 4 … minutes, and after
 * MAX_DELIVERY_ATTEMPTS attempts the row is FAILED. An enterprise without an active endpoint counts
 * as a failed attempt too, so one set up within the retry window still gets its receipts. Each POST
 * checks the endpoint's address again; one now refused counts as a failed attempt.
 */
export async function deliverDueWebhooks(
  db: Db,
  now: Date,
  options: Partial<WebhookOutbound> = {},
): Promise<DeliveryRunResult> {
  const out = outbound(options);
  const leaseUntil = new Date(now.getTime() + CLAIM_LEASE_MS);
  const claimed = await db.$queryRaw<{ id: string; enterpriseId: string; payload: unknown; attempts: number }[]>`
    UPDATE "WebhookDelivery" SET "nextAttemptAt" = ${leaseUntil}
    WHERE id IN (
      SELECT id FROM "WebhookDelivery"
      WHERE status = 'PENDING' AND "nextAttemptAt" <= ${now}
      ORDER BY "nextAttemptAt", id
      LIMIT ${DELIVERY_BATCH}
      FOR UPDATE SKIP LOCKED
    )
    RETURNING id, "enterpriseId", payload, attempts`;
  const result: DeliveryRunResult = { claimed: claimed.length, delivered: 0, retrying: 0, failed: 0 };
  if (claimed.length === 0) return result;
  const endpoints = await db.webhookEndpoint.findMany({
    where: { enterpriseId: { in: [...new Set(claimed.map((c) => c.enterpriseId))] } },
  });
  const endpointOf = new Map(endpoints.map((e) => [e.enterpriseId, e]));

  let next = 0;
  async function worker() {
    for (;;) {
      const row = claimed[next];
      next += 1;
      if (!row) return;
      const endpoint = endpointOf.get(row.enterpriseId);
      const outcome: PostOutcome = endpoint?.active
        ? await postSigned(out, endpoint.url, endpoint.secret, row.id, JSON.stringify(row.payload))
        : { ok: false, statusCode: null, error: "no active webhook endpoint" };
      const attempts = row.attempts + 1;
      if (outcome.ok) {
        await db.webhookDelivery.update({
          where: { id: row.id },
          data: {
            status: "DELIVERED",
            attempts,
            deliveredAt: now,
            lastStatusCode: outcome.statusCode,
            lastError: null,
          },
        });
        result.delivered += 1;
      } else if (attempts >= MAX_DELIVERY_ATTEMPTS) {
        await db.webhookDelivery.update({
          where: { id: row.id },
          data: { status: "FAILED", attempts, lastStatusCode: outcome.statusCode, lastError: outcome.error },
        });
        result.failed += 1;
      } else {
        await db.webhookDelivery.update({
          where: { id: row.id },
          data: {
            attempts,
            nextAttemptAt: new Date(now.getTime() + retryDelayMs(attempts)),
            lastStatusCode: outcome.statusCode,
            lastError: outcome.error,
          },
        });
        result.retrying += 1;
      }
    }
  }
  await Promise.all(Array.from({ length: Math.min(DELIVERY_CONCURRENCY, claimed.length) }, worker));
  return result;
}

/** The latest deliveries of an enterprise, for the portal (the payload stays out of the list). */
export async function listWebhookDeliveries(db: DbTx, enterpriseId: string, take = 20) {
  const rows = await db.webhookDelivery.findMany({
    where: { enterpriseId },
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    take,
  });
  return rows.map((r) => ({
    id: r.id,
    messageId: r.messageId.toString(),
    status: r.status,
    attempts: r.attempts,
    nextAttemptAt: r.nextAttemptAt,
    lastStatusCode: r.lastStatusCode,
    lastError: r.lastError,
    createdAt: r.createdAt,
    deliveredAt: r.deliveredAt,
  }));
}
