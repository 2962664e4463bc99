// Receipt webhooks (signed, retried with backoff)
// against a real database and a real HTTP receiver on loopback (reached with the development
// settings passed in; without them loopback is refused, as the outbound-guard tests show).
import type { EnterpriseActor } from "../audit/log";
import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { createServer, type IncomingHttpHeaders, type Server } from "node:http";
import { createServer as createHttpsServer } from "node:https";
import { tmpdir } from "node:os";
import path from "node:path";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, beforeEach, describe, expect, test } from "vitest";
import { seedDemo } from "@/prisma/demo-data";
import { AppError } from "../errors";
import type { OutboundPolicy, Resolver } from "./address";
import { actorFor } from "../testing/callers";
import { createTestDatabase, type TestDatabase } from "../testing/database";
import { deliverDueWebhooks, FIRST_RETRY_MS, MAX_DELIVERY_ATTEMPTS, type WebhookOutbound } from "./delivery";
import { pingWebhookEndpoint, setWebhookEndpoint } from "./endpoints";
import { DELIVERY_HEADER, SIGNATURE_HEADER, verifySignature } from "./signing";

let t: TestDatabase;
let admin: EnterpriseActor;
let other: EnterpriseActor;
let server: Server;
let port: number;
let url: string;
const received: { url: string; headers: IncomingHttpHeaders; body: string }[] = [];
/** Status codes the receiver answers with, in turn; 200 once they run out. */
let script: number[] = [];
const T0 = new Date("2026-11-25T02:00:00Z");
/** WEBHOOK_ALLOW_HTTP and WEBHOOK_ALLOW_PRIVATE, as development and e2e set them, to reach the loopback receiver. */
const LOCAL: Partial<WebhookOutbound> = { policy: { allowHttp: true, allowPrivate: true } };

const adminOf = (email: string): Promise<EnterpriseActor> => actorFor(t.db, email);

