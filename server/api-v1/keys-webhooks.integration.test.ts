// API keys (shown once, stored hashed, revoked) and receipt webhooks (signed, retried with backoff)
// against a real database and a real HTTP receiver on loopback.
import { createServer, type IncomingHttpHeaders, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { seedDemo } from "@/prisma/demo-data";
import { type AppError } from "../errors";
import { actorFor } from "../testing/callers";
import { createTestDatabase, type TestDatabase } from "../testing/database";
import { authenticateApiKey, createApiKey, type CustomerAdmin, hashApiKey, listApiKeys, registerDemoApiKey, revokeApiKey } from "./keys";
import {
  deliverDueWebhooks, DELIVERY_HEADER, FIRST_RETRY_MS, MAX_DELIVERY_ATTEMPTS, pingWebhookEndpoint, setWebhookEndpoint, SIGNATURE_HEADER, verifySignature,
} from "./webhooks";

let t: TestDatabase;
let admin: CustomerAdmin;
let other: CustomerAdmin;
let server: Server;
let url: string;
const received: { headers: IncomingHttpHeaders; body: string }[] = [];
/** Status codes the receiver answers with, in turn; 200 once they run out. */
let script: number[] = [];
const T0 = new Date("2026-11-25T02:00:00Z");

const adminOf = (email: string): Promise<CustomerAdmin> => actorFor(t.db, email);

beforeAll(async () => {
  t = await createTestDatabase();
  await seedDemo(t.db);
  admin = await adminOf("admin@demo.example.com");
  other = await adminOf("admin@other.example.com");
  server = createServer((req, res) => {
    let body = "";
    req.on("data", (chunk: Buffer) => (body += chunk.toString("utf8")));
    req.on("end", () => {
      received.push({ headers: req.headers, body });
      res.statusCode = script.shift() ?? 200;
      res.end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/receipts`;
}, 60_000);
afterAll(async () => {
  await new Promise((resolve) => server.close(resolve));
  await t.drop();
});

describe("API keys", () => {
  test("shown once, stored as its SHA-256 only; last use recorded; revoked keys stop working; tenancy", async () => {
    const created = await createApiKey(t.db, admin, { name: " 订单系统 " }, T0);
    expect(created.key).toMatch(/^qxt_live_[A-Za-z0-9_-]{43}$/);
    const row = await t.db.apiKey.findUniqueOrThrow({ where: { id: created.id } });
    expect(row).toMatchObject({ name: "订单系统", hash: hashApiKey(created.key), prefix: created.key.slice(0, 12) });
    expect(JSON.stringify(await listApiKeys(t.db, admin.enterpriseId))).not.toContain(created.key);

    const principal = await authenticateApiKey(t.db, created.key, T0);
    expect(principal).toMatchObject({ apiKeyId: created.id, enterpriseId: admin.enterpriseId, createdById: admin.userId });
    expect((await t.db.apiKey.findUniqueOrThrow({ where: { id: created.id } })).lastUsedAt).toEqual(T0);

    const revokeByOther = await revokeApiKey(t.db, other, created.id, T0).then(() => null, (e: unknown) => e);
    expect((revokeByOther as AppError).code).toBe("NOT_FOUND");
    await revokeApiKey(t.db, admin, created.id, T0);
    expect(await authenticateApiKey(t.db, created.key, T0)).toBeNull();
    const listed = await listApiKeys(t.db, admin.enterpriseId);
    expect(listed.find((k) => k.id === created.id)?.revokedAt).toEqual(T0);
    expect(await t.db.auditLog.count({ where: { action: { in: ["api.key.created", "api.key.revoked"] }, enterpriseId: admin.enterpriseId } })).toBe(2);
  });

  test("SEED_DEMO_API_KEY registration is idempotent and refuses a key of another enterprise", async () => {
    const raw = "qxt_demo_key_for_tests_000000000000";
    const first = await registerDemoApiKey(t.db, admin.enterpriseId, raw);
    const again = await registerDemoApiKey(t.db, admin.enterpriseId, raw);
    expect(first.created).toBe(true);
    expect(again).toEqual({ ...first, created: false });
    expect(await t.db.apiKey.count({ where: { hash: hashApiKey(raw) } })).toBe(1);
    expect((await authenticateApiKey(t.db, raw, T0))?.enterpriseId).toBe(admin.enterpriseId);
    const clash = await registerDemoApiKey(t.db, other.enterpriseId, raw).then(() => null, (e: unknown) => e);
    expect((clash as AppError).code).toBe("CONFLICT");
  });
});

describe("receipt webhooks", () => {
  async function queueDelivery(messageId: bigint, status: string) {
    return t.db.webhookDelivery.create({
      data: { enterpriseId: admin.enterpriseId, messageId, dedupeKey: `${messageId}:${status}`, payload: { messageId: String(messageId), status, to: "13800138000" }, nextAttemptAt: T0, createdAt: T0 },
    });
  }

  test("only https, or http to this machine", async () => {
    const refused = await setWebhookEndpoint(t.db, admin, { url: "http://example.com/hook" }, T0).then(() => null, (e: unknown) => e);
    expect((refused as AppError).code).toBe("WEBHOOK_URL_INVALID");
  });

  test("signed with HMAC-SHA256; a failure is retried after 1, 2, 4 … minutes; success marks DELIVERED", async () => {
    const { secret } = await setWebhookEndpoint(t.db, admin, { url }, T0);
    expect(secret).toMatch(/^whsec_/);
    const ping = await pingWebhookEndpoint(t.db, admin, T0);
    expect(ping).toMatchObject({ ok: true, statusCode: 200 });
    received.length = 0;

    const delivery = await queueDelivery(1n, "DELIVERED");
    script = [500, 503];
    const first = await deliverDueWebhooks(t.db, T0);
    expect(first).toEqual({ claimed: 1, delivered: 0, retrying: 1, failed: 0 });
    let row = await t.db.webhookDelivery.findUniqueOrThrow({ where: { id: delivery.id } });
    expect(row).toMatchObject({ status: "PENDING", attempts: 1, lastStatusCode: 500, nextAttemptAt: new Date(T0.getTime() + FIRST_RETRY_MS) });

    // Not due yet: nothing is sent.
    expect((await deliverDueWebhooks(t.db, new Date(T0.getTime() + FIRST_RETRY_MS - 1))).claimed).toBe(0);
    const t1 = new Date(T0.getTime() + FIRST_RETRY_MS);
    await deliverDueWebhooks(t.db, t1);
    row = await t.db.webhookDelivery.findUniqueOrThrow({ where: { id: delivery.id } });
    expect(row).toMatchObject({ attempts: 2, lastStatusCode: 503, nextAttemptAt: new Date(t1.getTime() + 2 * FIRST_RETRY_MS) });
    const t2 = new Date(t1.getTime() + 2 * FIRST_RETRY_MS);
    expect(await deliverDueWebhooks(t.db, t2)).toEqual({ claimed: 1, delivered: 1, retrying: 0, failed: 0 });
    row = await t.db.webhookDelivery.findUniqueOrThrow({ where: { id: delivery.id } });
    expect(row).toMatchObject({ status: "DELIVERED", attempts: 3, deliveredAt: t2 });

    expect(received).toHaveLength(3);
    for (const r of received) {
      expect(r.headers[DELIVERY_HEADER.toLowerCase()]).toBe(delivery.id);
      expect(JSON.parse(r.body)).toEqual({ messageId: "1", status: "DELIVERED", to: "13800138000" });
      const signature = String(r.headers[SIGNATURE_HEADER.toLowerCase()]);
      expect(verifySignature(secret ?? "", signature, r.body, new Date())).toBe(true);
      expect(verifySignature(secret ?? "", signature, `${r.body} `, new Date())).toBe(false);
      expect(verifySignature("whsec_other", signature, r.body, new Date())).toBe(false);
    }
  });

  test(`given up as FAILED after ${MAX_DELIVERY_ATTEMPTS} attempts`, async () => {
    const delivery = await queueDelivery(2n, "UNDELIVERED");
    script = Array.from({ length: MAX_DELIVERY_ATTEMPTS }, () => 500);
    let at = T0;
    for (let i = 0; i < MAX_DELIVERY_ATTEMPTS; i++) {
      await deliverDueWebhooks(t.db, at);
      at = (await t.db.webhookDelivery.findUniqueOrThrow({ where: { id: delivery.id } })).nextAttemptAt;
    }
    const row = await t.db.webhookDelivery.findUniqueOrThrow({ where: { id: delivery.id } });
    expect(row).toMatchObject({ status: "FAILED", attempts: MAX_DELIVERY_ATTEMPTS, lastStatusCode: 500 });
    expect((await deliverDueWebhooks(t.db, new Date(at.getTime() + 3_600_000))).claimed).toBe(0);
  });
});
