// Metering and usage reports against a real database: sends through the real pipeline and simulator
// (today), and messages arranged as the pipeline records them (October 2026, for the other demo
// enterprise) to pin down China-day boundaries, purposes, final states, the export and tenancy.
import ExcelJS from "exceljs";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { chinaDayStart, formatChinaDate, toChinaDate, toDbDate } from "../clock";
import type { Db } from "../db";
import { AppError } from "../errors";
import type { MessagePurpose, MessageStatus } from "../generated/prisma/client";
import { translator } from "../i18n";
import { acceptSendJob } from "../sending/accept";
import { type Sender, addContacts, readySender, startInProcessPipeline, waitFor } from "../testing/sending";
import { callerFor, trpcCode } from "../testing/callers";
import { createTestDatabase, type TestDatabase } from "../testing/database";
import { closePeriod } from "./close";
import { applyDuePackageChanges, submitPackageChange } from "./package-changes";
import { formatPeriod, nextPeriod, periodFirstDay, periodOf } from "./rules";
import { meteringSummary, usageExportFor, usageRange, usageReport } from "./usage";

let t: TestDatabase;
let demo: Sender;
let otherId: string;
const cn = (local: string) => new Date(`${local}+08:00`);

/**
 * `count` messages of one job as the pipeline leaves them: created at `createdAt`, claimed a moment
 * before `submittedAt`, the first `accepted` of their segments with an SMSC id at `submittedAt`, the
 * rest rejected; DailyUsage counts the accepted ones on the China day of `submittedAt`, as submit does.
 * Without `submittedAt` the messages never reached the carrier (no segments).
 */
async function arrange(
  db: Db,
  enterpriseId: string,
  o: {
    purpose: MessagePurpose;
    status: MessageStatus;
    segments: number;
    accepted: number;
    createdAt: Date;
    submittedAt?: Date;
    count?: number;
  },
) {
  const count = o.count ?? 1;
  const job = await db.sendJob.create({
    data: {
      enterpriseId,
      source: "PORTAL",
      purpose: o.purpose,
      content: "x",
      signature: "远景贸易",
      fullText: "【远景贸易】x",
      encoding: "UCS2",
      segmentsPerMessage: o.segments,
      status: "COMPLETED",
      recipientCount: count,
      acceptedCount: count,
      skippedCount: 0,
      reservedSegments: count * o.segments,
      quotaDay: toDbDate(toChinaDate(o.createdAt)),
      createdAt: o.createdAt,
    },
  });
  const claimedAt = o.submittedAt ? new Date(o.submittedAt.getTime() - 500) : null;
  await db.$executeRaw`
    INSERT INTO "Message" ("jobId", "enterpriseId", mobile, status, segments, "submittedAt", "createdAt")
    SELECT ${job.id}, ${enterpriseId}, (13900000000 + g)::text, ${o.status}::"MessageStatus", ${o.segments}, ${claimedAt}::timestamp, ${o.createdAt}::timestamp
    FROM generate_series(1, ${count}::int) g`;
  if (!o.submittedAt) return;
  await db.$executeRaw`
    INSERT INTO "MessageSegment" ("messageId", seq, "smscId", status, "submittedAt")
    SELECT m.id, s, CASE WHEN s <= ${o.accepted} THEN 'sim-' || m.id || '-' || s END,
           CASE WHEN s <= ${o.accepted} THEN ${o.status}::"MessageStatus" ELSE 'REJECTED' END, ${o.submittedAt}::timestamp
    FROM "Message" m, generate_series(1, ${o.segments}::int) s WHERE m."jobId" = ${job.id}`;
  const day = toDbDate(toChinaDate(o.submittedAt));
  await db.$executeRaw`
    INSERT INTO "DailyUsage" ("enterpriseId", day, "reservedSegments", "submittedSegments") VALUES (${enterpriseId}, ${day}::date, ${count * o.segments}, ${count * o.accepted})
    ON CONFLICT ("enterpriseId", day) DO UPDATE SET "reservedSegments" = "DailyUsage"."reservedSegments" + EXCLUDED."reservedSegments",
      "submittedSegments" = "DailyUsage"."submittedSegments" + EXCLUDED."submittedSegments"`;
}

