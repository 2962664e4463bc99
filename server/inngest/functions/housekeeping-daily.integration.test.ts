// The housekeeping function through @inngest/test (the Inngest SDK's own execution engine, steps
// and all) against a real database: what it deletes and clears for its instant, and that running it
// again for the same instant changes nothing more.
import { InngestTestEngine, mockCtx } from "@inngest/test";
import { afterAll, beforeAll, expect, test } from "vitest";
import { seedDemo } from "@/prisma/demo-data";
import { createTestDatabase, type TestDatabase } from "../../testing/database";
import { SCHEDULED_EVENT_NAME } from "../scheduled";
import { housekeepingDaily } from "./housekeeping-daily";

let t: TestDatabase;
beforeAll(async () => {
  t = await createTestDatabase();
  await seedDemo(t.db);
});
afterAll(async () => t.drop());

const DAY = 24 * 60 * 60 * 1000;
// 03:30 China time on 1 December 2026, the cron tick.
const at = new Date("2026-11-30T19:30:00Z");

function engine() {
  return new InngestTestEngine({
    function: housekeepingDaily,
    events: [
      { name: SCHEDULED_EVENT_NAME, data: { cron: "TZ=Asia/Shanghai 30 3 * * *", scheduledFor: at.toISOString() } },
    ],
    transformCtx: (ctx) => ({ ...mockCtx(ctx), db: t.db }),
  });
}

test("prunes sessions ended more than 30 days before its instant and clears lockouts that ran out; a second run changes nothing", async () => {
  const user = await t.db.user.findFirstOrThrow({ where: { email: "operator@demo.example.com" } });
  const locked = await t.db.user.findFirstOrThrow({ where: { email: "admin@other.example.com" } });
  const stillLocked = await t.db.user.findFirstOrThrow({ where: { email: "sales@bureau.example.com" } });
  const session = (id: string, expiresAt: Date, revokedAt: Date | null = null) => ({
    id,
    userId: user.id,
    createdAt: new Date(expiresAt.getTime() - DAY),
    expiresAt,
    revokedAt,
  });
  await t.db.userSession.createMany({
    data: [
      session("old-expired", new Date(at.getTime() - 31 * DAY)),
      session("old-revoked", new Date(at.getTime() + 5 * DAY), new Date(at.getTime() - 40 * DAY)),
      session("recently-expired", new Date(at.getTime() - 29 * DAY)),
      session("live", new Date(at.getTime() + DAY)),
    ],
  });
  await t.db.user.update({
    where: { id: locked.id },
    data: { failedLoginCount: 5, lockedUntil: new Date(at.getTime() - 60_000) },
  });
  await t.db.user.update({
    where: { id: stillLocked.id },
    data: { failedLoginCount: 5, lockedUntil: new Date(at.getTime() + 60_000) },
  });

  const { result, ctx } = await engine().execute();
  expect(result).toMatchObject({ scheduledFor: at.toISOString(), sessionsDeleted: 2, lockoutsCleared: 1 });
  expect(ctx.step.run).toHaveBeenCalledWith("prune-expired-sessions", expect.any(Function));
  expect(
    (await t.db.userSession.findMany({ where: { userId: user.id }, orderBy: { id: "asc" } })).map((s) => s.id),
  ).toEqual(["live", "recently-expired"]);
  expect(await t.db.user.findUniqueOrThrow({ where: { id: locked.id } })).toMatchObject({
    failedLoginCount: 0,
    lockedUntil: null,
  });
  expect(await t.db.user.findUniqueOrThrow({ where: { id: stillLocked.id } })).toMatchObject({
    failedLoginCount: 5,
    lockedUntil: new Date(at.getTime() + 60_000),
  });

  const again = await engine().execute();
  expect(again.result).toMatchObject({ sessionsDeleted: 0, lockoutsCleared: 0, runsDeleted: 0 });
});

