// A whole billing month end to end: real sends through the pipeline and the carrier simulator
// (metered when the carrier accepts each segment), then on a clock the test controls: the close,
// reminders (delivered by e-mail into the SMTP catcher and as bureau SMS jobs), grace, suspension
// (sending refused), payment and reinstatement (sending accepted again).
// Sends are metered on today's China date, so the billed period is the current month.
import { afterAll, beforeAll, expect, test } from "vitest";
import type { Actor } from "../audit/log";
import { addDays, chinaDayStart, type ChinaDate, formatChinaDate, toChinaDate } from "../clock";
import { acceptSendJob } from "../sending/accept";
import { type Sender, addContacts, readySender, startInProcessPipeline, waitFor } from "../testing/sending";
import { appCode } from "../testing/callers";
import { createTestDatabase, type TestDatabase } from "../testing/database";
import { createMailer } from "../mail/transport";
import { startMailCatcher } from "../mail/catcher";
import { closePeriod } from "./close";
import { runCollections } from "./collections";
import { contractOwed } from "./ledger";
import { recordPayment } from "./payments";
import { deliverPendingReminders } from "./reminders";
import { collectionDates, formatPeriod, nextPeriod, periodFirstDay, periodOf } from "./rules";

let t: TestDatabase;
let sender: Sender;
let finance: Actor;

beforeAll(async () => {
  t = await createTestDatabase();
  sender = await readySender(t.db, { dailyCap: 10_000 });
  const u = await t.db.user.findUniqueOrThrow({ where: { email: "finance@bureau.example.com" } });
  finance = { userId: u.id, role: u.role };
});
afterAll(async () => t.drop());

/** 10:00 China time on a China date. */
const at = (date: ChinaDate, hours = 10) => new Date(chinaDayStart(date).getTime() + hours * 3_600_000);

