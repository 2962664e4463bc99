// Billing against a real database on a clock the tests control: period close, payments and invoices,
// credit notes, collections (reminders, suspension, reinstatement) and package changes.
// Amounts are worked out by hand in the comments. Usage is metered as DailyUsage rows, which is what
// the sending pipeline writes when the carrier accepts a segment.
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { seedDemo } from "@/prisma/demo-data";
import type { Actor } from "../audit/log";
import { fromDbDate, parseChinaDate, toChinaDate, toDbDate } from "../clock";
import { assertCanSend, terminateForCause } from "../contracts/lifecycle";
import type { ContractStatus } from "../generated/prisma/client";
import { contractDailyCap } from "../sending/quota";
import { appCode } from "../testing/callers";
import { contractFixture } from "../testing/contracts";
import { createTestDatabase, type TestDatabase } from "../testing/database";
import { closePeriod } from "./close";
import { runCollections } from "./collections";
import { accountCreditFen, contractOwed } from "./ledger";
import { applyDuePackageChanges, packageChanges, submitPackageChange, withdrawPackageChange } from "./package-changes";
import { addAdjustment, issueCreditNote, recordPayment } from "./payments";
import type { OutgoingMail } from "../mail/transport";
import { deliverPendingReminders } from "./reminders";

let t: TestDatabase;
let finance: Actor;

/** An instant given in China time. */
const cn = (local: string) => new Date(`${local}+08:00`);

/** An enterprise with a contract on a package, in force from startDate. */
async function contractOn(
  packageCode: string,
  options: { start: string; end?: string; status?: ContractStatus } = { start: "2026-01-01" },
) {
  const { contract, enterprise, user } = await contractFixture(t.db, packageCode, { prefix: "BILLING", ...options });
  const admin: Actor & { enterpriseId: string } = {
    userId: user.id,
    role: "CUSTOMER_ADMIN",
    enterpriseId: enterprise.id,
  };
  return { contract, enterprise, admin };
}

async function meter(enterpriseId: string, day: string, segments: number) {
  await t.db.dailyUsage.create({
    data: { enterpriseId, day: toDbDate(parseChinaDate(day)), submittedSegments: segments, reservedSegments: segments },
  });
}

const statementOf = (contractId: string, period: string) =>
  t.db.statement.findUniqueOrThrow({
    where: { contractId_period: { contractId, period } },
    include: { lines: { orderBy: { seq: "asc" } }, invoice: true },
  });

beforeAll(async () => {
  t = await createTestDatabase();
  await seedDemo(t.db);
  const u = await t.db.user.findUniqueOrThrow({ where: { email: "finance@bureau.example.com" } });
  finance = { userId: u.id, role: u.role };
});
afterAll(async () => t.drop());

