// Period close (二 3): after a calendar month ends (China time), one statement for every contract
// that was in force on any day of it. Each statement is issued in its own transaction with its
// gapless number, so a failure on one contract neither skips a number nor blocks the others, and a
// second run for the same period finds every statement already there and changes nothing.
import { recordAudit, SYSTEM_ACTOR } from "../audit/log";
import { type ChinaDate, chinaDayEnd, compareChinaDates, daysBetween, fromDbDate, toDbDate } from "../clock";
import type { Db, DbTx } from "../db";
import { AppError } from "../errors";
import { type Contract, Prisma, type StatementLineKind } from "../generated/prisma/client";
import { formatLiAsYuan } from "../money";
import { nextCounterValue } from "../sequences/counter";
import { applyAccountCredit, lockContract, openStatements, statementBalance } from "./ledger";
import { packageInForce } from "./package-changes";
import { statementSnapshot } from "./snapshot";
import {
  collectionDates,
  formatPeriod,
  type Period,
  parsePeriod,
  periodCharges,
  periodFirstDay,
  periodLastDay,
  prorate,
  statementNumber,
} from "./rules";

const BILLED_STATUSES = ["ACTIVE", "SUSPENDED", "TERMINATED", "EXPIRED"] as const;

export interface CloseSummary {
  period: string;
  issued: string[];
  alreadyIssued: number;
  notInForce: number;
}

/**
 * The days of the period a contract was in force, or null when none: from its start date to its last
 * day of service (endDate, inclusive: an early end has already moved it back; see contracts/validity).
 */
export function activeDaysIn(
  contract: Pick<Contract, "startDate" | "endDate">,
  period: Period,
): { from: ChinaDate; to: ChinaDate } | null {
  const first = periodFirstDay(period);
  const last = periodLastDay(period);
  const end = fromDbDate(contract.endDate);
  const start = fromDbDate(contract.startDate);
  const from = compareChinaDates(start, first) > 0 ? start : first;
  const to = compareChinaDates(end, last) < 0 ? end : last;
  return compareChinaDates(from, to) <= 0 ? { from, to } : null;
}

/** Closes a period; `now` must be after the period ended (24:00 China time of its last day). */
export async function closePeriod(db: Db, input: { period: string; now: Date }): Promise<CloseSummary> {
  const period = parsePeriod(input.period);
  const now = input.now;
  if (now < chinaDayEnd(periodLastDay(period))) throw new AppError("PERIOD_NOT_ENDED", { period: input.period });
  const label = formatPeriod(period);
  const contracts = await db.contract.findMany({
    where: { status: { in: [...BILLED_STATUSES] }, startDate: { lte: toDbDate(periodLastDay(period)) } },
    orderBy: { number: "asc" },
  });
  const summary: CloseSummary = { period: label, issued: [], alreadyIssued: 0, notInForce: 0 };
  for (const contract of contracts) {
    if (!activeDaysIn(contract, period)) {
      summary.notInForce++;
      continue;
    }
    try {
      const number = await db.$transaction((tx) => issueStatement(tx, contract.id, period, now));
      if (number) summary.issued.push(number);
      else summary.alreadyIssued++;
    } catch (error) {
      // A concurrent close issued it first: its transaction (and our number) rolled back.
      if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002") summary.alreadyIssued++;
      else throw error;
    }
  }
  return summary;
}