beforeAll(async () => {
  t = await createTestDatabase();
  demo = await readySender(t.db, { dailyCap: 10_000 });
  otherId = (await t.db.user.findUniqueOrThrow({ where: { email: "admin@other.example.com" } })).enterpriseId!;
  // 远景贸易 (STANDARD: 300.00 元, 5,000 included, 0.045 元 over, cap 5,000), October 2026:
  // A: 3 notices × 2 segments delivered, 10 Oct → 6 billable
  await arrange(t.db, otherId, {
    purpose: "NOTICE",
    status: "DELIVERED",
    segments: 2,
    accepted: 2,
    count: 3,
    createdAt: cn("2026-10-10T09:59:00"),
    submittedAt: cn("2026-10-10T10:00:00"),
  });
  // B: 2 codes undelivered, submitted 23:59:59 on 31 Oct (15:59:59 UTC) → 31 Oct, 2 billable
  await arrange(t.db, otherId, {
    purpose: "VERIFICATION",
    status: "UNDELIVERED",
    segments: 1,
    accepted: 1,
    count: 2,
    createdAt: cn("2026-10-31T23:59:00"),
    submittedAt: new Date("2026-10-31T15:59:59Z"),
  });
  // C: 1 code claimed on 31 Oct, submitted at 16:00:00 UTC = 00:00 China on 1 Nov → 1 Nov, 1 billable
  await arrange(t.db, otherId, {
    purpose: "VERIFICATION",
    status: "DELIVERED",
    segments: 1,
    accepted: 1,
    createdAt: cn("2026-10-31T23:59:30"),
    submittedAt: new Date("2026-10-31T16:00:00Z"),
  });
  // D: a notice whose 2nd segment the carrier refused → REJECTED, 1 billable
  await arrange(t.db, otherId, {
    purpose: "NOTICE",
    status: "REJECTED",
    segments: 2,
    accepted: 1,
    createdAt: cn("2026-10-10T09:59:00"),
    submittedAt: cn("2026-10-10T10:00:00"),
  });
  // E: a customer-service message to an opted-out number: never sent, counted on the day it was created
  await arrange(t.db, otherId, {
    purpose: "CUSTOMER_SERVICE",
    status: "OPTED_OUT",
    segments: 1,
    accepted: 0,
    createdAt: cn("2026-10-10T09:59:00"),
  });
  // F: scheduled on 30 Sep, sent 00:30 on 1 Oct → 1 Oct, 1 billable
  await arrange(t.db, otherId, {
    purpose: "NOTICE",
    status: "DELIVERED",
    segments: 1,
    accepted: 1,
    createdAt: cn("2026-09-30T23:00:00"),
    submittedAt: cn("2026-10-01T00:30:00"),
  });
  // G: 5,001 notices on 20 Oct → 5,001 billable
  await arrange(t.db, otherId, {
    purpose: "NOTICE",
    status: "DELIVERED",
    segments: 1,
    accepted: 1,
    count: 5_001,
    createdAt: cn("2026-10-20T09:00:00"),
    submittedAt: cn("2026-10-20T09:01:00"),
  });
});
afterAll(async () => t.drop());

const range = (from: string, to: string, by: "day" | "month") =>
  usageRange({ from, to, by }, cn("2026-12-01T12:00:00"));

