// Metering as the customer sees it (二 2, 二 3) and usage reports.
//
// Billable segments are the ones the carrier accepted (a submit answered with a message id). The
// sending pipeline counts them into DailyUsage on the China day of their submit; this module only
// reads. Reports break the same segments down by purpose and final state from the messages: a
// message is counted on the China day its segments were submitted (all of a message's segments are
// recorded together), or the day it was created when it never reached the carrier. So the billable
// segments of a report agree with DailyUsage day by day, and a month's agree with its statement.
import type { Role } from "../generated/prisma/client";
import { CUSTOMER_ROLES } from "../auth/accounts";
import {
  type ChinaDate,
  chinaDayEnd,
  chinaDayStart,
  compareChinaDates,
  daysBetween,
  daysInMonth,
  formatChinaDate,
  fromDbDate,
  parseChinaDate,
  toChinaDate,
  toDbDate,
} from "../clock";
import type { DbTx } from "../db";
import { AppError } from "../errors";
import type { Translate } from "../i18n";
import { TABULAR_FORMATS, type TabularFormat, writeTabular } from "../reports/tabular";
import { activeDaysIn } from "./statement-draft";
import { packageInForce } from "./package-changes";
import { formatPeriod, periodCharges, periodFirstDay, periodLastDay, periodOf, previousPeriod, prorate } from "./rules";

export const USAGE_GROUPINGS = ["day", "month"] as const;
export type UsageGrouping = (typeof USAGE_GROUPINGS)[number];

/** The longest range one report covers, in days (two years). */
export const MAX_USAGE_RANGE_DAYS = 731;

/** Contracts whose package is the one in force for metering (the newest such contract). */
const METERED_STATUSES = ["APPROVED", "ACTIVE", "SUSPENDED"] as const;

/**
 * Whose usage a user may read: a customer reads its own enterprise (asking for another one is "not
 * found", so ids do not leak); FINANCE and bureau admins read the enterprise they name; other staff
 * may not read usage at all.
 */
export function usageEnterpriseFor(
  user: { role: Role; enterpriseId: string | null },
  requested?: string | null,
): string {
  if (CUSTOMER_ROLES.includes(user.role) && user.enterpriseId) {
    if (requested && requested !== user.enterpriseId) throw new AppError("NOT_FOUND");
    return user.enterpriseId;
  }
  if (user.role === "FINANCE" || user.role === "BUREAU_ADMIN") {
    if (!requested) throw new AppError("INVALID_REQUEST", { detail: "enterpriseId" });
    return requested;
  }
  throw new AppError("FORBIDDEN");
}

export interface UsageRange {
  from: ChinaDate;
  to: ChinaDate;
  by: UsageGrouping;
}

/**
 * A report's range from its text inputs: China dates, both days included; by default this month up
 * to today. Throws INVALID_REQUEST for a malformed date, a reversed range or one over two years.
 */
export function usageRange(
  input: { from?: string | null; to?: string | null; by?: string | null },
  now: Date,
): UsageRange {
  const today = toChinaDate(now);
  const by = USAGE_GROUPINGS.find((g) => g === (input.by ?? "day"));
  if (!by) throw new AppError("INVALID_REQUEST", { detail: "by" });
  const parse = (text: string | null | undefined, fallback: ChinaDate, name: string) => {
    if (!text) return fallback;
    try {
      return parseChinaDate(text);
    } catch {
      throw new AppError("INVALID_REQUEST", { detail: name });
    }
  };
  const from = parse(input.from, { ...today, day: 1 }, "from");
  const to = parse(input.to, today, "to");
  if (compareChinaDates(from, to) > 0) throw new AppError("INVALID_REQUEST", { detail: "from > to" });
  if (daysBetween(from, to) + 1 > MAX_USAGE_RANGE_DAYS)
    throw new AppError("INVALID_REQUEST", { detail: `> ${MAX_USAGE_RANGE_DAYS} days` });
  return { from, to, by };
}

const bucketOf = (day: ChinaDate, by: UsageGrouping) =>
  by === "day" ? formatChinaDate(day) : formatPeriod(periodOf(day));