test("prunes idempotent responses older than 24 hours, caught mail older than 14 days and finished webhook deliveries older than 30 days; pending deliveries stay", async () => {
  const enterprise = await t.db.enterprise.findFirstOrThrow({ where: { name: "示例科技有限公司" } });
  const record = (key: string, ageMs: number) => ({
    enterpriseId: enterprise.id,
    key,
    requestHash: "h",
    status: 200,
    body: {},
    createdAt: new Date(at.getTime() - ageMs),
  });
  await t.db.idempotencyRecord.createMany({
    data: [record("old", DAY + 1000), record("fresh", DAY - 60_000)],
  });
  const mail = (subject: string, ageDays: number) => ({
    envelopeFrom: "noreply@bureau.example.com",
    envelopeTo: ["a@example.com"],
    fromHeader: "noreply@bureau.example.com",
    toHeader: "a@example.com",
    subject,
    text: "…",
    size: 10,
    receivedAt: new Date(at.getTime() - ageDays * DAY),
  });
  const oldMail = await t.db.caughtMail.create({
    data: {
      ...mail("old", 15),
      attachments: {
        create: { filename: "a.pdf", contentType: "application/pdf", size: 1, content: Buffer.from("x") },
      },
    },
  });
  await t.db.caughtMail.create({ data: mail("recent", 13) });
  const delivery = (dedupeKey: string, status: "PENDING" | "DELIVERED" | "FAILED", ageDays: number) => ({
    enterpriseId: enterprise.id,
    messageId: 1n,
    dedupeKey,
    payload: {},
    status,
    createdAt: new Date(at.getTime() - ageDays * DAY),
  });
  await t.db.webhookDelivery.createMany({
    data: [
      delivery("delivered-old", "DELIVERED", 31),
      delivery("failed-old", "FAILED", 31),
      delivery("pending-old", "PENDING", 31),
      delivery("delivered-recent", "DELIVERED", 29),
    ],
  });

  const { result } = await engine().execute();
  expect(result).toMatchObject({ idempotencyRecordsDeleted: 1, caughtMailDeleted: 1, webhookDeliveriesDeleted: 2 });
  expect((await t.db.idempotencyRecord.findMany({ where: { enterpriseId: enterprise.id } })).map((r) => r.key)).toEqual(
    ["fresh"],
  );
  expect((await t.db.caughtMail.findMany()).map((m) => m.subject)).toEqual(["recent"]);
  expect(await t.db.caughtMailAttachment.count({ where: { mailId: oldMail.id } })).toBe(0);
  expect((await t.db.webhookDelivery.findMany({ orderBy: { dedupeKey: "asc" } })).map((d) => d.dedupeKey)).toEqual([
    "delivered-recent",
    "pending-old",
  ]);

  const again = await engine().execute();
  expect(again.result).toMatchObject({
    idempotencyRecordsDeleted: 0,
    caughtMailDeleted: 0,
    webhookDeliveriesDeleted: 0,
  });
});

test("drops rate-limit windows older than a day and reset links that ran out more than 30 days ago", async () => {
  const user = await t.db.user.findFirstOrThrow({ where: { email: "operator@demo.example.com" } });
  await t.db.rateLimitWindow.createMany({
    data: [
      { key: "password-reset:ip:old", windowStart: new Date(at.getTime() - DAY - 1), count: 3 },
      { key: "password-reset:ip:recent", windowStart: new Date(at.getTime() - DAY + 1), count: 1 },
    ],
  });
  const link = (tokenHash: string, expiresAt: Date) => ({
    userId: user.id,
    tokenHash,
    createdAt: new Date(expiresAt.getTime() - 30 * 60_000),
    expiresAt,
  });
  await t.db.passwordResetToken.createMany({
    data: [link("old", new Date(at.getTime() - 31 * DAY)), link("recent", new Date(at.getTime() - 29 * DAY))],
  });

  const { result } = await engine().execute();
  expect(result).toMatchObject({ rateWindowsDeleted: 1, resetTokensDeleted: 1 });
  expect((await t.db.rateLimitWindow.findMany()).map((w) => w.key)).toEqual(["password-reset:ip:recent"]);
  expect((await t.db.passwordResetToken.findMany()).map((l) => l.tokenHash)).toEqual(["recent"]);
});