test("sends → close → reminders → grace → suspension → payment → reinstatement", { timeout: 120_000 }, async () => {
  // 617 recipients × 2 segments (UCS-2, over 70 characters) = 1,234 billable segments.
  const numbers = await addContacts(t.db, sender.enterpriseId, 13_700_000_000, 617);
  const content =
    "尊敬的客户：您本月的账单已经生成，请登录企业门户查看明细并在缴费期内完成缴费，逾期将按合同约定收取违约金。如有疑问请致电客服热线，我们将竭诚为您服务。";
  const pipeline = await startInProcessPipeline(t.db, { outcomeMix: { DELIVRD: 90, UNDELIV: 10 } });
  try {
    const job = await acceptSendJob(
      t.db,
      sender,
      { source: "PORTAL", purpose: "NOTICE", content, recipients: { numbers } },
      new Date(),
    );
    expect(job).toMatchObject({ accepted: 617, segmentsPerMessage: 2 });
    await waitFor(
      async () => (await t.db.sendJob.findUniqueOrThrow({ where: { id: job.jobId } })).status === "COMPLETED",
      60_000,
      () => "job not completed",
    );
  } finally {
    await pipeline.close();
  }

  const period = periodOf(toChinaDate(new Date()));
  const label = formatPeriod(period);
  const dates = collectionDates(period, {
    paymentWindowStartDay: 1,
    paymentWindowEndDay: 15,
    graceDays: 10,
    suspensionAfterDays: 30,
  });
  const contract = await t.db.contract.findFirstOrThrow({ where: { enterpriseId: sender.enterpriseId } });

  // Close at 00:10 China time on the 1st of next month.
  await closePeriod(t.db, {
    period: label,
    now: new Date(chinaDayStart(periodFirstDay(nextPeriod(period))).getTime() + 10 * 60_000),
  });
  const statement = await t.db.statement.findUniqueOrThrow({
    where: { contractId_period: { contractId: contract.id, period: label } },
  });
  // Undelivered segments were accepted by the carrier too: all 1,234 are billable.
  // BASIC: 10,000 fen + (1,234 − 1,000) × 50 li = 10,000 + 1,170 = 11,170 fen
  expect(statement).toMatchObject({ usedSegments: 1_234, overageSegments: 234, totalFen: 11_170 });

  // Reminders: 3 days before day Y, on it, first day of grace.
  for (const day of [addDays(dates.dueDate, -3), dates.dueDate, addDays(dates.dueDate, 1)])
    await runCollections(t.db, at(day, 0));
  const kinds = await t.db.reminderLog.findMany({
    where: { statementId: statement.id },
    orderBy: { createdAt: "asc" },
    select: { kind: true, channel: true },
  });
  expect(kinds.map((k) => `${k.kind}/${k.channel}`).sort()).toEqual([
    "BEFORE_DUE/EMAIL",
    "BEFORE_DUE/SMS",
    "DUE/EMAIL",
    "DUE/SMS",
    "GRACE/EMAIL",
    "GRACE/SMS",
  ]);

  // Grace: service continues; late fee on the last day of grace (Y + 10): 11,170 × 0.0005 × 10 = 55.85 → 56 fen.
  await runCollections(t.db, at(dates.graceEnd, 0));
  expect(await contractOwed(t.db, contract.id, dates.graceEnd)).toBe(11_170 + 56);
  const sendDuringGrace = await acceptSendJob(
    t.db,
    sender,
    { source: "PORTAL", purpose: "NOTICE", content: "宽限期内照常发送", recipients: { numbers: numbers.slice(0, 1) } },
    at(dates.graceEnd),
  );
  expect(sendDuringGrace.accepted).toBe(1);

  // Past Y + 30: suspended, and sending is refused.
  const dayAfter = addDays(dates.suspendAfter, 1);
  const run = await runCollections(t.db, at(dayAfter, 0));
  expect(run.suspended).toContain(contract.number);
  expect(
    await appCode(
      acceptSendJob(
        t.db,
        sender,
        { source: "PORTAL", purpose: "NOTICE", content: "暂停后发送", recipients: { numbers: numbers.slice(0, 1) } },
        at(dayAfter),
      ),
    ),
  ).toBe("ACCOUNT_SUSPENDED");

  // Every reminder of the month is delivered, the suspension notice too: e-mail over SMTP into the
  // catcher with the statement PDF, SMS as the bureau's own job (the customer's suspension does not stop it).
  const catcher = await startMailCatcher(t.db, { port: 0 });
  const mailer = createMailer({
    smtpUrl: `smtp://127.0.0.1:${catcher.port}`,
    from: "企信通 <billing@bureau.example.com>",
  });
  try {
    // Both demo contracts (the other one, unpaid too, owes its base fee): 2 × 4 kinds × 2 channels.
    expect(await deliverPendingReminders(t.db, { mailer }, at(dayAfter, 1))).toEqual({ sent: 16, retry: 0, failed: 0 });
  } finally {
    mailer.close();
    await catcher.close();
  }
  const contact = (await t.db.enterprise.findUniqueOrThrow({ where: { id: sender.enterpriseId } })).contactEmail;
  const mails = await t.db.caughtMail.findMany({
    where: { envelopeTo: { has: contact } },
    include: { attachments: true },
    orderBy: { receivedAt: "asc" },
  });
  expect(mails).toHaveLength(4);
  expect(mails.every((m) => m.subject.includes(statement.number) || m.subject.includes("暂停"))).toBe(true);
  expect(mails.some((m) => m.text.includes(statement.number) && m.text.includes("暂停"))).toBe(true);
  expect(mails.every((m) => Buffer.from(m.attachments[0]!.content).subarray(0, 5).toString("latin1") === "%PDF-")).toBe(
    true,
  );
  const suspensionSms = await t.db.reminderLog.findFirstOrThrow({
    where: { statementId: statement.id, kind: "SUSPENSION", channel: "SMS" },
  });
  expect(await t.db.sendJob.findUniqueOrThrow({ where: { id: suspensionSms.jobId! } })).toMatchObject({
    system: true,
    status: "QUEUED",
    reservedSegments: 0,
  });

  // Paying everything owed that day lifts it at once. The next month is not closed in this test, so this
  // statement is all that is owed: 31 days late → 11,170 × 0.0005 × 31 = 173.135 → 173 fen.
  const owed = await contractOwed(t.db, contract.id, dayAfter);
  expect(owed).toBe(11_170 + 173);
  const paid = await recordPayment(
    t.db,
    finance,
    {
      contractId: contract.id,
      amountFen: owed,
      method: "BANK_TRANSFER",
      reference: "BT-REINSTATE",
      receivedOn: formatChinaDate(dayAfter),
    },
    at(dayAfter, 11),
  );
  expect(paid).toMatchObject({ reinstated: true, settledStatementIds: [statement.id] });
  const after = await acceptSendJob(
    t.db,
    sender,
    { source: "PORTAL", purpose: "NOTICE", content: "恢复后发送", recipients: { numbers: numbers.slice(0, 1) } },
    at(dayAfter, 12),
  );
  expect(after.accepted).toBe(1);
  expect(await t.db.invoice.findUniqueOrThrow({ where: { statementId: statement.id } })).toMatchObject({
    amountFen: 11_343,
  });
});
