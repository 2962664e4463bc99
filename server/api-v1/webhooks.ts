// Delivery-receipt webhooks: one endpoint per enterprise (its URL and a signing secret, shown once),
// and the delivery of WebhookDelivery rows (written by the sending service when a message reaches a
// final state) as signed JSON POSTs, retried with exponential backoff.
//
// Signature: `X-QXT-Signature: t=<unix seconds>,v1=<hex HMAC-SHA256 of "<t>.<body>" with the secret>`,
// the delivery's id in `X-QXT-Delivery`. The receiver recomputes the HMAC over the raw body and
// should refuse timestamps far from its clock (replays).
//
// The URL is the customer's choice, so every save, ping and delivery goes through the outbound
// guard (server/webhooks/address.ts): https only, every resolved address public, checked again
// before each POST, which then connects to the checked addresses only.
import { createHmac, randomBytes, timingSafeEqual } from "node:crypto";
import { recordAudit } from "../audit/service";
import type { Db, DbTx } from "../db";
import { AppError } from "../errors";
import {
  checkWebhookTarget,
  type OutboundPolicy,
  outboundPolicyFromEnv,
  type Resolver,
  systemResolver,
} from "../webhooks/address";
import { postToCheckedTarget, PostTimeoutError } from "../webhooks/post";
import type { CustomerAdmin } from "./keys";

export { MAX_WEBHOOK_URL_LENGTH } from "../webhooks/address";

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
export const SIGNATURE_HEADER = "X-QXT-Signature";
export const DELIVERY_HEADER = "X-QXT-Delivery";

/** How webhook POSTs reach the outside: the operator's policy, the resolver, the wait. Tests pass their own. */
export interface WebhookOutbound {
  policy: OutboundPolicy;
  resolve: Resolver;
  timeoutMs: number;
}

function outbound(given: Partial<WebhookOutbound> = {}): WebhookOutbound {
  return {
    policy: given.policy ?? outboundPolicyFromEnv(),
    resolve: given.resolve ?? systemResolver,
    timeoutMs: given.timeoutMs ?? DELIVERY_TIMEOUT_MS,
  };
}

export function generateWebhookSecret(): string {
  return `whsec_${randomBytes(32).toString("base64url")}`;
}

export function signPayload(secret: string, timestamp: number, body: string): string {
  const mac = createHmac("sha256", secret).update(`${timestamp}.${body}`, "utf8").digest("hex");
  return `t=${timestamp},v1=${mac}`;
}

/** What a receiver does: true when the header carries a valid v1 signature of `body` made within `toleranceSeconds` of `now`. */
export function verifySignature(
  secret: string,
  header: string,
  body: string,
  now: Date,
  toleranceSeconds = 300,
): boolean {
  const parts = new Map(
    header.split(",").map((p) => {
      const i = p.indexOf("=");
      return [p.slice(0, i).trim(), p.slice(i + 1).trim()] as const;
    }),
  );
  const t = Number(parts.get("t"));
  const v1 = parts.get("v1") ?? "";
  if (!Number.isInteger(t) || Math.abs(now.getTime() / 1000 - t) > toleranceSeconds || !/^[0-9a-f]{64}$/.test(v1))
    return false;
  const expected = createHmac("sha256", secret).update(`${t}.${body}`, "utf8").digest();
  return timingSafeEqual(expected, Buffer.from(v1, "hex"));
}

export async function getWebhookEndpoint(db: DbTx, enterpriseId: string) {
  const row = await db.webhookEndpoint.findUnique({ where: { enterpriseId } });
  return row
    ? { id: row.id, url: row.url, active: row.active, createdAt: row.createdAt, updatedAt: row.updatedAt }
    : null;
}

/**
 * Sets the enterprise's endpoint URL (and re-activates it). The first time, a secret is made and
 * returned, once; changing the URL later keeps the secret (rotate it separately).
 */