describe("period close (二 3)", () => {
  test("BASIC (100.00 元, 1,000 included, 0.050 元) with 1,234 segments in November → 111.70 元; the close waits for 24:00 China time", async () => {
    const { contract, enterprise } = await contractOn("BASIC", { start: "2026-01-01" });
    await meter(enterprise.id, "2026-10-31", 5_000); // October: not November's
    await meter(enterprise.id, "2026-11-01", 1_000);
    await meter(enterprise.id, "2026-11-30", 234); // the last China day of the period counts
    await meter(enterprise.id, "2026-12-01", 7_000); // December: not November's

    // The server's clock in UTC: 15:59:59 on 30 November is still 23:59:59 in China.
    expect(await appCode(closePeriod(t.db, { period: "2026-11", now: new Date("2026-11-30T15:59:59Z") }))).toBe(
      "PERIOD_NOT_ENDED",
    );
    // 16:00 UTC on the last day of the month is 00:00 on 1 December in China: the period has ended.
    const summary = await closePeriod(t.db, { period: "2026-11", now: new Date("2026-11-30T16:00:00Z") });
    expect(summary.issued.length).toBeGreaterThanOrEqual(1);

    const s = await statementOf(contract.id, "2026-11");
    // 1,234 − 1,000 = 234 × 50 li = 11,700 li = 1,170 fen; + 10,000 = 11,170 fen
    expect(s).toMatchObject({
      usedSegments: 1_234,
      overageSegments: 234,
      baseFeeFen: 10_000,
      principalFen: 11_170,
      carriedLateFeeFen: 0,
      totalFen: 11_170,
      activeDays: 30,
      daysInPeriod: 30,
      packageCode: "BASIC",
    });
    expect(s.number).toMatch(/^QXT-202611-\d{6}$/);
    expect(s.lines.map((l) => [l.kind, l.quantity, l.unitPrice, l.amountFen])).toEqual([
      ["BASE_FEE", 1, 10_000, 10_000],
      ["OVERAGE", 234, 50, 1_170],
    ]);
    expect(s.lines[1]?.description).toBe("超出短信：用量 1234 条，赠送 1000 条，超出 234 条，每条 0.050 元");
    expect(fromDbDate(s.dueDate)).toEqual(parseChinaDate("2026-12-15"));
    expect(fromDbDate(s.graceEnd)).toEqual(parseChinaDate("2026-12-25"));
  });

  test("the free package at 0.045 元 × 333 segments → 14.99 元 (14.985 rounded half-up)", async () => {
    const { contract, enterprise } = await contractOn("FREE", { start: "2026-01-01" });
    await meter(enterprise.id, "2026-11-15", 333);
    await closePeriod(t.db, { period: "2026-11", now: cn("2026-12-01T00:10:00") });
    const s = await statementOf(contract.id, "2026-11");
    // 333 × 45 li = 14,985 li = 1,498.5 fen → 1,499 fen; no base fee line
    expect(s.totalFen).toBe(1_499);
    expect(s.lines.map((l) => l.kind)).toEqual(["OVERAGE"]);
  });

  test("a month with nothing to pay still gets its statement: 0.00 元, numbered, settled at issue, no invoice", async () => {
    const { contract } = await contractOn("FREE", { start: "2026-01-01" });
    await closePeriod(t.db, { period: "2026-11", now: cn("2026-12-01T00:10:00") });
    const s = await statementOf(contract.id, "2026-11");
    expect(s.totalFen).toBe(0);
    expect(s.number).toMatch(/^QXT-202611-\d{6}$/);
    expect(s.settledAt?.getTime()).toBe(cn("2026-12-01T00:10:00").getTime());
    expect(s.invoice).toBeNull();
    expect(await contractOwed(t.db, contract.id, parseChinaDate("2026-12-31"))).toBe(0);
  });

  test("running the close twice changes nothing; numbers of a period run 1..n without gaps", async () => {
    const before = await t.db.statement.findMany({ where: { period: "2026-11" }, orderBy: { number: "asc" } });
    const again = await closePeriod(t.db, { period: "2026-11", now: cn("2026-12-01T09:00:00") });
    expect(again.issued).toEqual([]);
    expect(again.alreadyIssued).toBe(before.length);
    const after = await t.db.statement.findMany({ where: { period: "2026-11" }, orderBy: { number: "asc" } });
    expect(after.map((s) => [s.id, s.number, s.totalFen])).toEqual(before.map((s) => [s.id, s.number, s.totalFen]));
    expect(after.map((s) => Number(s.number.slice(-6)))).toEqual(after.map((_, i) => i + 1));
    expect((await t.db.counter.findUniqueOrThrow({ where: { key: "statement:202611" } })).value).toBe(after.length);
  });

  test("a contract starting mid-month pays the base fee and gets the included messages for its days only", async () => {
    // Proration rule: base fee and included messages × days in force / days in the month, rounded half-up once.
    const { contract, enterprise } = await contractOn("BASIC", { start: "2026-11-16" });
    await meter(enterprise.id, "2026-11-20", 600);
    await closePeriod(t.db, { period: "2026-11", now: cn("2026-12-01T00:10:00") });
    const s = await statementOf(contract.id, "2026-11");
    // 16–30 Nov = 15 of 30 days: base 10,000 × 15/30 = 5,000 fen; included 1,000 × 15/30 = 500;
    // overage 600 − 500 = 100 × 50 li = 500 fen; total 5,500 fen
    expect(s).toMatchObject({
      activeDays: 15,
      baseFeeFen: 5_000,
      includedMessages: 500,
      overageSegments: 100,
      totalFen: 5_500,
    });
  });

  test("a contract terminated mid-period gets its final statement for the days it was in force", async () => {
    const { contract, enterprise } = await contractOn("BASIC", { start: "2026-01-01" });
    // Ended for cause at 15:00 on 10 November: the 10th is its last day of service.
    await terminateForCause(t.db, finance, contract.id, "CARRIER_POLICY", "运营商政策调整", cn("2026-11-10T15:00:00"));
    await meter(enterprise.id, "2026-11-05", 400);
    await meter(enterprise.id, "2026-11-12", 900); // after the end: not billed
    await closePeriod(t.db, { period: "2026-11", now: cn("2026-12-01T00:10:00") });
    const s = await statementOf(contract.id, "2026-11");
    // 1–10 Nov = 10 of 30 days: base 10,000 × 10/30 = 3,333.3 → 3,333 fen; included 333.3 → 333; 400 − 333 = 67 × 50 li = 335 fen
    expect(s).toMatchObject({
      activeDays: 10,
      baseFeeFen: 3_333,
      includedMessages: 333,
      usedSegments: 400,
      overageSegments: 67,
      totalFen: 3_668,
    });
    // Nothing for December: the contract had ended.
    await closePeriod(t.db, { period: "2026-12", now: cn("2027-01-01T00:10:00") });
    expect(await t.db.statement.count({ where: { contractId: contract.id } })).toBe(1);
  });

  test("February of a leap year: 29 days, due 15 March", async () => {
    const { contract, enterprise } = await contractOn("BASIC", { start: "2028-02-11" });
    await meter(enterprise.id, "2028-02-29", 700);
    await closePeriod(t.db, { period: "2028-02", now: cn("2028-03-01T00:10:00") });
    const s = await statementOf(contract.id, "2028-02");
    // 11–29 Feb = 19 of 29 days: base 10,000 × 19/29 = 6,551.7 → 6,552; included 655.2 → 655; 700 − 655 = 45 × 50 li = 225 fen
    expect(s).toMatchObject({
      daysInPeriod: 29,
      activeDays: 19,
      baseFeeFen: 6_552,
      includedMessages: 655,
      usedSegments: 700,
      totalFen: 6_777,
    });
    expect(fromDbDate(s.dueDate)).toEqual(parseChinaDate("2028-03-15"));
  });
});

