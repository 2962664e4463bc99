// Issue 13, items 2 and 3, against a real database on a clock the tests control:
//  - the package in force on a China date (cap, price) follows the change form's effective date, not
//    whether billing-package-changes has run: a send at 00:00:01 on the 1st, a send scheduled the day
//    before for the 1st, the metering card and the statement of the month all use the new package;
//  - a mutual termination effective 2026-12-03 serves and bills 1–3 December (3/31 days), not the 4th.
// The package here: 200.00 元 a month, 5,000 included, 0.050 元 over, 5,000 a day (so 3/31 of it is
// 19.35 元 and 484 messages, 4/31 would be 25.81 元 and 645).
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { seedDemo } from "@/prisma/demo-data";
import type { Actor } from "../audit/log";
import { formatChinaDate, fromDbDate, parseChinaDate, toDbDate } from "../clock";
import { decideTermination, requestTermination, runContractLifecycle, terminateForCause } from "../contracts/lifecycle";
import { contractDetail } from "../contracts/queries";
import type { ContractStatus } from "../generated/prisma/client";
import { acceptSendJob, previewSendJob } from "../sending/accept";
import { addContacts } from "../testing/sending";
import { appCode } from "../testing/callers";
import { contractFixture } from "../testing/contracts";
import { createTestDatabase, type TestDatabase } from "../testing/database";
import { closePeriod } from "./close";
import { packageChangeOutlook, packageInForce, submitPackageChange, withdrawPackageChange } from "./package-changes";
import { meteringSummary } from "./usage";

let t: TestDatabase;
let bureau: Actor;

/** An instant given in China time. */
const cn = (local: string) => new Date(`${local}+08:00`);

/** An enterprise ready to send (approved signature, `contacts` numbers in its address book) on a package. */
async function customerOn(
  packageCode: string,
  options: { start?: string; end?: string; status?: ContractStatus; contacts?: number } = {},
) {
  const { contract, enterprise, user, seq } = await contractFixture(t.db, packageCode, {
    prefix: "INFORCE",
    ...options,
  });
  await t.db.smsSignature.create({
    data: {
      enterpriseId: enterprise.id,
      text: "套餐测试",
      status: "APPROVED",
      decidedAt: new Date(),
      createdById: user.id,
    },
  });
  const numbers = options.contacts
    ? await addContacts(t.db, enterprise.id, 13_100_000_000 + seq * 10_000, options.contacts)
    : [];
  const admin = {
    userId: user.id,
    role: "CUSTOMER_ADMIN" as const,
    enterpriseId: enterprise.id,
    ip: null,
    userAgent: "vitest",
  };
  return { contract, enterprise, admin, numbers };
}

const send = (numbers: string[], scheduleAt?: Date) => ({
  source: "PORTAL" as const,
  purpose: "NOTICE" as const,
  content: "您好，十二月起套餐变更。",
  recipients: { numbers },
  ...(scheduleAt ? { scheduleAt } : {}),
});

const statementOf = (contractId: string, period: string) =>
  t.db.statement.findUniqueOrThrow({
    where: { contractId_period: { contractId, period } },
    include: { lines: { orderBy: { seq: "asc" } } },
  });

beforeAll(async () => {
  t = await createTestDatabase();
  await seedDemo(t.db);
  await t.db.package.create({
    data: {
      code: "DAILY5000",
      nameZh: "五千套餐",
      nameEn: "5,000 a day",
      sortOrder: 5,
      prices: {
        create: [
          {
            version: 1,
            effectiveFrom: toDbDate(parseChinaDate("2025-01-01")),
            baseFeeFen: 20_000,
            includedMessages: 5_000,
            overagePriceLi: 50,
            dailyCap: 5_000,
          },
        ],
      },
    },
  });
  const u = await t.db.user.findUniqueOrThrow({ where: { email: "sales@bureau.example.com" } });
  bureau = { userId: u.id, role: u.role };
});
afterAll(async () => t?.drop());

