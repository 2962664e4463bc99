// Delivery of payment reminders (二 4). Collections writes ReminderLog rows PENDING; this delivers
// them: e-mail over SMTP (server/mail) with the statement PDF attached, SMS through the platform's
// own sending pipeline as a bureau notice (server/mail/bureau-sms.ts), each in the language of the
// customer's admin (Chinese unless known otherwise).
//
// Retries: a failed attempt leaves the row RETRY with nextAttemptAt 5, 10, 20 and 40 minutes later;
// the 5th failure is final (FAILED). The last error is kept.
// Exactly once between concurrent runs: a run claims due rows with one UPDATE ... RETURNING that
// skips rows another run holds, and sets nextAttemptAt to a lease (the claim counts the attempt).
// A row is settled only while the lease is still the one this run set. An SMS is queued in the same
// transaction that marks its row SENT, so it is queued once; an e-mail accepted by the server just
// before a crash (or after its lease ran out) may go out again once the lease has expired, which is
// the best SMTP allows.
import { formatChinaDate, fromDbDate } from "../clock";
import type { Db, DbTx } from "../db";
import type { Prisma, ReminderChannel, ReminderKind, ReminderStatus } from "../generated/prisma/client";
import { type Locale, resolveLocale, translator } from "../i18n";
import { queueBureauSms } from "../mail/bureau-sms";
import type { Mailer } from "../mail/transport";
import { formatFen } from "../money";
import { renderStatementPdf, statementDocument } from "./documents";

export const REMINDER_MAX_ATTEMPTS = 5;
/** Minutes to wait after the 1st, 2nd, 3rd and 4th failed attempt. */
export const REMINDER_BACKOFF_MINUTES = [5, 10, 20, 40] as const;
/** How long a claimed attempt may run before another run may take the row over (a crashed run). */
export const REMINDER_LEASE_MS = 10 * 60_000;

export interface ReminderMessage {
  channel: ReminderChannel;
  to: string;
  subject: string;
  body: string;
}

export function reminderMessage(
  reminder: { kind: ReminderKind; channel: ReminderChannel; recipient: string; owedFen: number },
  statement: { number: string; period: string; dueDate: Date; graceEnd: Date; suspendAfter: Date },
  customer: string,
  locale: Locale = "zh",
): ReminderMessage {
  const t = translator(locale);
  const params = {
    customer,
    number: statement.number,
    period: statement.period,
    owed: formatFen(reminder.owedFen),
    dueDate: formatChinaDate(fromDbDate(statement.dueDate)),
    graceEnd: formatChinaDate(fromDbDate(statement.graceEnd)),
    suspendAfter: formatChinaDate(fromDbDate(statement.suspendAfter)),
  };
  return {
    channel: reminder.channel,
    to: reminder.recipient,
    subject: t(`billing.reminders.subject.${reminder.kind}`, params),
    body: t(`billing.reminders.body.${reminder.kind}`, params),
  };
}

/** When the next attempt is due after `attempts` failed ones, or null when that was the last. */
export function nextReminderAttempt(attempts: number, now: Date): Date | null {
  if (attempts >= REMINDER_MAX_ATTEMPTS) return null;
  const minutes = REMINDER_BACKOFF_MINUTES[Math.max(1, attempts) - 1]!;
  return new Date(now.getTime() + minutes * 60_000);
}

/** The language of the enterprise's admin: the one the reminder is addressed to, else the first. */
async function customerLocale(db: DbTx, enterpriseId: string, recipient: string): Promise<Locale> {
  const admins = await db.user.findMany({
    where: { enterpriseId, role: "CUSTOMER_ADMIN", disabled: false },
    select: { email: true, locale: true },
    orderBy: { createdAt: "asc" },
  });
  const admin = admins.find((a) => a.email.toLowerCase() === recipient.toLowerCase()) ?? admins[0];
  return resolveLocale(admin?.locale);
}

export interface DeliveryDeps {
  mailer: Pick<Mailer, "send">;
}

export interface DeliveryReport {
  sent: number;
  retry: number;
  failed: number;
}

interface Claimed {
  id: string;
  lease: Date;
}

/** Takes up to `limit` due reminders (PENDING or RETRY, due by now), oldest first, for this run. */
async function claimDueReminders(db: Db, now: Date, limit: number): Promise<Claimed[]> {
  const lease = new Date(now.getTime() + REMINDER_LEASE_MS);
  const rows = await db.$queryRaw<{ id: string }[]>`
    UPDATE "ReminderLog" r SET attempts = r.attempts + 1, "nextAttemptAt" = ${lease}::timestamp
    WHERE r.id IN (
      SELECT id FROM "ReminderLog"
      WHERE status IN ('PENDING', 'RETRY') AND ("nextAttemptAt" IS NULL OR "nextAttemptAt" <= ${now}::timestamp)
      ORDER BY "createdAt", id LIMIT ${limit}::int
      FOR UPDATE SKIP LOCKED)
      AND r.status IN ('PENDING', 'RETRY') AND (r."nextAttemptAt" IS NULL OR r."nextAttemptAt" <= ${now}::timestamp)
    RETURNING r.id`;
  return rows.map((r) => ({ id: r.id, lease }));
}