describe("payments, invoices and credit notes (二 3, 二 4)", () => {
  test("partial payment, then payment on the last day of grace: late fees before principal, the invoice follows, overpayment stays as credit", async () => {
    const { contract, enterprise } = await contractOn("BASIC", { start: "2026-01-01" });
    await meter(enterprise.id, "2026-11-10", 1_234);
    await closePeriod(t.db, { period: "2026-11", now: cn("2026-12-01T00:10:00") });
    const s = await statementOf(contract.id, "2026-11");
    expect(s.totalFen).toBe(11_170);

    // 20 Dec: 5 days late. Late fee 11,170 × 0.0005 × 5 = 27.925 → 28 fen first, then 4,972 principal.
    await recordPayment(
      t.db,
      finance,
      {
        contractId: contract.id,
        amountFen: 5_000,
        method: "BANK_TRANSFER",
        reference: "BT-001",
        receivedOn: "2026-12-20",
      },
      cn("2026-12-20T10:00:00"),
    );
    let allocations = await t.db.allocation.findMany({ where: { statementId: s.id }, orderBy: { createdAt: "asc" } });
    expect(allocations.map((a) => [a.lateFeeFen, a.principalFen])).toEqual([[28, 4_972]]);
    expect(await t.db.invoice.count({ where: { statementId: s.id } })).toBe(0);

    // 25 Dec, the last day of grace: accrued (5 × 11,170 + 5 × 6,198) × 0.0005 = 86,840 × 0.0005 = 43.42 → 43;
    // 43 − 28 paid = 15 fen late fee + 6,198 principal = 6,213 owed.
    expect(await contractOwed(t.db, contract.id, parseChinaDate("2026-12-25"))).toBe(6_213);
    // Paid 7,000 by cheque: 6,213 settles the statement, 787 stays on the account.
    await recordPayment(
      t.db,
      finance,
      { contractId: contract.id, amountFen: 7_000, method: "CHEQUE", reference: "CHQ-778", receivedOn: "2026-12-25" },
      cn("2026-12-25T16:00:00"),
    );
    allocations = await t.db.allocation.findMany({ where: { statementId: s.id }, orderBy: { createdAt: "asc" } });
    expect(allocations.map((a) => [a.lateFeeFen, a.principalFen])).toEqual([
      [28, 4_972],
      [15, 6_198],
    ]);
    const settled = await statementOf(contract.id, "2026-11");
    expect(settled.settledAt).not.toBeNull();
    // Invoice for what was paid on it: 5,000 + 6,213 = 11,213 fen (principal 11,170 + late fees 43)
    expect(settled.invoice).toMatchObject({ amountFen: 11_213 });
    expect(settled.invoice?.number).toMatch(/^QXT-FP-202612-\d{6}$/);
    expect(await accountCreditFen(t.db, contract.id)).toBe(787);
    // The statement itself never changed.
    expect(settled.totalFen).toBe(11_170);
    expect(settled.lines.map((l) => l.amountFen)).toEqual(s.lines.map((l) => l.amountFen));

    // December: base fee only (10,000); the 787 credit pays part of it at issue.
    await closePeriod(t.db, { period: "2026-12", now: cn("2027-01-01T00:10:00") });
    const dec = await statementOf(contract.id, "2026-12");
    expect(dec.totalFen).toBe(10_000);
    expect(await contractOwed(t.db, contract.id, parseChinaDate("2027-01-02"))).toBe(10_000 - 787);
    expect(await accountCreditFen(t.db, contract.id)).toBe(0);
  });

  test("a credit note corrects an issued statement; it cannot exceed what the statement can still be credited", async () => {
    const { contract } = await contractOn("BASIC", { start: "2026-01-01" });
    await closePeriod(t.db, { period: "2026-11", now: cn("2026-12-01T00:10:00") });
    const s = await statementOf(contract.id, "2026-11");
    expect(s.totalFen).toBe(10_000);
    const note = await issueCreditNote(
      t.db,
      finance,
      { statementId: s.id, amountFen: 2_500, reason: "网关故障补偿" },
      cn("2026-12-03T10:00:00"),
    );
    expect(note.number).toMatch(/^QXT-CN-2026-\d{6}$/);
    expect(await contractOwed(t.db, contract.id, parseChinaDate("2026-12-03"))).toBe(7_500);
    expect(
      await appCode(
        issueCreditNote(
          t.db,
          finance,
          { statementId: s.id, amountFen: 7_501, reason: "过多" },
          cn("2026-12-03T10:00:00"),
        ),
      ),
    ).toBe("CREDIT_NOTE_TOO_LARGE");
    // Paying the rest settles it; the invoice shows only the money paid.
    await recordPayment(
      t.db,
      finance,
      { contractId: contract.id, amountFen: 7_500, method: "CASH", reference: "R-1", receivedOn: "2026-12-05" },
      cn("2026-12-05T10:00:00"),
    );
    expect((await statementOf(contract.id, "2026-11")).invoice).toMatchObject({ amountFen: 7_500 });
  });

  test("an adjustment is billed on the next statement; a payment dated tomorrow is refused", async () => {
    const { contract } = await contractOn("BASIC", { start: "2026-01-01" });
    await addAdjustment(
      t.db,
      finance,
      { contractId: contract.id, amountFen: 1_234, reason: "专用签名报备费" },
      cn("2026-11-20T10:00:00"),
    );
    await closePeriod(t.db, { period: "2026-11", now: cn("2026-12-01T00:10:00") });
    const s = await statementOf(contract.id, "2026-11");
    expect(s.lines.map((l) => [l.kind, l.amountFen])).toEqual([
      ["BASE_FEE", 10_000],
      ["OVERAGE", 0],
      ["ADJUSTMENT", 1_234],
    ]);
    expect(s.principalFen).toBe(11_234);
    expect(
      await appCode(
        recordPayment(
          t.db,
          finance,
          { contractId: contract.id, amountFen: 100, method: "CASH", reference: "R", receivedOn: "2026-12-02" },
          cn("2026-12-01T23:59:00"),
        ),
      ),
    ).toBe("PAYMENT_DATE_INVALID");
  });
});