describe("the package in force on a China date (item 2)", () => {
  test("free package (500 a day) → 5,000-a-day package effective 1 December, the package-change job never run", async () => {
    const { contract, enterprise, admin, numbers } = await customerOn("FREE", { contacts: 600 });
    expect(contract.freePackageDailyCap).toBe(500);
    const change = await submitPackageChange(
      t.db,
      admin,
      { packageCode: "DAILY5000", reason: "业务量增加" },
      cn("2026-11-10T10:00:00"),
    );
    expect(change.effectiveOn).toBe("2026-12-01");

    // 30 November, still the free package: 600 segments today exceed its 500.
    const refused = await acceptSendJob(t.db, admin, send(numbers), cn("2026-11-30T10:00:00")).catch(
      (error: unknown) => error,
    );
    expect(refused).toMatchObject({ code: "DAILY_CAP_EXCEEDED", params: { cap: 500, requested: 600 } });
    // The same 600 scheduled on the 30th for 1 December 08:00 count against the 1st's cap: 5,000.
    const preview = await previewSendJob(
      t.db,
      enterprise.id,
      send(numbers, cn("2026-12-01T08:00:00")),
      cn("2026-11-30T10:00:00"),
    );
    expect(preview).toMatchObject({ dailyCap: 5_000, quotaDay: "2026-12-01", segments: 600 });
    const scheduled = await acceptSendJob(
      t.db,
      admin,
      send(numbers, cn("2026-12-01T08:00:00")),
      cn("2026-11-30T10:00:00"),
    );
    expect(scheduled).toMatchObject({ status: "SCHEDULED", accepted: 600 });

    // 1 December 00:00:01 China time, before any job ran: the new package's cap (600 + 600 ≤ 5,000).
    const atMidnight = await acceptSendJob(t.db, admin, send(numbers), cn("2026-12-01T00:00:01"));
    expect(atMidnight).toMatchObject({ status: "QUEUED", accepted: 600 });
    const usage = await t.db.dailyUsage.findUniqueOrThrow({
      where: { enterpriseId_day: { enterpriseId: enterprise.id, day: toDbDate(parseChinaDate("2026-12-01")) } },
    });
    expect(usage.reservedSegments).toBe(1_200);
    // The change is still PENDING in the table, and the contract row still names the free package.
    expect((await t.db.packageChangeRequest.findUniqueOrThrow({ where: { id: change.id } })).status).toBe("PENDING");
    expect(
      (await t.db.contract.findUniqueOrThrow({ where: { id: contract.id }, include: { package: true } })).package.code,
    ).toBe("FREE");

    // Everything that shows "the package" agrees on the 1st; the 30th is still the free package.
    const dec1 = await packageInForce(t.db, contract.id, parseChinaDate("2026-12-01"));
    expect(dec1).toMatchObject({
      from: "2026-12-01",
      package: { code: "DAILY5000" },
      terms: { dailyCap: 5_000, baseFeeFen: 20_000, includedMessages: 5_000, overagePriceLi: 50 },
    });
    expect((await packageInForce(t.db, contract.id, parseChinaDate("2026-11-30"))).terms).toEqual({
      dailyCap: 500,
      baseFeeFen: 0,
      includedMessages: 0,
      overagePriceLi: 45,
    });
    const metering = await meteringSummary(t.db, enterprise.id, cn("2026-12-01T00:00:01"));
    expect(metering).toMatchObject({
      package: { code: "DAILY5000" },
      today: { dailyCap: 5_000, reservedSegments: 1_200, remaining: 3_800 },
      period: { includedMessages: 5_000, overagePriceLi: 50 },
    });
    const detail = await contractDetail(t.db, contract.id, cn("2026-12-01T00:00:01"));
    expect(detail.inForce.package.code).toBe("DAILY5000");
    const { outlook, history } = await packageChangeOutlook(t.db, enterprise.id, cn("2026-12-01T00:00:01"));
    expect(outlook).toMatchObject({ current: { code: "DAILY5000" }, pending: null });
    expect(history.map((h) => [h.package.code, h.from, h.to])).toEqual([
      ["FREE", "2026-01-01", "2026-11-30"],
      ["DAILY5000", "2026-12-01", null],
    ]);
    // A change in force can no longer be withdrawn, job or no job.
    expect(await appCode(withdrawPackageChange(t.db, admin, change.id, cn("2026-12-01T00:00:02")))).toBe(
      "REQUEST_NOT_PENDING",
    );

    // December closes on the new package without the change ever having been applied by the job.
    await closePeriod(t.db, { period: "2026-12", now: cn("2027-01-01T00:10:00") });
    const statement = await statementOf(contract.id, "2026-12");
    expect(statement).toMatchObject({
      packageCode: "DAILY5000",
      activeDays: 31,
      baseFeeFen: 20_000,
      includedMessages: 5_000,
      overagePriceLi: 50,
      totalFen: 20_000,
    });
    // November was the free package.
    await closePeriod(t.db, { period: "2026-11", now: cn("2027-01-01T00:20:00") });
    expect(await statementOf(contract.id, "2026-11")).toMatchObject({
      packageCode: "FREE",
      baseFeeFen: 0,
      includedMessages: 0,
      overagePriceLi: 45,
    });
  });

  test("a change due after the contract ended never takes effect; one due before its last day does", async () => {
    const { contract, admin } = await customerOn("FREE");
    await submitPackageChange(t.db, admin, { packageCode: "DAILY5000", reason: "升级" }, cn("2026-11-10T10:00:00"));
    // Ended for cause on 30 November: the 1 December change never applies.
    await terminateForCause(t.db, bureau, contract.id, "CARRIER_POLICY", "运营商政策调整", cn("2026-11-30T15:00:00"));
    expect(
      formatChinaDate(fromDbDate((await t.db.contract.findUniqueOrThrow({ where: { id: contract.id } })).endDate)),
    ).toBe("2026-11-30");
    expect((await packageInForce(t.db, contract.id, parseChinaDate("2026-12-01"))).package.code).toBe("FREE");

    const second = await customerOn("FREE");
    await submitPackageChange(
      t.db,
      second.admin,
      { packageCode: "DAILY5000", reason: "升级" },
      cn("2026-11-10T10:00:00"),
    );
    await terminateForCause(
      t.db,
      bureau,
      second.contract.id,
      "CARRIER_POLICY",
      "运营商政策调整",
      cn("2026-12-02T15:00:00"),
    );
    expect((await packageInForce(t.db, second.contract.id, parseChinaDate("2026-12-01"))).package.code).toBe(
      "DAILY5000",
    );
    await closePeriod(t.db, { period: "2026-12", now: cn("2027-01-01T00:30:00") });
    // 1–2 December (the day of a termination for cause is served): 2/31 of 200.00 元 = 12.90 元, 323 messages.
    expect(await statementOf(second.contract.id, "2026-12")).toMatchObject({
      packageCode: "DAILY5000",
      activeDays: 2,
      baseFeeFen: 1_290,
      includedMessages: 323,
    });
  });
});

