// Collections (二 4), run daily on China time: reminders before the due date, on it and during grace,
// and suspension of sending once a statement is unpaid past the threshold. Reminders are written as
// ReminderLog rows (one per statement, kind and channel) with status PENDING; ./reminders.ts
// delivers them by e-mail and SMS (with retries) and marks them SENT or FAILED.
import { recordAudit, SYSTEM_ACTOR } from "../audit/log";
import { addDays, type ChinaDate, compareChinaDates, formatChinaDate, fromDbDate, toChinaDate } from "../clock";
import type { Db, DbTx } from "../db";
import type { ReminderKind } from "../generated/prisma/client";
import { lockContract, statementBalance } from "./ledger";

/** Days before day Y on which the first reminder goes out. */
export const REMINDER_DAYS_BEFORE_DUE = 3;

export interface CollectionsSummary {
  day: string;
  reminders: number;
  suspended: string[];
}

/** Which reminder is due for a statement on a day, if any. */
export function reminderKindOn(statement: { dueDate: Date; graceEnd: Date }, today: ChinaDate): ReminderKind | null {
  const due = fromDbDate(statement.dueDate);
  const graceEnd = fromDbDate(statement.graceEnd);
  if (compareChinaDates(today, addDays(due, -REMINDER_DAYS_BEFORE_DUE)) >= 0 && compareChinaDates(today, due) < 0)
    return "BEFORE_DUE";
  if (compareChinaDates(today, due) === 0) return "DUE";
  if (compareChinaDates(today, due) > 0 && compareChinaDates(today, graceEnd) <= 0) return "GRACE";
  return null;
}

async function writeReminders(
  db: DbTx,
  statement: { id: string; contractId: string },
  contact: { contactEmail: string; contactMobile: string },
  kind: ReminderKind,
  owedFen: number,
  now: Date,
): Promise<number> {
  const result = await db.reminderLog.createMany({
    data: [
      {
        statementId: statement.id,
        contractId: statement.contractId,
        kind,
        channel: "EMAIL",
        recipient: contact.contactEmail,
        owedFen,
        createdAt: now,
      },
      {
        statementId: statement.id,
        contractId: statement.contractId,
        kind,
        channel: "SMS",
        recipient: contact.contactMobile,
        owedFen,
        createdAt: now,
      },
    ],
    skipDuplicates: true,
  });
  return result.count;
}

export async function runCollections(db: Db, now: Date): Promise<CollectionsSummary> {
  const today = toChinaDate(now);
  const summary: CollectionsSummary = {
    day: formatChinaDate(today),
    reminders: 0,
    suspended: [],
  };
  const open = await db.statement.findMany({
    where: { settledAt: null },
    select: { id: true, contractId: true },
    orderBy: [{ contractId: "asc" }, { period: "asc" }],
  });
  for (const { id, contractId } of open) {
    await db.$transaction(async (tx) => {
      await lockContract(tx, contractId);
      const statement = await tx.statement.findUniqueOrThrow({
        where: { id },
        include: { allocations: true, contract: { include: { enterprise: true } } },
      });
      if (statement.settledAt) return;
      const owed = statementBalance(statement, today).owedFen;
      if (owed <= 0) return;
      const contract = statement.contract;
      const kind = reminderKindOn(statement, today);
      if (kind) summary.reminders += await writeReminders(tx, statement, contract.enterprise, kind, owed, now);
      if (contract.status === "ACTIVE" && compareChinaDates(today, fromDbDate(statement.suspendAfter)) > 0) {
        const moved = await tx.contract.updateMany({
          where: { id: contract.id, status: "ACTIVE" },
          data: { status: "SUSPENDED" },
        });
        if (moved.count === 1) {
          await recordAudit(
            tx,
            SYSTEM_ACTOR,
            {
              action: "billing.suspended",
              entityType: "Contract",
              entityId: contract.id,
              enterpriseId: contract.enterpriseId,
              detail: { statement: statement.number, owedFen: owed },
            },
            now,
          );
          summary.reminders += await writeReminders(tx, statement, contract.enterprise, "SUSPENSION", owed, now);
          summary.suspended.push(contract.number);
        }
      }
    });
  }
  return summary;
}
