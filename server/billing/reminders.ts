// Delivery of payment reminders (二 4). Collections writes ReminderLog rows PENDING; this delivers
// them through a transport and marks each SENT or FAILED. The transport is the seam: an SMTP mailer
// and SMS through the platform's own sending pipeline plug in here (not built yet); tests and
// development pass an in-memory one.
import { formatChinaDate, fromDbDate } from "../clock";
import type { Db } from "../db";
import type { ReminderChannel, ReminderKind } from "../generated/prisma/client";
import { type Locale, translator } from "../i18n";
import { formatFen } from "../money";

export interface ReminderTransport {
  email(to: string, subject: string, body: string): Promise<void>;
  sms(to: string, text: string): Promise<void>;
}

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

/** Delivers up to `limit` pending reminders, oldest first; a failure is recorded and not retried here. */
export async function deliverPendingReminders(db: Db, transport: ReminderTransport, now: Date, limit = 100): Promise<{ sent: number; failed: number }> {
  const pending = await db.reminderLog.findMany({
    where: { status: "PENDING" },
    orderBy: { createdAt: "asc" },
    take: limit,
    include: { statement: { include: { contract: { include: { enterprise: { select: { name: true } } } } } } },
  });
  let sent = 0;
  let failed = 0;
  for (const reminder of pending) {
    const message = reminderMessage(reminder, reminder.statement, reminder.statement.contract.enterprise.name);
    try {
      if (message.channel === "EMAIL") await transport.email(message.to, message.subject, message.body);
      else await transport.sms(message.to, message.body);
      await db.reminderLog.update({ where: { id: reminder.id }, data: { status: "SENT", sentAt: now } });
      sent++;
    } catch (error) {
      await db.reminderLog.update({ where: { id: reminder.id }, data: { status: "FAILED", error: (error instanceof Error ? error.message : String(error)).slice(0, 500) } });
      failed++;
    }
  }
  return { sent, failed };
}