describe("the last day of service (item 3)", () => {
  async function terminatedOn(
    effectiveOn: string,
    options: { requestedAt: string; confirmedAt: string; lifecycleAt: string },
  ) {
    const { contract, admin } = await customerOn("DAILY5000");
    const request = await requestTermination(
      t.db,
      admin,
      "CUSTOMER",
      contract.id,
      { reason: "业务调整", effectiveOn },
      cn(options.requestedAt),
    );
    await decideTermination(t.db, bureau, "BUREAU", request.id, "CONFIRM", undefined, cn(options.confirmedAt));
    await runContractLifecycle(t.db, cn(options.lifecycleAt));
    return t.db.contract.findUniqueOrThrow({ where: { id: contract.id } });
  }

  test("a mutual termination effective 2026-12-03: served to 3 December 24:00, billed 3/31 days (19.35 元, 484 included)", async () => {
    // Still in force on the 3rd until 24:00: the lifecycle at 23:59 leaves it running.
    const { contract, admin } = await customerOn("DAILY5000");
    const request = await requestTermination(
      t.db,
      admin,
      "CUSTOMER",
      contract.id,
      { reason: "业务调整", effectiveOn: "2026-12-03" },
      cn("2026-12-01T10:00:00"),
    );
    await decideTermination(t.db, bureau, "BUREAU", request.id, "CONFIRM", undefined, cn("2026-12-02T10:00:00"));
    await runContractLifecycle(t.db, cn("2026-12-03T23:59:59"));
    expect((await t.db.contract.findUniqueOrThrow({ where: { id: contract.id } })).status).toBe("ACTIVE");
    await runContractLifecycle(t.db, cn("2026-12-04T00:00:30"));
    await closePeriod(t.db, { period: "2026-12", now: cn("2027-01-01T01:00:00") });
    const statement = await statementOf(contract.id, "2026-12");
    expect(statement).toMatchObject({
      activeDays: 3,
      daysInPeriod: 31,
      baseFeeFen: 1_935,
      includedMessages: 484,
      totalFen: 1_935,
    });
    expect(formatChinaDate(fromDbDate(statement.activeTo))).toBe("2026-12-03");
    expect(statement.lines[0]).toMatchObject({
      kind: "BASE_FEE",
      description: "基本月租 五千套餐（3/31 天）",
      amountFen: 1_935,
    });
    // Stored as the last day of service (inclusive); endedAt is the instant it stopped, 24:00 of that day.
    const ended = await t.db.contract.findUniqueOrThrow({ where: { id: contract.id } });
    expect(ended).toMatchObject({
      status: "TERMINATED",
      endReason: "MUTUAL_TERMINATION",
      endedAt: cn("2026-12-04T00:00:00"),
    });
    expect(formatChinaDate(fromDbDate(ended.endDate))).toBe("2026-12-03");
    // Nothing after December.
    await closePeriod(t.db, { period: "2027-01", now: cn("2027-02-01T01:00:00") });
    expect(await t.db.statement.count({ where: { contractId: contract.id } })).toBe(1);
  });

  test("effective on the 1st: one day (1/31: 6.45 元, 161 included); on the last day of the month: the whole month and nothing after", async () => {
    const first = await terminatedOn("2027-03-01", {
      requestedAt: "2027-02-10T10:00:00",
      confirmedAt: "2027-02-11T10:00:00",
      lifecycleAt: "2027-03-02T00:05:00",
    });
    expect(formatChinaDate(fromDbDate(first.endDate))).toBe("2027-03-01");
    const last = await terminatedOn("2027-03-31", {
      requestedAt: "2027-03-10T10:00:00",
      confirmedAt: "2027-03-11T10:00:00",
      lifecycleAt: "2027-04-01T00:05:00",
    });
    expect(formatChinaDate(fromDbDate(last.endDate))).toBe("2027-03-31");
    await closePeriod(t.db, { period: "2027-03", now: cn("2027-04-01T01:00:00") });
    expect(await statementOf(first.id, "2027-03")).toMatchObject({
      activeDays: 1,
      baseFeeFen: 645,
      includedMessages: 161,
    });
    expect(await statementOf(last.id, "2027-03")).toMatchObject({
      activeDays: 31,
      baseFeeFen: 20_000,
      includedMessages: 5_000,
    });
    await closePeriod(t.db, { period: "2027-04", now: cn("2027-05-01T01:00:00") });
    expect(await t.db.statement.count({ where: { contractId: { in: [first.id, last.id] }, period: "2027-04" } })).toBe(
      0,
    );
  });

  test("effective 31 December: December billed whole, January not at all", async () => {
    const ended = await terminatedOn("2027-12-31", {
      requestedAt: "2027-12-01T10:00:00",
      confirmedAt: "2027-12-02T10:00:00",
      lifecycleAt: "2028-01-01T00:00:00",
    });
    expect(ended).toMatchObject({ status: "TERMINATED", endedAt: cn("2028-01-01T00:00:00") });
    await closePeriod(t.db, { period: "2027-12", now: cn("2028-01-01T01:00:00") });
    await closePeriod(t.db, { period: "2028-01", now: cn("2028-02-01T01:00:00") });
    expect(await statementOf(ended.id, "2027-12")).toMatchObject({ activeDays: 31, baseFeeFen: 20_000 });
    expect(await t.db.statement.count({ where: { contractId: ended.id, period: "2028-01" } })).toBe(0);
  });
});
