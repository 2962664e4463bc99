// Payment reminders over real SMTP into the local catcher (port 0) and through the real sending
// pipeline (carrier simulator): the e-mail arrives with the statement PDF, the SMS is the bureau's
// own system job (metered to nobody, sent although the customer is suspended), a closed SMTP port
// gives retries at +5/+10/+20/+40 minutes and then FAILED, and concurrent runs send each reminder once.
import { createServer } from "node:net";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { seedDemo } from "@/prisma/demo-data";
import { closePeriod } from "../billing/close";
import { runCollections } from "../billing/collections";
import { deliverPendingReminders } from "../billing/reminders";
import { startInProcessPipeline, waitFor } from "../testing/sending";
import { callerFor, trpcCode } from "../testing/callers";
import { createTestDatabase, type TestDatabase } from "../testing/database";
import { BUREAU_SENDER_ID } from "./bureau-sms";
import { caughtAttachment } from "./caught";
import { type MailCatcher, startMailCatcher } from "./catcher";
import { createMailer, type Mailer } from "./transport";

let t: TestDatabase;
let catcher: MailCatcher;
let mailer: Mailer;
const cn = (local: string) => new Date(`${local}+08:00`);
const minutes = (at: Date, n: number) => new Date(at.getTime() + n * 60_000);