describe("usage report (arranged messages)", () => {
  test("by day: the China day of the carrier's acceptance, split at 16:00 UTC; billable agrees with DailyUsage", async () => {
    const report = await usageReport(t.db, otherId, range("2026-09-30", "2026-11-01", "day"));
    expect(report.totals).toEqual([
      // F was created on 30 Sep but sent on 1 Oct; E (never sent) counts on the day it was created.
      { key: "2026-10-01", messages: 1, segments: 1, billableSegments: 1 },
      { key: "2026-10-10", messages: 5, segments: 9, billableSegments: 7 }, // A 3 msgs/6 segs + D 1/2 (1 accepted) + E 1/1 (none)
      { key: "2026-10-20", messages: 5_001, segments: 5_001, billableSegments: 5_001 },
      { key: "2026-10-31", messages: 2, segments: 2, billableSegments: 2 }, // B at 15:59:59 UTC
      { key: "2026-11-01", messages: 1, segments: 1, billableSegments: 1 }, // C at 16:00:00 UTC
    ]);
    // The breakdown's billable segments (from the messages) agree with DailyUsage day by day.
    for (const total of report.totals) {
      const fromRows = report.rows.filter((r) => r.key === total.key).reduce((sum, r) => sum + r.billableSegments, 0);
      expect(fromRows, total.key).toBe(total.billableSegments);
    }
    const metered = await t.db.dailyUsage.aggregate({
      where: { enterpriseId: otherId },
      _sum: { submittedSegments: true },
    });
    expect(report.total).toEqual({
      messages: 5_010,
      segments: 5_014,
      billableSegments: metered._sum.submittedSegments,
    });
  });

  test("by month, by purpose and by final state; October's billable segments are the statement's used segments", async () => {
    const report = await usageReport(t.db, otherId, range("2026-10-01", "2026-10-31", "month"));
    expect(report.rows.map((r) => [r.key, r.purpose, r.state, r.messages, r.segments, r.billableSegments])).toEqual([
      ["2026-10", "CUSTOMER_SERVICE", "OPTED_OUT", 1, 1, 0],
      ["2026-10", "NOTICE", "DELIVERED", 5_005, 5_008, 5_008], // A 3 + F 1 + G 5,001
      ["2026-10", "NOTICE", "REJECTED", 1, 2, 1],
      ["2026-10", "VERIFICATION", "UNDELIVERED", 2, 2, 2],
    ]);
    expect(report.byPurpose).toEqual([
      { purpose: "CUSTOMER_SERVICE", messages: 1, segments: 1, billableSegments: 0 },
      { purpose: "NOTICE", messages: 5_006, segments: 5_010, billableSegments: 5_009 },
      { purpose: "VERIFICATION", messages: 2, segments: 2, billableSegments: 2 },
    ]);
    expect(report.byState.map((s) => [s.state, s.messages, s.billableSegments])).toEqual([
      ["DELIVERED", 5_005, 5_008],
      ["OPTED_OUT", 1, 0],
      ["REJECTED", 1, 1],
      ["UNDELIVERED", 2, 2],
    ]);
    expect(report.totals).toEqual([{ key: "2026-10", messages: 5_009, segments: 5_013, billableSegments: 5_011 }]);

    await closePeriod(t.db, { period: "2026-10", now: cn("2026-11-01T00:10:00") });
    const statement = await t.db.statement.findFirstOrThrow({ where: { enterpriseId: otherId, period: "2026-10" } });
    // 30,000 fen + (5,011 − 5,000) × 45 li = 30,000 + 49.5 → 50 fen (half-up) = 30,050 fen
    expect(statement).toMatchObject({ usedSegments: 5_011, overageSegments: 11, totalFen: 30_050 });
  });

  test("tenancy: each enterprise's report holds its own messages only", async () => {
    const demoOctober = await usageReport(t.db, demo.enterpriseId, range("2026-10-01", "2026-10-31", "month"));
    expect(demoOctober).toMatchObject({
      rows: [],
      totals: [],
      total: { messages: 0, segments: 0, billableSegments: 0 },
    });
    await expect(
      usageReport(t.db, "no-such-enterprise", range("2026-10-01", "2026-10-31", "day")),
    ).rejects.toMatchObject({ code: "NOT_FOUND" });
  });

  test("ranges: default this month to today; reversed, malformed or over two years refused", () => {
    const now = new Date("2026-11-30T16:00:00Z"); // 00:00 on 1 December in China
    expect(usageRange({}, now)).toEqual({
      from: { year: 2026, month: 12, day: 1 },
      to: { year: 2026, month: 12, day: 1 },
      by: "day",
    });
    for (const bad of [
      { from: "2026-10-02", to: "2026-10-01" },
      { from: "2026-02-30" },
      { from: "2024-01-01", to: "2026-01-01" },
      { by: "week" },
    ]) {
      expect(() => usageRange(bad, now), JSON.stringify(bad)).toThrow(AppError);
    }
    expect(usageRange({ from: "2024-12-01", to: "2026-11-30", by: "month" }, now).by).toBe("month"); // 730 days
  });
});

