// The webhook deliverer through @inngest/test against a real database and a loopback receiver:
// what is due at the run's instant is POSTed and marked, what is not yet due waits.
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { InngestTestEngine, mockCtx } from "@inngest/test";
import { afterAll, beforeAll, expect, test, vi } from "vitest";
import { seedDemo } from "@/prisma/demo-data";
import { setWebhookEndpoint } from "../../webhooks/endpoints";
import { createTestDatabase, type TestDatabase } from "../../testing/database";
import { SCHEDULED_EVENT_NAME } from "../scheduled";
import { webhooksDeliver } from "./webhooks-deliver";

// The function reads the operator settings from the environment; the receiver is on loopback over
// plain http, as in development and e2e. Set before any import reads (and caches) the environment.
vi.hoisted(() => {
  process.env.WEBHOOK_ALLOW_HTTP = "1";
  process.env.WEBHOOK_ALLOW_PRIVATE = "1";
});

let t: TestDatabase;
let server: Server;
const bodies: string[] = [];
const at = new Date("2026-11-25T02:00:00Z");

beforeAll(async () => {
  t = await createTestDatabase();
  await seedDemo(t.db);
  server = createServer((req, res) => {
    let body = "";
    req.on("data", (chunk: Buffer) => (body += chunk.toString("utf8")));
    req.on("end", () => {
      bodies.push(body);
      res.end("ok");
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
});
afterAll(async () => {
  delete process.env.WEBHOOK_ALLOW_HTTP;
  delete process.env.WEBHOOK_ALLOW_PRIVATE;
  await new Promise((resolve) => server.close(resolve));
  await t.drop();
});

test("posts the deliveries due at its instant, leaves the later ones pending", async () => {
  const admin = await t.db.user.findFirstOrThrow({ where: { email: "admin@demo.example.com" } });
  const enterpriseId = admin.enterpriseId ?? "";
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/hook`;
  await setWebhookEndpoint(
    t.db,
    { userId: admin.id, role: admin.role, enterpriseId, ip: null, userAgent: "vitest" },
    { url },
    at,
  );
  const row = (messageId: bigint, nextAttemptAt: Date) => ({
    enterpriseId,
    messageId,
    dedupeKey: `${messageId}:DELIVERED`,
    payload: { messageId: String(messageId), status: "DELIVERED" },
    nextAttemptAt,
  });
  await t.db.webhookDelivery.createMany({
    data: [row(1n, at), row(2n, new Date(at.getTime() - 60_000)), row(3n, new Date(at.getTime() + 60_000))],
  });

  const engine = new InngestTestEngine({
    function: webhooksDeliver,
    events: [
      { name: SCHEDULED_EVENT_NAME, data: { cron: "TZ=Asia/Shanghai * * * * *", scheduledFor: at.toISOString() } },
    ],
    transformCtx: (ctx) => ({ ...mockCtx(ctx), db: t.db }),
  });
  const { result } = await engine.execute();
  expect(result).toEqual({ claimed: 2, delivered: 2, retrying: 0, failed: 0 });
  expect(bodies.map((b) => (JSON.parse(b) as { messageId: string }).messageId).sort()).toEqual(["1", "2"]);
  const rows = await t.db.webhookDelivery.findMany({ orderBy: { messageId: "asc" } });
  expect(rows.map((r) => [r.messageId, r.status, r.attempts])).toEqual([
    [1n, "DELIVERED", 1],
    [2n, "DELIVERED", 1],
    [3n, "PENDING", 0],
  ]);
});