export interface UsageRow {
  /** "2026-12-01" by day, "2026-12" by month. */
  key: string;
  purpose: string;
  state: string;
  messages: number;
  segments: number;
  billableSegments: number;
}

export interface UsageTotal {
  key: string;
  messages: number;
  segments: number;
  /** Billable segments as metered (DailyUsage): what the statement bills. */
  billableSegments: number;
}

export interface UsageReport {
  from: string;
  to: string;
  by: UsageGrouping;
  /** Messages by period, purpose and final state (non-empty combinations, in order). */
  rows: UsageRow[];
  /** Each period with any messages or billable segments. */
  totals: UsageTotal[];
  byPurpose: { purpose: string; messages: number; segments: number; billableSegments: number }[];
  byState: { state: string; messages: number; segments: number; billableSegments: number }[];
  total: { messages: number; segments: number; billableSegments: number };
}

/** An enterprise's usage over a range of China days, grouped by day or month. NOT_FOUND for an unknown enterprise. */
export async function usageReport(db: DbTx, enterpriseId: string, range: UsageRange): Promise<UsageReport> {
  if (!(await db.enterprise.findUnique({ where: { id: enterpriseId }, select: { id: true } })))
    throw new AppError("NOT_FOUND");
  const start = chinaDayStart(range.from);
  const end = chinaDayEnd(range.to);
  // Submitted a day before the range at the earliest when claimed just before midnight; the exact
  // China day is decided on the segments' own submit time below.
  const slack = new Date(start.getTime() - 24 * 3_600_000);
  const format = range.by === "day" ? "YYYY-MM-DD" : "YYYY-MM";
  const grouped = await db.$queryRaw<
    { key: string; purpose: string; state: string; messages: number; segments: number; billable: number }[]
  >`
    WITH m AS (
      SELECT j.purpose::text AS purpose, m.status::text AS state, m.segments,
             COALESCE(seg.at, m."createdAt") AS at, COALESCE(seg.billable, 0) AS billable
      FROM "Message" m
      JOIN "SendJob" j ON j.id = m."jobId"
      LEFT JOIN LATERAL (
        SELECT min(s."submittedAt") AS at, count(s."smscId")::int AS billable FROM "MessageSegment" s WHERE s."messageId" = m.id
      ) seg ON true
      WHERE m."enterpriseId" = ${enterpriseId} AND m."createdAt" < ${end}::timestamp
        AND (m."createdAt" >= ${start}::timestamp OR m."submittedAt" >= ${slack}::timestamp)
    )
    SELECT * FROM (
      SELECT to_char(at + interval '8 hours', ${format}) AS key, purpose, state,
             count(*)::int AS messages, sum(segments)::int AS segments, sum(billable)::int AS billable
      FROM m WHERE at >= ${start}::timestamp AND at < ${end}::timestamp
      GROUP BY 1, 2, 3
    ) g ORDER BY g.key COLLATE "C", g.purpose COLLATE "C", g.state COLLATE "C"`;
  const metered = await db.dailyUsage.findMany({
    where: { enterpriseId, day: { gte: toDbDate(range.from), lte: toDbDate(range.to) }, submittedSegments: { gt: 0 } },
    orderBy: { day: "asc" },
  });

  const rows: UsageRow[] = grouped.map((g) => ({
    key: g.key,
    purpose: g.purpose,
    state: g.state,
    messages: g.messages,
    segments: g.segments,
    billableSegments: g.billable,
  }));
  const totals = new Map<string, UsageTotal>();
  const totalOf = (key: string) => {
    let total = totals.get(key);
    if (!total) totals.set(key, (total = { key, messages: 0, segments: 0, billableSegments: 0 }));
    return total;
  };
  for (const r of rows) {
    const total = totalOf(r.key);
    total.messages += r.messages;
    total.segments += r.segments;
  }
  for (const d of metered) totalOf(bucketOf(fromDbDate(d.day), range.by)).billableSegments += d.submittedSegments;

  const sumBy = <K extends "purpose" | "state">(field: K) => {
    const out = new Map<string, { messages: number; segments: number; billableSegments: number }>();
    for (const r of rows) {
      const entry = out.get(r[field]) ?? { messages: 0, segments: 0, billableSegments: 0 };
      entry.messages += r.messages;
      entry.segments += r.segments;
      entry.billableSegments += r.billableSegments;
      out.set(r[field], entry);
    }
    return [...out.entries()].sort(([a], [b]) => a.localeCompare(b));
  };
  const sortedTotals = [...totals.values()].sort((a, b) => a.key.localeCompare(b.key));
  return {
    from: formatChinaDate(range.from),
    to: formatChinaDate(range.to),
    by: range.by,
    rows,
    totals: sortedTotals,
    byPurpose: sumBy("purpose").map(([purpose, v]) => ({ purpose, ...v })),
    byState: sumBy("state").map(([state, v]) => ({ state, ...v })),
    total: {
      messages: sortedTotals.reduce((sum, t) => sum + t.messages, 0),
      segments: sortedTotals.reduce((sum, t) => sum + t.segments, 0),
      billableSegments: sortedTotals.reduce((sum, t) => sum + t.billableSegments, 0),
    },
  };
}

