// Receipt webhooks, the customer's side: one endpoint per enterprise (its URL and a signing secret,
// shown once), set, rotated, disabled and pinged by the customer admin. How the rows are then POSTed
// and retried: ./delivery.ts; how they are signed: ./signing.ts.
//
// The URL is the customer's choice, so every save, ping and delivery goes through the outbound
// guard (./address.ts): https only, every resolved address public, checked again before each POST,
// which then connects to the checked addresses only.
import { randomBytes } from "node:crypto";
import { type EnterpriseActor, recordAudit } from "../audit/log";
import type { Db, DbTx } from "../db";
import { AppError } from "../errors";
import { checkWebhookTarget } from "./address";
import { outbound, postSigned, type WebhookOutbound } from "./delivery";
import { generateWebhookSecret } from "./signing";

export { MAX_WEBHOOK_URL_LENGTH } from "./address";

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
  actor: EnterpriseActor,
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
export async function rotateWebhookSecret(db: Db, actor: EnterpriseActor, now: Date): Promise<{ secret: string }> {
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
export async function disableWebhookEndpoint(db: Db, actor: EnterpriseActor, now: Date): Promise<void> {
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

/**
 * The customer admin's "test" button: a signed ping to the endpoint, answered at once with whether
 * an HTTP answer came back and its status code, nothing more: no error text and no body, so the
 * button cannot be used to probe what sits behind an address.
 */
export async function pingWebhookEndpoint(
  db: DbTx,
  actor: EnterpriseActor,
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