/** A port nothing listens on. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as { port: number };
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

async function resetReminders(channel: "EMAIL" | "SMS") {
  await t.db.reminderLog.updateMany({
    where: { channel },
    data: {
      status: "PENDING",
      attempts: 0,
      nextAttemptAt: null,
      sentAt: null,
      error: null,
      messageId: null,
      jobId: null,
    },
  });
}

beforeAll(async () => {
  t = await createTestDatabase();
  await seedDemo(t.db);
  catcher = await startMailCatcher(t.db, { port: 0 });
  mailer = createMailer({ smtpUrl: `smtp://127.0.0.1:${catcher.port}`, from: "企信通 <billing@bureau.example.com>" });
  // November's statements for the two demo contracts (BASIC 100.00 元, STANDARD 300.00 元, no usage),
  // then day Y (15 December): a DUE reminder by e-mail and by SMS for each.
  await closePeriod(t.db, { period: "2026-11", now: cn("2026-12-01T00:10:00") });
  expect(await runCollections(t.db, cn("2026-12-15T00:20:00"))).toMatchObject({ reminders: 4 });
  // The demo customer's admin reads English; the other customer's admin keeps Chinese.
  await t.db.user.update({ where: { email: "admin@demo.example.com" }, data: { locale: "en" } });
});
afterAll(async () => {
  mailer?.close();
  await catcher?.close();
  await t.drop();
});

describe("reminder e-mail and SMS", () => {
  test("e-mail arrives in the catcher with the statement PDF; SMS goes out as a system job, metered to nobody, to a suspended customer", async () => {
    const demo = await t.db.contract.findFirstOrThrow({
      where: { enterprise: { contactEmail: "admin@demo.example.com" } },
      include: { enterprise: true },
    });
    await t.db.contract.update({ where: { id: demo.id }, data: { status: "SUSPENDED" } });
    const report = await deliverPendingReminders(t.db, { mailer }, cn("2026-12-15T00:21:00"));
    expect(report).toEqual({ sent: 4, retry: 0, failed: 0 });

    const mails = await t.db.caughtMail.findMany({ include: { attachments: true }, orderBy: { toHeader: "asc" } });
    expect(mails.map((m) => m.envelopeTo)).toEqual([["admin@demo.example.com"], ["admin@other.example.com"]]);
    const [en, zh] = mails;
    const statements = await t.db.statement.findMany({
      where: { period: "2026-11" },
      include: { contract: { include: { enterprise: true } } },
    });
    const numberOf = (email: string) => statements.find((s) => s.contract.enterprise.contactEmail === email)!.number;
    expect(en!.subject).toBe(`[QiXinTong] Statement ${numberOf("admin@demo.example.com")} is due today`);
    expect(en!.text).toContain("100.00 yuan, is due today (2026-12-15)");
    expect(zh!.subject).toContain(numberOf("admin@other.example.com"));
    expect(zh!.text).toContain("300.00 元");
    expect(en!.fromHeader).toContain("billing@bureau.example.com");
    for (const mail of mails) {
      expect(mail.attachments).toHaveLength(1);
      const pdf = mail.attachments[0]!;
      expect(pdf.contentType).toBe("application/pdf");
      expect(Buffer.from(pdf.content).subarray(0, 5).toString("latin1")).toBe("%PDF-");
      expect(pdf.size).toBe(pdf.content.length);
    }
    expect(zh!.attachments[0]!.filename).toBe(`账单-${numberOf("admin@other.example.com")}.pdf`);
    // The log keeps the Message-ID the server accepted.
    const emailLog = await t.db.reminderLog.findMany({ where: { channel: "EMAIL" } });
    expect(emailLog.map((r) => r.messageId).sort()).toEqual(mails.map((m) => m.messageId).sort());

    const smsLog = await t.db.reminderLog.findMany({ where: { channel: "SMS" }, orderBy: { recipient: "asc" } });
    expect(smsLog.map((r) => [r.recipient, r.status, r.attempts])).toEqual([
      ["13800138000", "SENT", 1],
      ["13900139000", "SENT", 1],
    ]);
    const jobs = await t.db.sendJob.findMany({
      where: { id: { in: smsLog.map((r) => r.jobId!) } },
      include: { messages: true },
    });
    expect(jobs).toHaveLength(2);
    for (const job of jobs) {
      expect(job).toMatchObject({
        system: true,
        enterpriseId: BUREAU_SENDER_ID,
        reservedSegments: 0,
        status: "QUEUED",
        acceptedCount: 1,
      });
      expect(job.messages).toHaveLength(1);
    }
    const english = jobs.find((j) => j.messages[0]!.mobile === "13800138000")!;
    expect(english.fullText).toMatch(
      /^【企信通】Dear .*: statement QXT-202611-\d{6} for 2026-11, 100\.00 yuan, is due today \(2026-12-15\)\.$/,
    );
    // Neither customer sees the bureau's jobs as their own.
    expect(
      await t.db.sendJob.count({ where: { enterpriseId: { in: statements.map((s) => s.contract.enterpriseId) } } }),
    ).toBe(0);

    // Through the pipeline to the carrier simulator: both sent, the suspended customer's too; no usage metered.
    const pipeline = await startInProcessPipeline(t.db, { outcomeMix: { DELIVRD: 100 } });
    try {
      await waitFor(
        async () =>
          (await t.db.message.count({ where: { jobId: { in: jobs.map((j) => j.id) }, status: "DELIVERED" } })) === 2,
        30_000,
        async () =>
          JSON.stringify(
            await t.db.message.findMany({
              where: { jobId: { in: jobs.map((j) => j.id) } },
              select: { status: true, errorCode: true },
            }),
          ),
      );
    } finally {
      await pipeline.close();
    }
    const segments = await t.db.messageSegment.findMany({
      where: { message: { jobId: { in: jobs.map((j) => j.id) } } },
    });
    expect(segments.length).toBeGreaterThanOrEqual(2);
    expect(segments.every((s) => s.smscId !== null)).toBe(true);
    expect(await t.db.dailyUsage.count()).toBe(0);
  }, 60_000);

  test("a closed SMTP port: RETRY after 5, 10, 20 and 40 minutes, FAILED after the 5th attempt", async () => {
    await resetReminders("EMAIL");
    const broken = createMailer({
      smtpUrl: `smtp://127.0.0.1:${await closedPort()}`,
      from: "企信通 <billing@bureau.example.com>",
    });
    const t0 = cn("2026-12-15T09:00:00");
    const rows = () =>
      t.db.reminderLog.findMany({
        where: { channel: "EMAIL" },
        select: { status: true, attempts: true, nextAttemptAt: true, error: true },
      });
    try {
      let at = t0;
      for (const [attempt, wait] of [
        [1, 5],
        [2, 10],
        [3, 20],
        [4, 40],
      ] as const) {
        expect(await deliverPendingReminders(t.db, { mailer: broken }, at)).toEqual({ sent: 0, retry: 2, failed: 0 });
        for (const row of await rows()) {
          expect(row).toMatchObject({ status: "RETRY", attempts: attempt, nextAttemptAt: minutes(at, wait) });
          expect(row.error).toMatch(/ECONNREFUSED/);
        }
        // Not before its time.
        expect(await deliverPendingReminders(t.db, { mailer: broken }, minutes(at, wait - 1))).toEqual({
          sent: 0,
          retry: 0,
          failed: 0,
        });
        at = minutes(at, wait);
      }
      // t0 + 5 + 10 + 20 + 40 = 75 minutes: the 5th attempt fails for good.
      expect(at).toEqual(minutes(t0, 75));
      expect(await deliverPendingReminders(t.db, { mailer: broken }, at)).toEqual({ sent: 0, retry: 0, failed: 2 });
      for (const row of await rows()) expect(row).toMatchObject({ status: "FAILED", attempts: 5, nextAttemptAt: null });
      expect(await deliverPendingReminders(t.db, { mailer: broken }, minutes(at, 600))).toEqual({
        sent: 0,
        retry: 0,
        failed: 0,
      });
    } finally {
      broken.close();
    }
  });

  test("concurrent delivery runs send each reminder once", async () => {
    await resetReminders("EMAIL");
    await resetReminders("SMS");
    await t.db.caughtMail.deleteMany();
    const jobsBefore = await t.db.sendJob.count({ where: { system: true } });
    const at = cn("2026-12-15T10:00:00");
    const runs = await Promise.all([1, 2, 3].map(() => deliverPendingReminders(t.db, { mailer }, at)));
    expect(runs.reduce((sum, r) => sum + r.sent, 0)).toBe(4);
    expect(runs.every((r) => r.retry === 0 && r.failed === 0)).toBe(true);
    expect(await t.db.caughtMail.count()).toBe(2);
    expect(await t.db.sendJob.count({ where: { system: true } })).toBe(jobsBefore + 2);
    expect(await t.db.reminderLog.count({ where: { status: "SENT", attempts: 1 } })).toBe(4);
    // And again later: nothing left to send.
    expect(await deliverPendingReminders(t.db, { mailer }, minutes(at, 30))).toEqual({ sent: 0, retry: 0, failed: 0 });
    expect(await t.db.caughtMail.count()).toBe(2);
  });
});

describe("the /bureau/mail router", () => {
  const callerAs = (email: string) => callerFor(t.db, email, { now: cn("2026-12-15T12:00:00") });

  test("FINANCE and bureau admins read the reminder log (filtered, paged) and the caught mail; others are refused", async () => {
    const finance = await callerAs("finance@bureau.example.com");
    const all = await finance.mail.reminders({ page: 1, pageSize: 20 });
    expect(all.total).toBe(4);
    const sms = await finance.mail.reminders({ page: 1, pageSize: 20, channel: "SMS", status: "SENT", kind: "DUE" });
    expect(sms.total).toBe(2);
    expect(sms.rows.every((r) => r.channel === "SMS" && r.jobId && r.statementNumber.startsWith("QXT-202611-"))).toBe(
      true,
    );
    expect((await finance.mail.reminders({ page: 1, pageSize: 20, status: "FAILED" })).total).toBe(0);
    const page2 = await finance.mail.reminders({ page: 2, pageSize: 3 });
    expect([page2.total, page2.rows.length]).toEqual([4, 1]);

    const admin = await callerAs("admin@bureau.example.com");
    const caught = await admin.mail.caught({ page: 1, pageSize: 20, search: "other.example" });
    expect(caught.total).toBe(1);
    expect(caught.rows[0]).toMatchObject({ toHeader: "admin@other.example.com", attachments: 1 });
    const mail = await admin.mail.caughtMail({ id: caught.rows[0]!.id });
    expect(mail.envelopeTo).toEqual(["admin@other.example.com"]);
    expect(mail.text).toContain("300.00 元");
    expect(mail.attachments).toEqual([
      expect.objectContaining({
        contentType: "application/pdf",
        filename: expect.stringMatching(/^账单-QXT-202611-\d{6}\.pdf$/),
      }),
    ]);
    const file = await caughtAttachment(t.db, mail.attachments[0]!.id);
    expect(file.content.subarray(0, 5).toString("latin1")).toBe("%PDF-");
    expect(file.content.length).toBe(mail.attachments[0]!.size);

    expect(await trpcCode((await callerAs("sales@bureau.example.com")).mail.reminders({ page: 1, pageSize: 20 }))).toBe(
      "FORBIDDEN",
    );
    expect(
      await trpcCode((await callerAs("compliance@bureau.example.com")).mail.caught({ page: 1, pageSize: 20 })),
    ).toBe("FORBIDDEN");
    expect(await trpcCode((await callerAs("admin@demo.example.com")).mail.caughtMail({ id: mail.id }))).toBe(
      "FORBIDDEN",
    );
    expect(await trpcCode(finance.mail.caughtMail({ id: "nope" }))).toBe("NOT_FOUND");
    expect(await trpcCode(finance.mail.reminders({ page: 1, pageSize: 20, status: "LOST" as "SENT" }))).toBe(
      "BAD_REQUEST",
    );
  });
});