beforeAll(async () => {
  t = await createTestDatabase();
  await seedDemo(t.db);
  admin = await adminOf("admin@demo.example.com");
  other = await adminOf("admin@other.example.com");
  server = createServer((req, res) => {
    let body = "";
    req.on("data", (chunk: Buffer) => (body += chunk.toString("utf8")));
    req.on("end", () => {
      received.push({ url: req.url ?? "", headers: req.headers, body });
      if (req.url === "/redirect") {
        res.writeHead(302, { Location: `http://127.0.0.1:${port}/receipts` }).end();
      } else if (req.url === "/error") {
        res.writeHead(500, { "Content-Type": "text/plain" }).end("stack trace: internal detail of the target");
      } else if (req.url === "/endless") {
        // A 200 whose body never ends: the sender must not wait for it.
        res.writeHead(200, { "Content-Type": "text/plain" });
        const timer = setInterval(() => res.write("x".repeat(64 * 1024)), 5);
        res.on("close", () => clearInterval(timer));
      } else if (req.url === "/slow") {
        // Never answers (the socket closes with the sender's timeout).
      } else {
        res.statusCode = script.shift() ?? 200;
        res.end();
      }
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  port = (server.address() as AddressInfo).port;
  url = `http://127.0.0.1:${port}/receipts`;
}, 60_000);
afterAll(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
  await t.drop();
});

describe("receipt webhooks", () => {
  async function queueDelivery(messageId: bigint, status: string) {
    return t.db.webhookDelivery.create({
      data: {
        enterpriseId: admin.enterpriseId,
        messageId,
        dedupeKey: `${messageId}:${status}`,
        payload: { messageId: String(messageId), status, to: "13800138000" },
        nextAttemptAt: T0,
        createdAt: T0,
      },
    });
  }

  test("signed with HMAC-SHA256; a failure is retried after 1, 2, 4 … minutes; success marks DELIVERED", async () => {
    const { secret } = await setWebhookEndpoint(t.db, admin, { url }, T0, LOCAL);
    expect(secret).toMatch(/^whsec_/);
    received.length = 0;

    const delivery = await queueDelivery(1n, "DELIVERED");
    script = [500, 503];
    const first = await deliverDueWebhooks(t.db, T0, LOCAL);
    expect(first).toEqual({ claimed: 1, delivered: 0, retrying: 1, failed: 0 });
    let row = await t.db.webhookDelivery.findUniqueOrThrow({ where: { id: delivery.id } });
    expect(row).toMatchObject({
      status: "PENDING",
      attempts: 1,
      lastStatusCode: 500,
      nextAttemptAt: new Date(T0.getTime() + FIRST_RETRY_MS),
    });

    // Not due yet: nothing is sent.
    expect((await deliverDueWebhooks(t.db, new Date(T0.getTime() + FIRST_RETRY_MS - 1), LOCAL)).claimed).toBe(0);
    const t1 = new Date(T0.getTime() + FIRST_RETRY_MS);
    await deliverDueWebhooks(t.db, t1, LOCAL);
    row = await t.db.webhookDelivery.findUniqueOrThrow({ where: { id: delivery.id } });
    expect(row).toMatchObject({
      attempts: 2,
      lastStatusCode: 503,
      nextAttemptAt: new Date(t1.getTime() + 2 * FIRST_RETRY_MS),
    });
    const t2 = new Date(t1.getTime() + 2 * FIRST_RETRY_MS);
    expect(await deliverDueWebhooks(t.db, t2, LOCAL)).toEqual({ claimed: 1, delivered: 1, retrying: 0, failed: 0 });
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
      await deliverDueWebhooks(t.db, at, LOCAL);
      at = (await t.db.webhookDelivery.findUniqueOrThrow({ where: { id: delivery.id } })).nextAttemptAt;
    }
    const row = await t.db.webhookDelivery.findUniqueOrThrow({ where: { id: delivery.id } });
    expect(row).toMatchObject({ status: "FAILED", attempts: MAX_DELIVERY_ATTEMPTS, lastStatusCode: 500 });
    expect((await deliverDueWebhooks(t.db, new Date(at.getTime() + 3_600_000), LOCAL)).claimed).toBe(0);
  });
});

describe("webhook URLs cannot reach this machine or the private network", () => {
  const STRICT: OutboundPolicy = { allowHttp: false, allowPrivate: false };
  const HTTP_ONLY: OutboundPolicy = { allowHttp: true, allowPrivate: false };
  const TD = new Date("2026-11-26T02:00:00Z");
  const codeOf = (promise: Promise<unknown>) =>
    promise.then(
      () => "accepted",
      (e: unknown) => (e instanceof AppError ? e.code : String(e)),
    );
  /** A resolver answering from a table, and counting what it was asked. */
  function resolverOf(answers: Record<string, string[]>) {
    const asked: string[] = [];
    const resolve: Resolver = async (host) => {
      asked.push(host);
      const list = answers[host];
      if (!list) throw Object.assign(new Error(`getaddrinfo ENOTFOUND ${host}`), { code: "ENOTFOUND" });
      return list.map((address) => ({ address, family: address.includes(":") ? 6 : 4 }));
    };
    return { resolve, asked };
  }
  async function queue(messageId: bigint) {
    return t.db.webhookDelivery.create({
      data: {
        enterpriseId: admin.enterpriseId,
        messageId,
        dedupeKey: `${messageId}:DELIVERED`,
        payload: { messageId: String(messageId), status: "DELIVERED" },
        nextAttemptAt: TD,
        createdAt: TD,
      },
    });
  }
  const rowOf = (id: string) => t.db.webhookDelivery.findUniqueOrThrow({ where: { id } });

  beforeEach(async () => {
    await t.db.webhookDelivery.deleteMany();
    received.length = 0;
    script = [];
  });

  test("saving refuses every loopback, private, link-local, CGNAT, multicast and reserved form, names resolving to them, and plain http", async () => {
    const forms = [
      "127.0.0.1:2776",
      "[::1]",
      "127.1",
      "2130706433",
      "0x7f.1",
      "0177.0.0.1",
      "10.0.0.1",
      "172.16.0.1",
      "192.168.1.1",
      "169.254.169.254",
      "100.64.0.1",
      "224.0.0.1",
      "0.0.0.0",
      "240.0.0.1",
      "255.255.255.255",
      "[::ffff:127.0.0.1]",
      "[::ffff:7f00:1]",
      "[fe80::1]",
      "[fc00::1]",
      "[ff02::1]",
      `localhost:${port}`,
    ];
    for (const host of forms) {
      expect(await codeOf(setWebhookEndpoint(t.db, other, { url: `https://${host}/hook` }, TD)), host).toBe(
        "WEBHOOK_ADDRESS_FORBIDDEN",
      );
      // With plain http allowed (development), the address is still refused.
      expect(
        await codeOf(setWebhookEndpoint(t.db, other, { url: `http://${host}/hook` }, TD, { policy: HTTP_ONLY })),
        host,
      ).toBe("WEBHOOK_ADDRESS_FORBIDDEN");
      // And without that setting, plain http is refused as such.
      expect(await codeOf(setWebhookEndpoint(t.db, other, { url: `http://${host}/hook` }, TD)), host).toBe(
        "WEBHOOK_URL_INVALID",
      );
    }
    expect(
      await codeOf(
        setWebhookEndpoint(t.db, other, { url: "https://user:secret@hooks.customer.example/hook" }, TD, {
          resolve: resolverOf({ "hooks.customer.example": ["93.184.216.34"] }).resolve,
        }),
      ),
    ).toBe("WEBHOOK_URL_INVALID");

    const dns = resolverOf({
      "hooks.customer.example": ["93.184.216.34"],
      "split.customer.example": ["93.184.216.34", "10.1.2.3"],
      "meta.customer.example": ["::ffff:169.254.169.254"],
    });
    expect(
      await codeOf(
        setWebhookEndpoint(t.db, other, { url: "https://split.customer.example/hook" }, TD, { resolve: dns.resolve }),
      ),
    ).toBe("WEBHOOK_ADDRESS_FORBIDDEN");
    expect(
      await codeOf(
        setWebhookEndpoint(t.db, other, { url: "https://meta.customer.example/hook" }, TD, { resolve: dns.resolve }),
      ),
    ).toBe("WEBHOOK_ADDRESS_FORBIDDEN");
    expect(
      await codeOf(
        setWebhookEndpoint(t.db, other, { url: "https://missing.customer.example/hook" }, TD, { resolve: dns.resolve }),
      ),
    ).toBe("WEBHOOK_HOST_UNRESOLVED");
    expect(await t.db.webhookEndpoint.count({ where: { enterpriseId: other.enterpriseId } })).toBe(0);

    // A public https URL is accepted; changing it to a forbidden one later keeps the old one.
    await setWebhookEndpoint(t.db, other, { url: "https://hooks.customer.example/hook" }, TD, {
      resolve: dns.resolve,
      policy: STRICT,
    });
    expect(
      await codeOf(setWebhookEndpoint(t.db, other, { url: "https://169.254.169.254/latest/meta-data/" }, TD)),
    ).toBe("WEBHOOK_ADDRESS_FORBIDDEN");
    expect((await t.db.webhookEndpoint.findUniqueOrThrow({ where: { enterpriseId: other.enterpriseId } })).url).toBe(
      "https://hooks.customer.example/hook",
    );
    expect(received).toHaveLength(0);
  });

  test("the ping answers only reachable and a status code, and is refused by address at ping time", async () => {
    await setWebhookEndpoint(t.db, admin, { url }, TD, LOCAL);
    expect(await pingWebhookEndpoint(t.db, admin, TD, LOCAL)).toEqual({ reachable: true, status: 200 });
    await setWebhookEndpoint(t.db, admin, { url: `http://127.0.0.1:${port}/error` }, TD, LOCAL);
    expect(await pingWebhookEndpoint(t.db, admin, TD, LOCAL)).toEqual({ reachable: true, status: 500 });
    expect(received.map((r) => r.url)).toEqual(["/receipts", "/error"]);

    // A URL saved while private addresses were allowed is refused when they no longer are: nothing is sent.
    received.length = 0;
    expect(await pingWebhookEndpoint(t.db, admin, TD)).toEqual({ reachable: false });
    expect(await pingWebhookEndpoint(t.db, admin, TD, { policy: HTTP_ONLY })).toEqual({ reachable: false });
    expect(received).toHaveLength(0);

    // A closed port: not reachable, with no error text.
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, "127.0.0.1", resolve));
    const closedPort = (closed.address() as AddressInfo).port;
    await new Promise((resolve) => closed.close(resolve));
    await setWebhookEndpoint(t.db, admin, { url: `http://127.0.0.1:${closedPort}/` }, TD, LOCAL);
    expect(await pingWebhookEndpoint(t.db, admin, TD, LOCAL)).toEqual({ reachable: false });

    const audits = await t.db.auditLog.findMany({
      where: { action: "api.webhook.pinged", enterpriseId: admin.enterpriseId },
      orderBy: { id: "asc" },
    });
    expect(audits.map((a) => a.detail)).toEqual([
      { url, reachable: true, status: 200 },
      { url: `http://127.0.0.1:${port}/error`, reachable: true, status: 500 },
      { url: `http://127.0.0.1:${port}/error`, reachable: false },
      { url: `http://127.0.0.1:${port}/error`, reachable: false },
      { url: `http://127.0.0.1:${closedPort}/`, reachable: false },
    ]);
  });

  test("a name whose DNS answer changed to loopback since it was saved is refused at delivery, and nothing is sent", async () => {
    const atSave = resolverOf({ "hooks.customer.example": ["93.184.216.34"] });
    await setWebhookEndpoint(t.db, admin, { url: `http://hooks.customer.example:${port}/receipts` }, TD, {
      policy: HTTP_ONLY,
      resolve: atSave.resolve,
    });
    const delivery = await queue(101n);
    const rebound = resolverOf({ "hooks.customer.example": ["127.0.0.1"] });
    expect(await deliverDueWebhooks(t.db, TD, { policy: HTTP_ONLY, resolve: rebound.resolve })).toEqual({
      claimed: 1,
      delivered: 0,
      retrying: 1,
      failed: 0,
    });
    expect(rebound.asked).toEqual(["hooks.customer.example"]);
    expect(await rowOf(delivery.id)).toMatchObject({
      status: "PENDING",
      attempts: 1,
      lastStatusCode: null,
      lastError: "address refused (loopback, private or reserved)",
    });
    // One public and one private answer is refused just the same.
    const split = resolverOf({ "hooks.customer.example": ["93.184.216.34", "127.0.0.1"] });
    await deliverDueWebhooks(t.db, new Date(TD.getTime() + FIRST_RETRY_MS), {
      policy: HTTP_ONLY,
      resolve: split.resolve,
    });
    expect(await rowOf(delivery.id)).toMatchObject({
      attempts: 2,
      lastError: "address refused (loopback, private or reserved)",
    });
    // And a stored loopback URL is refused under the default (strict) settings.
    await t.db.webhookEndpoint.update({ where: { enterpriseId: admin.enterpriseId }, data: { url } });
    await deliverDueWebhooks(t.db, new Date(TD.getTime() + 3 * FIRST_RETRY_MS));
    expect(await rowOf(delivery.id)).toMatchObject({ attempts: 3, lastError: "URL refused (https only)" });
    expect(received).toHaveLength(0);
  });

  test("connects to the checked address under the URL's host name; redirects are not followed; the body is not read; the wait is bounded", async () => {
    // receiver.test is not in any DNS: the request can only arrive through the checked address.
    const dns = resolverOf({ "receiver.test": ["127.0.0.1"] });
    const options = { ...LOCAL, resolve: dns.resolve };
    await setWebhookEndpoint(t.db, admin, { url: `http://receiver.test:${port}/receipts` }, TD, options);
    const first = await queue(201n);
    expect(await deliverDueWebhooks(t.db, TD, options)).toMatchObject({ delivered: 1 });
    expect(dns.asked).toEqual(["receiver.test", "receiver.test"]);
    expect(received.map((r) => [r.url, r.headers.host])).toEqual([["/receipts", `receiver.test:${port}`]]);
    expect(await rowOf(first.id)).toMatchObject({ status: "DELIVERED", lastStatusCode: 200 });

    received.length = 0;
    await setWebhookEndpoint(t.db, admin, { url: `http://receiver.test:${port}/redirect` }, TD, options);
    const redirected = await queue(202n);
    expect(await deliverDueWebhooks(t.db, TD, options)).toMatchObject({ delivered: 0, retrying: 1 });
    expect(await rowOf(redirected.id)).toMatchObject({ status: "PENDING", lastStatusCode: 302, lastError: "HTTP 302" });
    expect(received.map((r) => r.url)).toEqual(["/redirect"]);
    expect(await pingWebhookEndpoint(t.db, admin, TD, options)).toEqual({ reachable: true, status: 302 });
    await t.db.webhookDelivery.deleteMany();

    await setWebhookEndpoint(t.db, admin, { url: `http://receiver.test:${port}/endless` }, TD, options);
    const endless = await queue(203n);
    const started = Date.now();
    expect(await deliverDueWebhooks(t.db, TD, options)).toMatchObject({ delivered: 1 });
    expect(Date.now() - started).toBeLessThan(5_000);
    expect(await rowOf(endless.id)).toMatchObject({ status: "DELIVERED", lastStatusCode: 200 });

    await setWebhookEndpoint(t.db, admin, { url: `http://receiver.test:${port}/slow` }, TD, options);
    const slow = await queue(204n);
    expect(await deliverDueWebhooks(t.db, TD, { ...options, timeoutMs: 300 })).toMatchObject({ retrying: 1 });
    expect(await rowOf(slow.id)).toMatchObject({
      status: "PENDING",
      lastStatusCode: null,
      lastError: "timeout after 300 ms",
    });
  });

  test("https: the TLS server name is the URL's host, not the pinned address, and the certificate is verified", async () => {
    // A self-signed certificate for receiver.test (openssl, as on any Debian machine).
    const dir = mkdtempSync(path.join(tmpdir(), "qxt-webhook-tls-"));
    execFileSync(
      "openssl",
      [
        "req",
        "-x509",
        "-newkey",
        "ec",
        "-pkeyopt",
        "ec_paramgen_curve:prime256v1",
        "-nodes",
        "-days",
        "1",
        "-subj",
        "/CN=receiver.test",
        "-addext",
        "subjectAltName=DNS:receiver.test",
        "-keyout",
        path.join(dir, "key.pem"),
        "-out",
        path.join(dir, "cert.pem"),
      ],
      { stdio: "ignore" },
    );
    const names: string[] = [];
    const tlsServer = createHttpsServer(
      { key: readFileSync(path.join(dir, "key.pem")), cert: readFileSync(path.join(dir, "cert.pem")) },
      (_req, res) => res.end(),
    );
    // The client refuses the self-signed certificate; the server still saw the name it asked for.
    tlsServer.on("tlsClientError", (_error, socket) =>
      names.push(String((socket as unknown as { servername?: string }).servername)),
    );
    await new Promise<void>((resolve) => tlsServer.listen(0, "127.0.0.1", resolve));
    try {
      const dns = resolverOf({ "receiver.test": ["127.0.0.1"] });
      const options = { ...LOCAL, resolve: dns.resolve };
      const tlsPort = (tlsServer.address() as AddressInfo).port;
      await setWebhookEndpoint(t.db, admin, { url: `https://receiver.test:${tlsPort}/receipts` }, TD, options);
      const delivery = await queue(301n);
      expect(await deliverDueWebhooks(t.db, TD, options)).toMatchObject({ retrying: 1 });
      expect(await rowOf(delivery.id)).toMatchObject({
        lastStatusCode: null,
        lastError: "connection failed (DEPTH_ZERO_SELF_SIGNED_CERT)",
      });
      expect(names).toEqual(["receiver.test"]);
    } finally {
      tlsServer.closeAllConnections();
      await new Promise((resolve) => tlsServer.close(resolve));
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