describe("metering summary", () => {
  test("31 October 20:00: today against the cap, October against the included messages, overage cost so far", async () => {
    const m = await meteringSummary(t.db, otherId, cn("2026-10-31T20:00:00"));
    expect(m?.today).toEqual({
      day: "2026-10-31",
      dailyCap: 5_000,
      reservedSegments: 2,
      remaining: 4_998,
      billableSegments: 2,
    });
    // 5,011 used − 5,000 included = 11 × 0.045 元 = 0.495 → 0.50 元
    expect(m?.period).toMatchObject({
      period: "2026-10",
      usedSegments: 5_011,
      includedMessages: 5_000,
      overageSegments: 11,
      overagePriceLi: 45,
      overageFen: 50,
      activeDays: 31,
      daysInPeriod: 31,
    });
    expect(m?.chart).toHaveLength(31);
    expect(m?.chart.filter((d) => d.current > 0)).toEqual([
      { day: 1, current: 1, previous: 0 },
      { day: 10, current: 7, previous: 0 },
      { day: 20, current: 5_001, previous: 0 },
      { day: 31, current: 2, previous: 0 },
    ]);
  });

  test("16:00 UTC on 31 October is 1 November in China: a new period, October becomes the previous one", async () => {
    const m = await meteringSummary(t.db, otherId, new Date("2026-10-31T16:00:00Z"));
    expect(m?.today).toMatchObject({ day: "2026-11-01", billableSegments: 1, reservedSegments: 1, remaining: 4_999 });
    expect(m?.period).toMatchObject({ period: "2026-11", usedSegments: 1, overageSegments: 0, overageFen: 0 });
    expect(m?.chart[19]).toEqual({ day: 20, current: 0, previous: 5_001 });
    expect(m?.chart[30]).toEqual({ day: 31, current: 0, previous: 2 });
    expect(m?.previousPeriod).toBe("2026-10");
  });

  test("an applied package change: the period is priced with the package in force on its first day", async () => {
    const admin = await t.db.user.findUniqueOrThrow({ where: { email: "admin@other.example.com" } });
    const actor = { userId: admin.id, role: admin.role, enterpriseId: otherId };
    // Filed 5 Oct (on or before the cutoff, day 20) → PREMIUM from 1 Nov; applied as the function would.
    const filed = await submitPackageChange(
      t.db,
      actor,
      { packageCode: "PREMIUM", reason: "业务增长" },
      cn("2026-10-05T09:00:00"),
    );
    expect(filed.effectiveOn).toBe("2026-11-01");
    await applyDuePackageChanges(t.db, cn("2026-11-01T00:01:00"));
    const november = await meteringSummary(t.db, otherId, cn("2026-11-02T10:00:00"));
    expect(november?.package.code).toBe("PREMIUM");
    expect(november?.today.dailyCap).toBe(20_000);
    expect(november?.period).toMatchObject({ includedMessages: 20_000, overagePriceLi: 40 });
    const october = await meteringSummary(t.db, otherId, cn("2026-10-31T20:00:00"));
    // October still reads as STANDARD (the history), though the contract now carries PREMIUM.
    expect(october?.period).toMatchObject({ includedMessages: 5_000, overagePriceLi: 45, overageFen: 50 });
  });
});