describe("a whole collections cycle on a controlled clock", () => {
  test("close, reminders before/on/after day Y, late fees carried, suspension past the threshold, reinstatement on full payment", async () => {
    const { contract, enterprise } = await contractOn("BASIC", { start: "2026-01-01" });
    await meter(enterprise.id, "2026-11-03", 1_234);
    await closePeriod(t.db, { period: "2026-11", now: cn("2026-12-01T00:10:00") });
    const nov = await statementOf(contract.id, "2026-11");
    expect(nov.totalFen).toBe(11_170);
    const reminders = async () =>
      (
        await t.db.reminderLog.findMany({
          where: { contractId: contract.id },
          orderBy: [{ createdAt: "asc" }, { channel: "asc" }],
        })
      ).map((r) => `${r.kind}/${r.channel}/${r.owedFen}/${r.status}`);

    await runCollections(t.db, cn("2026-12-11T00:20:00")); // 4 days before: nothing yet
    expect(await reminders()).toEqual([]);
    await runCollections(t.db, cn("2026-12-12T00:20:00"));
    await runCollections(t.db, cn("2026-12-13T00:20:00")); // once per kind and channel
    await runCollections(t.db, cn("2026-12-15T00:20:00"));
    await runCollections(t.db, cn("2026-12-16T00:20:00")); // first day of grace: 1 day × 11,170 × 0.0005 = 5.585 → 6 fen
    expect(await reminders()).toEqual([
      "BEFORE_DUE/EMAIL/11170/PENDING",
      "BEFORE_DUE/SMS/11170/PENDING",
      "DUE/EMAIL/11170/PENDING",
      "DUE/SMS/11170/PENDING",
      "GRACE/EMAIL/11176/PENDING",
      "GRACE/SMS/11176/PENDING",
    ]);
    const email = await t.db.reminderLog.findFirstOrThrow({ where: { contractId: contract.id, channel: "EMAIL" } });
    expect(email.recipient).toBe(enterprise.contactEmail);
    await assertCanSend(t.db, enterprise.id, cn("2026-12-26T10:00:00")); // grace over, still below the threshold

    // 1 Jan: December closes; late fees of 16–31 Dec move onto it: 16 × 11,170 × 0.0005 = 89.36 → 89 fen.
    await closePeriod(t.db, { period: "2026-12", now: cn("2027-01-01T00:10:00") });
    const dec = await statementOf(contract.id, "2026-12");
    expect(dec.lines.map((l) => [l.kind, l.amountFen])).toEqual([
      ["BASE_FEE", 10_000],
      ["OVERAGE", 0],
      ["LATE_FEE_CARRIED", 89],
    ]);
    expect(dec).toMatchObject({ principalFen: 10_000, carriedLateFeeFen: 89, totalFen: 10_089 });

    // Suspended after 14 Jan (day Y + 30): on the 14th still sending, on the 15th suspended.
    await runCollections(t.db, cn("2027-01-14T00:20:00"));
    expect((await t.db.contract.findUniqueOrThrow({ where: { id: contract.id } })).status).toBe("ACTIVE");
    const suspendedRun = await runCollections(t.db, cn("2027-01-15T00:20:00"));
    expect(suspendedRun.suspended).toContain(contract.number); // other unpaid test contracts too
    expect((await t.db.contract.findUniqueOrThrow({ where: { id: contract.id } })).status).toBe("SUSPENDED");
    expect(await appCode(assertCanSend(t.db, enterprise.id, cn("2027-01-15T09:00:00")))).toBe("ACCOUNT_SUSPENDED");
    expect(await t.db.reminderLog.count({ where: { contractId: contract.id, kind: "SUSPENSION" } })).toBe(2);

    // Owed on 16 Jan:
    //   November: accrued 16 Dec – 16 Jan = 32 days × 11,170 × 0.0005 = 178.72 → 179, minus 89 carried = 90; + 11,170 = 11,260
    //   December: 10,089, due 15 Jan; 1 day late on the 10,000 principal = 5 fen → 10,094
    //   everything: 21,354
    expect(await contractOwed(t.db, contract.id, parseChinaDate("2027-01-16"))).toBe(21_354);
    // A partial payment does not lift the suspension.
    const part = await recordPayment(
      t.db,
      finance,
      {
        contractId: contract.id,
        amountFen: 11_260,
        method: "BANK_TRANSFER",
        reference: "BT-1",
        receivedOn: "2027-01-16",
      },
      cn("2027-01-16T10:00:00"),
    );
    expect(part).toMatchObject({ reinstated: false, settledStatementIds: [nov.id] });
    expect((await t.db.contract.findUniqueOrThrow({ where: { id: contract.id } })).status).toBe("SUSPENDED");
    // Paying the rest lifts it in the same transaction: sending works again at once.
    const rest = await recordPayment(
      t.db,
      finance,
      {
        contractId: contract.id,
        amountFen: 10_094,
        method: "BANK_TRANSFER",
        reference: "BT-2",
        receivedOn: "2027-01-16",
      },
      cn("2027-01-16T10:05:00"),
    );
    expect(rest).toMatchObject({ reinstated: true, settledStatementIds: [dec.id] });
    await assertCanSend(t.db, enterprise.id, cn("2027-01-16T10:06:00"));
    expect(await contractOwed(t.db, contract.id, parseChinaDate("2027-02-01"))).toBe(0);
    // December's invoice: carried 89 + principal 10,000 + 5 late = 10,094
    expect((await statementOf(contract.id, "2026-12")).invoice).toMatchObject({ amountFen: 10_094 });
  });
});