/** Rows still held by this run's lease. */
const held = (claim: Claimed): Prisma.ReminderLogWhereInput => ({
  id: claim.id,
  status: { in: ["PENDING", "RETRY"] },
  nextAttemptAt: claim.lease,
});

async function deliverOne(db: Db, deps: DeliveryDeps, claim: Claimed, now: Date): Promise<boolean> {
  const reminder = await db.reminderLog.findUniqueOrThrow({
    where: { id: claim.id },
    include: {
      statement: { include: { contract: { include: { enterprise: { select: { id: true, name: true } } } } } },
    },
  });
  const enterprise = reminder.statement.contract.enterprise;
  const locale = await customerLocale(db, enterprise.id, reminder.recipient);
  const message = reminderMessage(reminder, reminder.statement, enterprise.name, locale);
  if (message.channel === "EMAIL") {
    const pdf = await renderStatementPdf(await statementDocument(db, reminder.statementId, null));
    const filename = `${locale === "zh" ? "账单" : "statement"}-${reminder.statement.number}.pdf`;
    const { messageId } = await deps.mailer.send({
      to: message.to,
      subject: message.subject,
      text: message.body,
      attachments: [{ filename, contentType: "application/pdf", content: pdf }],
    });
    const settled = await db.reminderLog.updateMany({
      where: held(claim),
      data: { status: "SENT", sentAt: now, messageId, nextAttemptAt: null },
    });
    return settled.count === 1;
  }
  return db.$transaction(async (tx) => {
    const settled = await tx.reminderLog.updateMany({
      where: held(claim),
      data: { status: "SENT", sentAt: now, nextAttemptAt: null },
    });
    if (settled.count !== 1) return false;
    const jobId = await queueBureauSms(tx, { mobile: message.to, text: message.body }, now);
    await tx.reminderLog.update({ where: { id: claim.id }, data: { jobId } });
    return true;
  });
}

/**
 * Delivers up to `limit` due reminders (new ones and retries whose time has come). Safe to run
 * again and concurrently: each reminder is sent by one run only.
 */
export async function deliverPendingReminders(
  db: Db,
  deps: DeliveryDeps,
  now: Date,
  limit = 100,
): Promise<DeliveryReport> {
  const report: DeliveryReport = { sent: 0, retry: 0, failed: 0 };
  for (const claim of await claimDueReminders(db, now, limit)) {
    try {
      if (await deliverOne(db, deps, claim, now)) report.sent++;
    } catch (error) {
      const row = await db.reminderLog.findUniqueOrThrow({ where: { id: claim.id }, select: { attempts: true } });
      const next = nextReminderAttempt(row.attempts, now);
      const status: ReminderStatus = next ? "RETRY" : "FAILED";
      const message = (error instanceof Error ? error.message : String(error)).slice(0, 500);
      const recorded = await db.reminderLog.updateMany({
        where: held(claim),
        data: { status, nextAttemptAt: next, error: message },
      });
      if (recorded.count === 1) report[next ? "retry" : "failed"]++;
    }
  }
  return report;
}

export interface ReminderLogFilter {
  status?: ReminderStatus;
  kind?: ReminderKind;
  channel?: ReminderChannel;
  page: number;
  pageSize: number;
}

/** The reminder log for the back office, newest first. */
export async function listReminderLog(db: DbTx, filter: ReminderLogFilter) {
  const where: Prisma.ReminderLogWhereInput = { status: filter.status, kind: filter.kind, channel: filter.channel };
  const [total, rows] = await Promise.all([
    db.reminderLog.count({ where }),
    db.reminderLog.findMany({
      where,
      orderBy: [{ createdAt: "desc" }, { id: "desc" }],
      skip: (filter.page - 1) * filter.pageSize,
      take: filter.pageSize,
      include: {
        statement: {
          select: {
            number: true,
            period: true,
            contract: { select: { number: true, enterprise: { select: { name: true } } } },
          },
        },
      },
    }),
  ]);
  return {
    total,
    rows: rows.map((r) => ({
      id: r.id,
      kind: r.kind,
      channel: r.channel,
      status: r.status,
      recipient: r.recipient,
      owedFen: r.owedFen,
      createdAt: r.createdAt,
      sentAt: r.sentAt,
      attempts: r.attempts,
      nextAttemptAt: r.nextAttemptAt,
      error: r.error,
      messageId: r.messageId,
      jobId: r.jobId,
      statementNumber: r.statement.number,
      period: r.statement.period,
      contractNumber: r.statement.contract.number,
      customer: r.statement.contract.enterprise.name,
    })),
  };
}