describe("export", () => {
  const zh = translator("zh");
  const en = translator("en");
  const finance = { role: "FINANCE" as const, enterpriseId: null };

  test("CSV by month: UTF-8 with BOM, CRLF, translated labels, a total row", async () => {
    const user = { role: "CUSTOMER_ADMIN" as const, enterpriseId: otherId };
    const file = await usageExportFor(
      t.db,
      user,
      new URLSearchParams({ format: "csv", from: "2026-10-01", to: "2026-10-31", by: "month" }),
      zh,
      cn("2026-12-01T12:00:00"),
    );
    expect(file.contentType).toBe("text/csv; charset=utf-8");
    expect(file.fileName).toBe("usage-20261001-20261031-month.csv");
    expect(new TextDecoder("utf-8", { ignoreBOM: true }).decode(file.body)).toBe(
      "\uFEFF月份,用途,最终状态,短信数,分段数,计费条数\r\n" +
        "2026-10,客户服务,已退订,1,1,0\r\n" +
        "2026-10,通知,成功,5005,5008,5008\r\n" +
        "2026-10,通知,被拒,1,2,1\r\n" +
        "2026-10,验证码,失败,2,2,2\r\n" +
        "合计,,,5009,5013,5011\r\n",
    );
  });

  test("XLSX by day for FINANCE naming the enterprise: numbers are numbers", async () => {
    const file = await usageExportFor(
      t.db,
      finance,
      new URLSearchParams({ format: "xlsx", from: "2026-10-31", to: "2026-11-01", by: "day", enterpriseId: otherId }),
      en,
      cn("2026-12-01T12:00:00"),
    );
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(Buffer.from(file.body) as unknown as ArrayBuffer);
    const sheet = workbook.worksheets[0]!;
    expect(sheet.name).toBe("Usage");
    const rows = (sheet.getSheetValues() as unknown[][]).filter(Boolean).map((r) => r.slice(1));
    expect(rows).toEqual([
      ["Date", "Purpose", "Final state", "Messages", "Segments", "Billable segments"],
      ["2026-10-31", "Verification code", "Undelivered", 2, 2, 2],
      ["2026-11-01", "Verification code", "Delivered", 1, 1, 1],
      ["Total", undefined, undefined, 3, 3, 3], // empty cells are left out
    ]);
  });

  test("who may download: another enterprise's id is not found, FINANCE must name one, other staff are refused, bad input is a 400", async () => {
    const now = cn("2026-12-01T12:00:00");
    const q = (extra: Record<string, string>) => new URLSearchParams({ format: "csv", ...extra });
    const code = (p: Promise<unknown>) =>
      p.then(
        () => "ok",
        (e: AppError) => e.code,
      );
    expect(
      await code(
        usageExportFor(
          t.db,
          { role: "CUSTOMER_OPERATOR", enterpriseId: demo.enterpriseId },
          q({ enterpriseId: otherId }),
          zh,
          now,
        ),
      ),
    ).toBe("NOT_FOUND");
    expect(await code(usageExportFor(t.db, finance, q({}), zh, now))).toBe("INVALID_REQUEST");
    expect(await code(usageExportFor(t.db, finance, q({ enterpriseId: "nope" }), zh, now))).toBe("NOT_FOUND");
    expect(
      await code(usageExportFor(t.db, { role: "SALES", enterpriseId: null }, q({ enterpriseId: otherId }), zh, now)),
    ).toBe("FORBIDDEN");
    expect(
      await code(
        usageExportFor(t.db, { role: "CUSTOMER_ADMIN", enterpriseId: otherId }, q({ format: "pdf" }), zh, now),
      ),
    ).toBe("INVALID_REQUEST");
    const reversed = await usageExportFor(
      t.db,
      finance,
      q({ enterpriseId: otherId, from: "2026-11-02", to: "2026-11-01" }),
      en,
      now,
    ).catch((e: AppError) => e);
    expect(reversed).toMatchObject({
      code: "INVALID_REQUEST",
      params: { detail: expect.stringContaining("at most 731 days") },
    });
  });
});

describe("router", () => {
  const callerAs = (email: string, now = cn("2026-10-31T20:00:00")) => callerFor(t.db, email, { now });

  test("customers read their own metering and reports; FINANCE names the enterprise; other staff are refused", async () => {
    const other = await callerAs("admin@other.example.com");
    expect((await other.usage.metering())?.today.billableSegments).toBe(2);
    expect(
      (await other.usage.report({ from: "2026-10-01", to: "2026-10-31", by: "month" })).total.billableSegments,
    ).toBe(5_011);
    expect(await trpcCode(other.usage.report({ enterpriseId: demo.enterpriseId }))).toBe("NOT_FOUND");
    expect(await trpcCode(other.usage.report({ from: "2026-10-31", to: "2026-10-01" }))).toBe("BAD_REQUEST");
    expect(await trpcCode(other.usage.report({ from: "31/10/2026" }))).toBe("BAD_REQUEST");

    const finance = await callerAs("finance@bureau.example.com");
    expect(
      (await finance.usage.report({ from: "2026-10-01", to: "2026-10-31", by: "month", enterpriseId: otherId })).total
        .billableSegments,
    ).toBe(5_011);
    expect(await trpcCode(finance.usage.report({}))).toBe("BAD_REQUEST");
    expect(await trpcCode(finance.usage.metering())).toBe("FORBIDDEN");
    for (const email of ["sales@bureau.example.com", "compliance@bureau.example.com"]) {
      expect(await trpcCode((await callerAs(email)).usage.report({ enterpriseId: otherId })), email).toBe("FORBIDDEN");
    }
  });

  test("package history and the change form's outlook", async () => {
    const operator = await callerAs("operator@demo.example.com", cn("2026-12-20T23:59:00"));
    const { outlook, history } = await operator.usage.packages();
    expect(history.map((h) => [h.from, h.to, h.package.code, h.price.version])).toEqual([
      ["2026-01-01", null, "BASIC", 2],
    ]);
    // 20 December is the cutoff day: a change filed now takes effect on 1 January.
    expect(outlook).toMatchObject({
      contractNumber: "QXT-HT-2026-0001",
      cutoffDay: 20,
      today: "2026-12-20",
      effectiveOnIfSubmittedToday: "2027-01-01",
      pending: null,
    });
    const dayAfter = await (await callerAs("operator@demo.example.com", cn("2026-12-21T00:00:00"))).usage.packages();
    expect(dayAfter.outlook?.effectiveOnIfSubmittedToday).toBe("2027-02-01");

    const other = await (await callerAs("admin@other.example.com", cn("2026-11-02T10:00:00"))).usage.packages();
    expect(other.history.map((h) => [h.from, h.to, h.package.code, h.changeId !== null])).toEqual([
      ["2026-01-01", "2026-10-31", "STANDARD", false],
      ["2026-11-01", null, "PREMIUM", true],
    ]);
  });
});