export async function setWebhookEndpoint(
  db: Db,
  actor: CustomerAdmin,
  input: { url: string },
  now: Date,
  options: Partial<WebhookOutbound> = {},
): Promise<{ url: string; secret: string | null }> {
  const url = input.url.trim();
  const { policy, resolve } = outbound(options);
  await checkWebhookTarget(url, policy, resolve);
  return db.$transaction(async (tx) => {
    const existing = await tx.webhookEndpoint.findUnique({ where: { enterpriseId: actor.enterpriseId } });
    const secret = existing ? null : generateWebhookSecret();
    const row = existing
      ? await tx.webhookEndpoint.update({ where: { id: existing.id }, data: { url, active: true, updatedAt: now } })
      : await tx.webhookEndpoint.create({
          data: {
            enterpriseId: actor.enterpriseId,
            url,
            secret: secret ?? "",
            active: true,
            createdAt: now,
            updatedAt: now,
          },
        });
    await recordAudit(
      tx,
      actor,
      {
        action: existing ? "api.webhook.updated" : "api.webhook.created",
        entityType: "WebhookEndpoint",
        entityId: row.id,
        enterpriseId: actor.enterpriseId,
        detail: { url, from: existing?.url ?? null },
      },
      now,
    );
    return { url, secret };
  });
}

/** A new secret, returned once; the old one stops signing at once. */
export async function rotateWebhookSecret(db: Db, actor: CustomerAdmin, now: Date): Promise<{ secret: string }> {
  return db.$transaction(async (tx) => {
    const existing = await tx.webhookEndpoint.findUnique({ where: { enterpriseId: actor.enterpriseId } });
    if (!existing) throw new AppError("NOT_FOUND");
    const secret = generateWebhookSecret();
    await tx.webhookEndpoint.update({ where: { id: existing.id }, data: { secret, updatedAt: now } });
    await recordAudit(
      tx,
      actor,
      {
        action: "api.webhook.secret.rotated",
        entityType: "WebhookEndpoint",
        entityId: existing.id,
        enterpriseId: actor.enterpriseId,
      },
      now,
    );
    return { secret };
  });
}

/** Stops deliveries to the endpoint (they wait and are retried as failures); setting a URL resumes them. */
export async function disableWebhookEndpoint(db: Db, actor: CustomerAdmin, now: Date): Promise<void> {
  await db.$transaction(async (tx) => {
    const existing = await tx.webhookEndpoint.findUnique({ where: { enterpriseId: actor.enterpriseId } });
    if (!existing) throw new AppError("NOT_FOUND");
    if (!existing.active) return;
    await tx.webhookEndpoint.update({ where: { id: existing.id }, data: { active: false, updatedAt: now } });
    await recordAudit(
      tx,
      actor,
      {
        action: "api.webhook.disabled",
        entityType: "WebhookEndpoint",
        entityId: existing.id,
        enterpriseId: actor.enterpriseId,
        detail: { url: existing.url },
      },
      now,
    );
  });
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
async function postSigned(
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

/**
 * The customer admin's "test" button: a signed ping to the endpoint, answered at once with whether
 * an HTTP answer came back and its status code, nothing more: no error text and no body, so the
 * button cannot be used to probe what sits behind an address.
 */
export async function pingWebhookEndpoint(
  db: DbTx,
  actor: CustomerAdmin,
  now: Date,
  options: Partial<WebhookOutbound> = {},
): Promise<{ reachable: boolean; status?: number }> {
  const endpoint = await db.webhookEndpoint.findUnique({ where: { enterpriseId: actor.enterpriseId } });
  if (!endpoint) throw new AppError("NOT_FOUND");
  const id = `ping_${randomBytes(8).toString("hex")}`;
  const body = JSON.stringify({
    type: "ping",
    deliveryId: id,
    enterpriseId: actor.enterpriseId,
    sentAt: now.toISOString(),
  });
  const outcome = await postSigned(outbound(options), endpoint.url, endpoint.secret, id, body);
  const answer = outcome.statusCode === null ? { reachable: false } : { reachable: true, status: outcome.statusCode };
  await recordAudit(
    db,
    actor,
    {
      action: "api.webhook.pinged",
      entityType: "WebhookEndpoint",
      entityId: endpoint.id,
      enterpriseId: actor.enterpriseId,
      detail: { url: endpoint.url, ...answer },
    },
    now,
  );
  return answer;
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