/** The report as a CSV or XLSX download: one row per period, purpose and final state, then the total. */
export async function exportUsageReport(
  db: DbTx,
  enterpriseId: string,
  range: UsageRange,
  format: TabularFormat,
  t: Translate,
) {
  const report = await usageReport(db, enterpriseId, range);
  const rows = report.rows.map((r) => [
    r.key,
    t(`portalSending.purposes.${r.purpose}` as Parameters<Translate>[0]),
    t(`portalSending.messageStatuses.${r.state}` as Parameters<Translate>[0]),
    r.messages,
    r.segments,
    r.billableSegments,
  ]);
  rows.push([
    t("billing.usage.total"),
    "",
    "",
    report.total.messages,
    report.total.segments,
    report.total.billableSegments,
  ]);
  const file = await writeTabular(format, {
    sheetName: t("billing.usage.sheetName"),
    columns: [
      { header: range.by === "day" ? t("billing.usage.day") : t("billing.usage.month"), width: 12, text: true },
      { header: t("billing.usage.purpose"), width: 12 },
      { header: t("billing.usage.state"), width: 12 },
      { header: t("billing.usage.messages"), width: 12 },
      { header: t("billing.usage.segments"), width: 12 },
      { header: t("billing.usage.billableSegments"), width: 14 },
    ],
    rows,
  });
  const stem = `usage-${report.from.replaceAll("-", "")}-${report.to.replaceAll("-", "")}-${range.by}`;
  return { ...file, fileName: `${stem}.${format}`, report };
}

/**
 * The download behind /api/billing/usage/export: format, range and whose usage from the query string
 * (format=csv|xlsx, from, to, by=day|month, enterpriseId for FINANCE), checked for the user; errors are
 * AppErrors with their detail in the reader's language.
 */
export async function usageExportFor(
  db: DbTx,
  user: { role: Role; enterpriseId: string | null },
  query: URLSearchParams,
  t: Translate,
  now: Date,
) {
  const format = TABULAR_FORMATS.find((f) => f === (query.get("format") ?? "csv"));
  if (!format) throw new AppError("INVALID_REQUEST", { detail: "format=csv|xlsx" });
  const enterpriseId = usageEnterpriseFor(user, query.get("enterpriseId")?.slice(0, 64));
  let range: UsageRange;
  try {
    range = usageRange({ from: query.get("from"), to: query.get("to"), by: query.get("by") }, now);
  } catch (error) {
    if (error instanceof AppError)
      throw new AppError("INVALID_REQUEST", { detail: t("billing.usage.rangeInvalid", { max: MAX_USAGE_RANGE_DAYS }) });
    throw error;
  }
  return exportUsageReport(db, enterpriseId, range, format, t);
}