describe("through the pipeline", () => {
  test(
    "today's sends: report and metering agree with DailyUsage, and the month's with the statement",
    { timeout: 120_000 },
    async () => {
      const numbers = await addContacts(t.db, demo.enterpriseId, 13_700_000_000, 7);
      // Over 70 characters with the signature: 2 segments each.
      const long =
        "尊敬的客户：您本月的账单已经生成，请登录企业门户查看明细并在缴费期内完成缴费，逾期将按合同约定收取违约金。如有疑问请致电客服热线。";
      const pipeline = await startInProcessPipeline(t.db, { outcomeMix: { DELIVRD: 60, UNDELIV: 40 } });
      try {
        const a = await acceptSendJob(
          t.db,
          demo,
          { source: "PORTAL", purpose: "NOTICE", content: long, recipients: { numbers: numbers.slice(0, 4) } },
          new Date(),
        );
        const b = await acceptSendJob(
          t.db,
          demo,
          {
            source: "PORTAL",
            purpose: "VERIFICATION",
            content: "您的验证码是 123456",
            recipients: { numbers: numbers.slice(4) },
          },
          new Date(),
        );
        expect([a.segmentsPerMessage, b.segmentsPerMessage]).toEqual([2, 1]);
        for (const job of [a, b]) {
          await waitFor(
            async () => (await t.db.sendJob.findUniqueOrThrow({ where: { id: job.jobId } })).status === "COMPLETED",
            60_000,
            () => `job ${job.jobId} not completed`,
          );
        }
      } finally {
        await pipeline.close();
      }
      const now = new Date();
      const today = toChinaDate(now);
      const day = formatChinaDate(today);
      const metered = await t.db.dailyUsage.findUniqueOrThrow({
        where: { enterpriseId_day: { enterpriseId: demo.enterpriseId, day: toDbDate(today) } },
      });
      expect(metered.submittedSegments).toBe(4 * 2 + 3); // 11: undelivered segments were accepted by the carrier too

      const report = await usageReport(t.db, demo.enterpriseId, usageRange({ from: day, to: day }, now));
      expect(report.byPurpose.map((p) => [p.purpose, p.messages, p.billableSegments])).toEqual([
        ["NOTICE", 4, 8],
        ["VERIFICATION", 3, 3],
      ]);
      expect(report.byState.reduce((sum, s) => sum + s.messages, 0)).toBe(7);
      expect(report.byState.every((s) => s.state === "DELIVERED" || s.state === "UNDELIVERED")).toBe(true);
      expect(report.totals).toEqual([{ key: day, messages: 7, segments: 11, billableSegments: 11 }]);

      const summary = await meteringSummary(t.db, demo.enterpriseId, now);
      expect(summary?.today).toMatchObject({
        billableSegments: 11,
        reservedSegments: 11,
        dailyCap: 10_000,
        remaining: 9_989,
      });
      expect(summary?.chart[today.day - 1]?.current).toBe(11);

      const period = periodOf(today);
      await closePeriod(t.db, {
        period: formatPeriod(period),
        now: new Date(chinaDayStart(periodFirstDay(nextPeriod(period))).getTime() + 10 * 60_000),
      });
      const statement = await t.db.statement.findFirstOrThrow({
        where: { enterpriseId: demo.enterpriseId, period: formatPeriod(period) },
      });
      const month = await usageReport(
        t.db,
        demo.enterpriseId,
        usageRange({ from: formatChinaDate(periodFirstDay(period)), to: day, by: "month" }, now),
      );
      expect(month.total.billableSegments).toBe(statement.usedSegments);
      expect(summary?.period?.usedSegments).toBe(statement.usedSegments);
    },
  );
});