describe("package changes (二 6)", () => {
  test("cutoff day 20: submitted at 23:59:59 China time on the 20th → 1 December; at 00:00 on the 21st (16:00 UTC) → 1 January", async () => {
    const { contract, admin } = await contractOn("BASIC", { start: "2026-01-01" });
    const onCutoff = await submitPackageChange(
      t.db,
      admin,
      { packageCode: "STANDARD", reason: "业务量增加" },
      new Date("2026-11-20T15:59:59Z"),
    );
    expect(onCutoff.effectiveOn).toBe("2026-12-01");
    expect(
      await appCode(
        submitPackageChange(t.db, admin, { packageCode: "PREMIUM", reason: "再改" }, new Date("2026-11-20T16:00:00Z")),
      ),
    ).toBe("PACKAGE_CHANGE_PENDING");
    await withdrawPackageChange(t.db, admin, onCutoff.id, new Date("2026-11-20T16:00:00Z"));
    expect(await appCode(withdrawPackageChange(t.db, admin, onCutoff.id, new Date("2026-11-20T16:00:00Z")))).toBe(
      "REQUEST_NOT_PENDING",
    );
    expect(
      await appCode(
        submitPackageChange(
          t.db,
          admin,
          { packageCode: "BASIC", reason: "同一套餐" },
          new Date("2026-11-20T16:00:00Z"),
        ),
      ),
    ).toBe("PACKAGE_CHANGE_SAME");
    const afterCutoff = await submitPackageChange(
      t.db,
      admin,
      { packageCode: "STANDARD", reason: "业务量增加" },
      new Date("2026-11-20T16:00:00Z"),
    );
    expect(afterCutoff.effectiveOn).toBe("2027-01-01");

    // 1 December 00:01: not due yet.
    expect(await applyDuePackageChanges(t.db, cn("2026-12-01T00:01:00"))).toEqual({ applied: 0, dropped: 0 });
    expect(await contractDailyCap(t.db, contract.id, parseChinaDate("2026-12-01"))).toBe(1_000);
    // 1 January 00:01 China time: applied; the daily cap follows STANDARD (5,000).
    expect(await applyDuePackageChanges(t.db, cn("2027-01-01T00:01:00"))).toEqual({ applied: 1, dropped: 0 });
    expect(await contractDailyCap(t.db, contract.id, parseChinaDate("2027-01-01"))).toBe(5_000);
    // Another tenant cannot withdraw or see it.
    const other = await contractOn("BASIC", { start: "2026-01-01" });
    expect(await appCode(withdrawPackageChange(t.db, other.admin, afterCutoff.id, cn("2027-01-01T01:00:00")))).toBe(
      "NOT_FOUND",
    );
    expect(await packageChanges(t.db, other.enterprise.id)).toEqual([]);
    const history = await packageChanges(t.db, admin.enterpriseId);
    expect(history.map((h) => [h.status, h.from.code, h.to.code, h.effectiveOn])).toEqual([
      ["APPLIED", "BASIC", "STANDARD", "2027-01-01"],
      ["WITHDRAWN", "BASIC", "STANDARD", "2026-12-01"],
    ]);

    // December closes at 00:10 after the change applied at 00:01, and is still billed on BASIC; January on STANDARD.
    await closePeriod(t.db, { period: "2026-12", now: cn("2027-01-01T00:10:00") });
    expect(await statementOf(contract.id, "2026-12")).toMatchObject({ packageCode: "BASIC", baseFeeFen: 10_000 });
    await closePeriod(t.db, { period: "2027-01", now: cn("2027-02-01T00:10:00") });
    expect(await statementOf(contract.id, "2027-01")).toMatchObject({
      packageCode: "STANDARD",
      baseFeeFen: 30_000,
      includedMessages: 5_000,
    });
    expect(toChinaDate(new Date("2026-11-20T16:00:00Z"))).toEqual(parseChinaDate("2026-11-21"));
  });
});