export interface MeteringSummary {
  contractNumber: string;
  package: { code: string; nameZh: string; nameEn: string; isFree: boolean };
  today: { day: string; dailyCap: number; reservedSegments: number; remaining: number; billableSegments: number };
  period: {
    period: string;
    from: string;
    to: string;
    activeDays: number;
    daysInPeriod: number;
    usedSegments: number;
    includedMessages: number;
    overageSegments: number;
    overagePriceLi: number;
    overageFen: number;
  } | null;
  /** Billable segments per day of the month, this period and the one before (for the chart). */
  chart: { day: number; current: number; previous: number }[];
  currentPeriod: string;
  previousPeriod: string;
}

/**
 * Today against the daily cap of the package in force (what is reserved counts against it), and this
 * period's billable segments against its included messages with the overage so far, priced as the
 * close will price it (the package in force on the period's first day in force, prorated alike).
 */
export async function meteringSummary(db: DbTx, enterpriseId: string, now: Date): Promise<MeteringSummary | null> {
  const contract = await db.contract.findFirst({
    where: { enterpriseId, status: { in: [...METERED_STATUSES] } },
    orderBy: { createdAt: "desc" },
  });
  if (!contract) return null;
  const today = toChinaDate(now);
  const current = periodOf(today);
  const previous = previousPeriod(today);
  const rows = await db.dailyUsage.findMany({
    where: { enterpriseId, day: { gte: toDbDate(periodFirstDay(previous)), lte: toDbDate(today) } },
  });
  const on = (day: ChinaDate) => rows.find((r) => compareChinaDates(fromDbDate(r.day), day) === 0);
  const todayRow = on(today);
  const inForce = await packageInForce(db, contract.id, today);
  const dailyCap = inForce.terms.dailyCap;
  const reservedSegments = todayRow?.reservedSegments ?? 0;

  let period: MeteringSummary["period"] = null;
  const days = activeDaysIn(contract, current);
  if (days && compareChinaDates(days.from, today) <= 0) {
    const term = await packageInForce(db, contract.id, days.from);
    const daysInPeriod = periodLastDay(current).day;
    const activeDays = daysBetween(days.from, days.to) + 1;
    // As the close prices it.
    const terms = prorate(term.terms, activeDays, daysInPeriod);
    const upTo = compareChinaDates(days.to, today) < 0 ? days.to : today;
    const usedSegments = rows
      .filter(
        (r) => compareChinaDates(fromDbDate(r.day), days.from) >= 0 && compareChinaDates(fromDbDate(r.day), upTo) <= 0,
      )
      .reduce((sum, r) => sum + r.submittedSegments, 0);
    const charges = periodCharges(terms, usedSegments);
    period = {
      period: formatPeriod(current),
      from: formatChinaDate(days.from),
      to: formatChinaDate(days.to),
      activeDays,
      daysInPeriod,
      usedSegments,
      includedMessages: terms.includedMessages,
      overageSegments: charges.overageSegments,
      overagePriceLi: terms.overagePriceLi,
      overageFen: charges.overageFen,
    };
  }

  const length = Math.max(daysInMonth(current.year, current.month), daysInMonth(previous.year, previous.month));
  const chart = Array.from({ length }, (_, i) => {
    const day = i + 1;
    const inCurrent = day <= today.day ? on({ ...current, day }) : undefined;
    const inPrevious = day <= daysInMonth(previous.year, previous.month) ? on({ ...previous, day }) : undefined;
    return { day, current: inCurrent?.submittedSegments ?? 0, previous: inPrevious?.submittedSegments ?? 0 };
  });

  return {
    contractNumber: contract.number,
    package: {
      code: inForce.package.code,
      nameZh: inForce.package.nameZh,
      nameEn: inForce.package.nameEn,
      isFree: inForce.package.isFree,
    },
    today: {
      day: formatChinaDate(today),
      dailyCap,
      reservedSegments,
      remaining: Math.max(0, dailyCap - reservedSegments),
      billableSegments: todayRow?.submittedSegments ?? 0,
    },
    period,
    chart,
    currentPeriod: formatPeriod(current),
    previousPeriod: formatPeriod(previous),
  };
}