/** Issues one contract's statement for a period; null when it already exists. */
export async function issueStatement(db: DbTx, contractId: string, period: Period, now: Date): Promise<string | null> {
  await lockContract(db, contractId);
  const label = formatPeriod(period);
  if (await db.statement.findUnique({ where: { contractId_period: { contractId, period: label } } })) return null;
  const contract = await db.contract.findUniqueOrThrow({ where: { id: contractId } });
  const days = activeDaysIn(contract, period);
  if (!days) return null;
  const last = periodLastDay(period);
  const daysInPeriod = last.day;
  const activeDays = daysBetween(days.from, days.to) + 1;

  // The package and price version in force on the period's first active day (二 6: changes start on a 1st).
  const { package: pkg, price, terms: inForce } = await packageInForce(db, contract.id, days.from);
  const terms = prorate(inForce, activeDays, daysInPeriod);
  const usage = await db.dailyUsage.aggregate({
    where: { enterpriseId: contract.enterpriseId, day: { gte: toDbDate(days.from), lte: toDbDate(days.to) } },
    _sum: { submittedSegments: true },
  });
  const usedSegments = usage._sum.submittedSegments ?? 0;
  const charges = periodCharges(terms, usedSegments);

  const lines: {
    kind: StatementLineKind;
    description: string;
    quantity: number;
    unitPrice: number;
    amountFen: number;
  }[] = [];
  const prorated = activeDays < daysInPeriod ? `（${activeDays}/${daysInPeriod} 天）` : "";
  if (terms.baseFeeFen > 0)
    lines.push({
      kind: "BASE_FEE",
      description: `基本月租 ${pkg.nameZh}${prorated}`,
      quantity: 1,
      unitPrice: terms.baseFeeFen,
      amountFen: terms.baseFeeFen,
    });
  lines.push({
    kind: "OVERAGE",
    // Worded as 用量 / 赠送 / 超出, not as a subtraction ("超出短信 0 条 − 赠送 1000 条" read as one).
    description: `超出短信：用量 ${usedSegments} 条，赠送 ${terms.includedMessages} 条，超出 ${charges.overageSegments} 条，每条 ${formatLiAsYuan(terms.overagePriceLi)} 元`,
    quantity: charges.overageSegments,
    unitPrice: terms.overagePriceLi,
    amountFen: charges.overageFen,
  });

  // Charges FINANCE recorded for the contract up to the end of the period.
  const adjustments = await db.billingAdjustment.findMany({
    where: { contractId, statementId: null, createdAt: { lt: chinaDayEnd(last) } },
    orderBy: { createdAt: "asc" },
  });
  for (const a of adjustments)
    lines.push({
      kind: "ADJUSTMENT",
      description: `调整：${a.reason}`,
      quantity: 1,
      unitPrice: a.amountFen,
      amountFen: a.amountFen,
    });
  const principalFen = lines.reduce((sum, l) => sum + l.amountFen, 0);

  // Late fees accrued on earlier unpaid statements to the end of this period move onto this one.
  const carried: { id: string; number: string; amountFen: number }[] = [];
  for (const earlier of await openStatements(db, contractId)) {
    if (earlier.period >= label) continue;
    const owed = statementBalance(earlier, last).lateFeeOwedFen;
    if (owed > 0) carried.push({ id: earlier.id, number: earlier.number, amountFen: owed });
  }
  for (const c of carried)
    lines.push({
      kind: "LATE_FEE_CARRIED",
      description: `违约金（账单 ${c.number}，截至 ${label} 月末）`,
      quantity: 1,
      unitPrice: c.amountFen,
      amountFen: c.amountFen,
    });
  const carriedLateFeeFen = carried.reduce((sum, c) => sum + c.amountFen, 0);

  const dates = collectionDates(period, contract);
  const n = await nextCounterValue(db, `statement:${label.replace("-", "")}`);
  const number = statementNumber(period, n);
  const statement = await db.statement.create({
    data: {
      number,
      contractId,
      enterpriseId: contract.enterpriseId,
      period: label,
      activeFrom: toDbDate(days.from),
      activeTo: toDbDate(days.to),
      daysInPeriod,
      activeDays,
      packageId: pkg.id,
      packagePriceId: price.id,
      packageCode: pkg.code,
      baseFeeFen: terms.baseFeeFen,
      includedMessages: terms.includedMessages,
      overagePriceLi: terms.overagePriceLi,
      usedSegments,
      overageSegments: charges.overageSegments,
      principalFen,
      carriedLateFeeFen,
      totalFen: principalFen + carriedLateFeeFen,
      windowStart: toDbDate(dates.windowStart),
      dueDate: toDbDate(dates.dueDate),
      graceEnd: toDbDate(dates.graceEnd),
      suspendAfter: toDbDate(dates.suspendAfter),
      lateFeeRatePpm: contract.lateFeeRatePpm,
      issuedAt: now,
      snapshot: await statementSnapshot(db, contractId, pkg),
      lines: { create: lines.map((line, i) => ({ ...line, seq: i + 1 })) },
    },
  });
  for (const c of carried)
    await db.statement.update({ where: { id: c.id }, data: { lateFeeCarriedOutFen: { increment: c.amountFen } } });
  if (adjustments.length > 0)
    await db.billingAdjustment.updateMany({
      where: { id: { in: adjustments.map((a) => a.id) } },
      data: { statementId: statement.id },
    });
  await recordAudit(
    db,
    SYSTEM_ACTOR,
    {
      action: "billing.statement.issued",
      entityType: "Statement",
      entityId: statement.id,
      enterpriseId: contract.enterpriseId,
      detail: { number, period: label, totalFen: statement.totalFen, usedSegments },
    },
    now,
  );
  // Overpayments and credit waiting on the account pay the new statement at once.
  await applyAccountCredit(db, contractId, now);
  return number;
}
