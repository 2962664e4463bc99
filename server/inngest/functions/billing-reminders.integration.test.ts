// The collections function delivers the reminders it writes (e-mail into a real SMTP catcher on
// port 0, SMS as bureau system jobs), and billing-reminders-deliver picks up a retry whose time has
// come; both through @inngest/test against a real database.
import { InngestTestEngine, mockCtx } from "@inngest/test";
import { afterAll, beforeAll, expect, test } from "vitest";
import { seedDemo } from "@/prisma/demo-data";
import { closePeriod } from "../../billing/close";
import { type MailCatcher, startMailCatcher } from "../../mail/catcher";
import { createTestDatabase, type TestDatabase } from "../../testing/database";
import { SCHEDULED_EVENT_NAME } from "../scheduled";
import { billingCollections } from "./billing-collections";
import { billingRemindersDeliver } from "./billing-reminders-deliver";

let t: TestDatabase;
let catcher: MailCatcher;
const savedSmtpUrl = process.env.SMTP_URL;

beforeAll(async () => {
  t = await createTestDatabase();
  await seedDemo(t.db);
  catcher = await startMailCatcher(t.db, { port: 0 });
  process.env.SMTP_URL = `smtp://127.0.0.1:${catcher.port}`;
  await closePeriod(t.db, { period: "2026-11", now: new Date("2026-11-30T16:10:00Z") });
});
afterAll(async () => {
  if (savedSmtpUrl === undefined) delete process.env.SMTP_URL;
  else process.env.SMTP_URL = savedSmtpUrl;
  await catcher?.close();
  await t.drop();
});

function engine(fn: ConstructorParameters<typeof InngestTestEngine>[0]["function"], at: Date, cron: string) {
  return new InngestTestEngine({
    function: fn,
    events: [{ name: SCHEDULED_EVENT_NAME, data: { cron, scheduledFor: at.toISOString() } }],
    transformCtx: (ctx) => ({ ...mockCtx(ctx), db: t.db }),
  });
}

test("billing-collections writes the day's reminders and delivers them; a second run sends nothing", async () => {
  const first = await engine(
    billingCollections,
    new Date("2026-12-14T16:20:00Z"),
    "TZ=Asia/Shanghai 20 0 * * *",
  ).execute();
  // 15 December in China, day Y: a DUE reminder by e-mail and SMS for each of the two demo contracts.
  expect(first.result).toEqual({
    day: "2026-12-15",
    reminders: 4,
    suspended: [],
    delivery: { sent: 4, retry: 0, failed: 0 },
  });
  expect(first.ctx.step.run).toHaveBeenCalledWith("run-collections", expect.any(Function));
  expect(first.ctx.step.run).toHaveBeenCalledWith("deliver-reminders", expect.any(Function));
  expect(await t.db.caughtMail.count()).toBe(2);
  expect(await t.db.sendJob.count({ where: { system: true } })).toBe(2);
  expect(await t.db.reminderLog.count({ where: { status: "SENT" } })).toBe(4);

  const again = await engine(
    billingCollections,
    new Date("2026-12-14T16:20:00Z"),
    "TZ=Asia/Shanghai 20 0 * * *",
  ).execute();
  expect(again.result).toEqual({
    day: "2026-12-15",
    reminders: 0,
    suspended: [],
    delivery: { sent: 0, retry: 0, failed: 0 },
  });
  expect(await t.db.caughtMail.count()).toBe(2);
});

test("billing-reminders-deliver sends a retry once it is due, and leaves one that is not", async () => {
  const [due, later] = await t.db.reminderLog.findMany({ where: { channel: "EMAIL" }, orderBy: { recipient: "asc" } });
  const now = Date.now();
  await t.db.reminderLog.update({
    where: { id: due!.id },
    data: { status: "RETRY", attempts: 1, nextAttemptAt: new Date(now - 60_000), messageId: null },
  });
  await t.db.reminderLog.update({
    where: { id: later!.id },
    data: { status: "RETRY", attempts: 1, nextAttemptAt: new Date(now + 3_600_000), messageId: null },
  });
  const run = await engine(billingRemindersDeliver, new Date(now), "TZ=Asia/Shanghai */5 * * * *").execute();
  expect(run.result).toEqual({ sent: 1, retry: 0, failed: 0 });
  expect(await t.db.reminderLog.findUniqueOrThrow({ where: { id: due!.id } })).toMatchObject({
    status: "SENT",
    attempts: 2,
    nextAttemptAt: null,
  });
  expect(await t.db.reminderLog.findUniqueOrThrow({ where: { id: later!.id } })).toMatchObject({
    status: "RETRY",
    attempts: 1,
  });
  expect(await t.db.caughtMail.count({ where: { envelopeTo: { has: due!.recipient } } })).toBe(2);
});