describe("reminder delivery", () => {
  test("pending reminders go out: e-mail through the mailer with the statement PDF, SMS as a bureau send job", async () => {
    const pending = await t.db.reminderLog.count({ where: { status: "PENDING" } });
    expect(pending).toBeGreaterThan(0);
    const emails: OutgoingMail[] = [];
    const mailer = {
      send: async (mail: OutgoingMail) => (emails.push(mail), { messageId: `<m${emails.length}@test>` }),
    };
    const result = await deliverPendingReminders(t.db, { mailer }, cn("2027-01-16T11:00:00"), 1_000);
    expect(result).toEqual({ sent: pending, retry: 0, failed: 0 });
    expect(await t.db.reminderLog.count({ where: { status: { not: "SENT" } } })).toBe(0);
    const emailRows = await t.db.reminderLog.findMany({ where: { channel: "EMAIL" } });
    expect(emails).toHaveLength(emailRows.length);
    expect(emailRows.every((r) => r.messageId?.startsWith("<m") && r.attempts === 1)).toBe(true);
    // Every SMS reminder is its own system job to the contact's mobile, metered to nobody.
    const smsRows = await t.db.reminderLog.findMany({ where: { channel: "SMS" } });
    const jobs = await t.db.sendJob.findMany({
      where: { id: { in: smsRows.map((r) => r.jobId!) } },
      include: { messages: true },
    });
    expect(jobs).toHaveLength(smsRows.length);
    expect(
      jobs.every(
        (j) => j.system && j.reservedSegments === 0 && j.messages.length === 1 && j.fullText.startsWith("【企信通】"),
      ),
    ).toBe(true);
    // The first DUE e-mail of the collections cycle: 111.70 元 due 15 December, with its statement.
    const due = emails.find((e) => e.subject.includes("今日到期") && e.text.includes("111.70"));
    expect(due?.text).toMatch(/账单 QXT-202611-\d{6} 应付 111\.70 元，今日（2026-12-15）为缴费期最后一天/);
    expect(due?.attachments?.[0]?.filename).toMatch(/^账单-QXT-202611-\d{6}\.pdf$/);
    expect(due?.attachments?.[0]?.content.subarray(0, 5).toString()).toBe("%PDF-");
    expect(await deliverPendingReminders(t.db, { mailer }, cn("2027-01-16T11:05:00"))).toEqual({
      sent: 0,
      retry: 0,
      failed: 0,
    });
  });
});
