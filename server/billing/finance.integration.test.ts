// FINANCE's back office through the billing router: aging by contract, the overdue list, one contract's
// account and statements, the receivables spreadsheet; roles and validation.
import ExcelJS from "exceljs";
import { afterAll, beforeAll, expect, test } from "vitest";
import { seedDemo } from "@/prisma/demo-data";
import { translator } from "../i18n";
import { callerFor, trpcCode, trpcError } from "../testing/callers";
import { createTestDatabase, type TestDatabase } from "../testing/database";
import { closePeriod } from "./close";
import { receivablesSpreadsheet } from "./queries";

let t: TestDatabase;
const cn = (local: string) => new Date(`${local}+08:00`);
// 20 December: October's statements (due 15 November) are 35 days past day Y, November's (due 15 December) 5.
const NOW = cn("2026-12-20T10:00:00");
const list = { page: 1, pageSize: 20 };

beforeAll(async () => {
  t = await createTestDatabase();
  await seedDemo(t.db);
  await closePeriod(t.db, { period: "2026-10", now: cn("2026-11-01T00:10:00") });
  await closePeriod(t.db, { period: "2026-11", now: cn("2026-12-01T00:10:00") });
});
afterAll(async () => t.drop());

const callerAs = (email: string, now = NOW) => callerFor(t.db, email, { now });
const contractId = async (number: string) => (await t.db.contract.findUniqueOrThrow({ where: { number } })).id;

test("aging by contract and the overdue list: late fees to date, buckets, search, sort and paging", async () => {
  const finance = await callerAs("finance@bureau.example.com");
  // Demo (BASIC 100.00 元, 0.05 %/day):
  //   October 10,000 fen: 15 days of November (75 fen) were carried onto November's statement at the close;
  //     1–20 December accrue 10,000 × 0.0005 × 20 = 100 → owes 10,100, 35 days overdue (31–60).
  //   November 10,000 + 75 carried = 10,075; 16–20 December: 10,000 × 0.0005 × 5 = 25 → owes 10,100 (1–30).
  // Other (STANDARD 300.00 元): three times that: 30,300 and 30,300 (late fees 300 and 75 to date).
  const aging = await finance.billing.bureau.aging({ ...list, sort: "owed", dir: "desc" });
  expect(
    aging.rows.map((r) => [
      r.contractNumber,
      r.buckets.D1_30,
      r.buckets.D31_60,
      r.owedFen,
      r.lateFeeToDateFen,
      r.openStatements,
      r.maxDaysOverdue,
    ]),
  ).toEqual([
    ["QXT-HT-2026-0002", 30_300, 30_300, 60_600, 375, 2, 35],
    ["QXT-HT-2026-0001", 10_100, 10_100, 20_200, 125, 2, 35],
  ]);
  expect(aging.totals).toEqual({ CURRENT: 0, D1_30: 40_400, D31_60: 40_400, D61_90: 0, D90_PLUS: 0 });
  expect(aging.owedFen).toBe(80_800);

  const searched = await finance.billing.bureau.aging({ ...list, sort: "owed", dir: "desc", search: "示例" });
  expect(searched.rows.map((r) => r.enterpriseName)).toEqual(["示例科技有限公司"]);
  expect(searched.total).toBe(1);
  const secondPage = await finance.billing.bureau.aging({ page: 2, pageSize: 1, sort: "enterprise", dir: "asc" });
  expect([secondPage.total, secondPage.rows.map((r) => r.enterpriseName)]).toEqual([2, ["远景贸易有限公司"]]);

  const overdue = await finance.billing.bureau.overdue({ ...list, sort: "lateFee", dir: "desc" });
  expect(overdue.rows.map((r) => [r.number, r.daysOverdue, r.lateFeeToDateFen, r.owedFen])).toEqual([
    ["QXT-202610-000002", 35, 300, 30_300],
    ["QXT-202610-000001", 35, 100, 10_100],
    ["QXT-202611-000002", 5, 75, 30_300],
    ["QXT-202611-000001", 5, 25, 10_100],
  ]);
  expect([overdue.total, overdue.owedFen, overdue.lateFeeToDateFen]).toEqual([4, 80_800, 500]);
  expect(
    (
      await finance.billing.bureau.overdue({ ...list, sort: "daysOverdue", dir: "asc", search: "QXT-202611-000001" })
    ).rows.map((r) => r.number),
  ).toEqual(["QXT-202611-000001"]);

  // On 15 December nothing of November is overdue yet: only October's two statements are listed.
  const earlier = await (
    await callerAs("finance@bureau.example.com", cn("2026-12-15T23:00:00"))
  ).billing.bureau.overdue({ ...list, sort: "owed", dir: "desc" });
  expect(earlier.rows.map((r) => r.number)).toEqual(["QXT-202610-000002", "QXT-202610-000001"]);
});

test("one contract's account: payment, credit note, adjustment, deposit; statements filtered by status", async () => {
  const finance = await callerAs("finance@bureau.example.com");
  const demo = await contractId("QXT-HT-2026-0001");
  // 101.00 元 pays October (100 fen late fee first, then the 10,000 principal) and gets its invoice.
  const paid = await finance.billing.bureau.recordPayment({
    contractId: demo,
    amountFen: 10_100,
    method: "BANK_TRANSFER",
    reference: "BT-1220",
    receivedOn: "2026-12-20",
  });
  expect(paid.settledStatementIds).toHaveLength(1);
  const november = await t.db.statement.findFirstOrThrow({ where: { contractId: demo, period: "2026-11" } });
  const note = await finance.billing.bureau.issueCreditNote({
    statementId: november.id,
    amountFen: 5_000,
    reason: "短信网关故障补偿",
  });
  await finance.billing.bureau.addAdjustment({ contractId: demo, amountFen: 1_234, reason: "补发纸质发票邮寄费" });
  await finance.contracts.recordDeposit({
    contractId: demo,
    amountFen: 500_000,
    method: "BANK_TRANSFER",
    reference: "DEP-1",
    occurredOn: "2026-12-20",
  });

  const account = await finance.billing.bureau.account({ contractId: demo });
  expect(account.contract).toMatchObject({
    number: "QXT-HT-2026-0001",
    enterpriseName: "示例科技有限公司",
    status: "ACTIVE",
    depositFen: 500_000,
  });
  // November's 10,100 less the 50.00 元 credit note.
  expect([account.owedFen, account.creditFen]).toEqual([5_100, 0]);
  expect(account.invoices.map((i) => [i.statementNumber, i.amountFen, i.issuedOn])).toEqual([
    ["QXT-202610-000001", 10_100, "2026-12-20"],
  ]);
  expect(account.creditNotes.map((c) => [c.number, c.statementNumber, c.amountFen, c.reason])).toEqual([
    [note.number, "QXT-202611-000001", 5_000, "短信网关故障补偿"],
  ]);
  expect(account.adjustments.map((a) => [a.amountFen, a.reason, a.statementNumber, a.createdOn])).toEqual([
    [1_234, "补发纸质发票邮寄费", null, "2026-12-20"],
  ]);
  expect(account.deposit).toMatchObject({ receivedFen: 500_000, refundedFen: 0, keptFen: 0, heldFen: 500_000 });
  expect(account.deposit.entries.map((e) => [e.kind, e.amountFen, e.method, e.reference, e.occurredOn])).toEqual([
    ["RECEIVED", 500_000, "BANK_TRANSFER", "DEP-1", "2026-12-20"],
  ]);

  const numbers = async (status: "ALL" | "OPEN" | "SETTLED") =>
    (
      await finance.billing.bureau.statementList({ ...list, contractId: demo, status, sort: "period", dir: "desc" })
    ).rows.map((s) => s.number);
  expect(await numbers("ALL")).toEqual(["QXT-202611-000001", "QXT-202610-000001"]);
  expect(await numbers("OPEN")).toEqual(["QXT-202611-000001"]);
  expect(await numbers("SETTLED")).toEqual(["QXT-202610-000001"]);
  const byOwed = await finance.billing.bureau.statementList({
    page: 1,
    pageSize: 1,
    contractId: demo,
    status: "ALL",
    sort: "owed",
    dir: "asc",
  });
  expect([byOwed.total, byOwed.rows.map((s) => [s.number, s.owedFen])]).toEqual([2, [["QXT-202610-000001", 0]]]);

  // Overpaying leaves the rest as credit: 60.00 元 against 51.00 owed.
  await finance.billing.bureau.recordPayment({
    contractId: demo,
    amountFen: 6_000,
    method: "CASH",
    reference: "R-0001",
    receivedOn: "2026-12-20",
  });
  const after = await finance.billing.bureau.account({ contractId: demo });
  expect([after.owedFen, after.creditFen, after.invoices.length]).toEqual([0, 900, 2]);
});

test("only FINANCE and bureau admins; bad input is BAD_REQUEST, unknown contracts NOT_FOUND", async () => {
  const demo = await contractId("QXT-HT-2026-0001");
  for (const email of [
    "sales@bureau.example.com",
    "compliance@bureau.example.com",
    "admin@demo.example.com",
    "operator@demo.example.com",
  ]) {
    const caller = await callerAs(email);
    expect(await trpcCode(caller.billing.bureau.aging({ ...list }))).toBe("FORBIDDEN");
    expect(await trpcCode(caller.billing.bureau.overdue({ ...list }))).toBe("FORBIDDEN");
    expect(await trpcCode(caller.billing.bureau.account({ contractId: demo }))).toBe("FORBIDDEN");
    expect(await trpcCode(caller.billing.bureau.statementList({ ...list, contractId: demo }))).toBe("FORBIDDEN");
  }
  const admin = await callerAs("admin@bureau.example.com");
  // The demo contract was paid up in the test above; the other still owes.
  expect((await admin.billing.bureau.aging({ ...list })).rows.map((r) => r.contractNumber)).toEqual([
    "QXT-HT-2026-0002",
  ]);
  expect(await trpcCode(admin.billing.bureau.account({ contractId: "no-such-contract" }))).toBe("NOT_FOUND");
  expect(await trpcCode(admin.billing.bureau.account({ contractId: "" }))).toBe("BAD_REQUEST");
  // @ts-expect-error an unknown sort key
  expect(await trpcCode(admin.billing.bureau.aging({ ...list, sort: "name" }))).toBe("BAD_REQUEST");
  expect(await trpcCode(admin.billing.bureau.overdue({ page: 1, pageSize: 500 }))).toBe("BAD_REQUEST");
  // @ts-expect-error an unknown status filter
  expect(await trpcCode(admin.billing.bureau.statementList({ ...list, contractId: demo, status: "PAID" }))).toBe(
    "BAD_REQUEST",
  );
  // Fractions of a fen never reach the ledger.
  expect(
    await trpcCode(
      admin.billing.bureau.recordPayment({
        contractId: demo,
        amountFen: 100.5,
        method: "CASH",
        reference: "R",
        receivedOn: "2026-12-20",
      }),
    ),
  ).toBe("BAD_REQUEST");
  await trpcError(admin.billing.bureau.aging({ ...list, search: "x".repeat(101) }));
});

test("the receivables spreadsheet: one row per contract by enterprise name, amounts in 元 as numbers, a totals row", async () => {
  const file = await receivablesSpreadsheet(t.db, translator("zh"), cn("2026-12-21T09:00:00"));
  expect(file.fileName).toBe("receivables-2026-12-21.xlsx");
  expect(file.contentType).toBe("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(Buffer.from(file.body) as unknown as ArrayBuffer);
  const sheet = workbook.getWorksheet("应收账款")!;
  // Empty cells read back as holes; compare them as "".
  const rows = sheet
    .getSheetValues()
    .slice(1)
    .map((row) => Array.from({ length: 12 }, (_, i) => (row as unknown[])[i + 1] ?? ""));
  expect(rows[0]).toEqual([
    "企业",
    "合同编号",
    "合同状态",
    "未到期（元）",
    "逾期 1–30 天（元）",
    "逾期 31–60 天（元）",
    "逾期 61–90 天（元）",
    "逾期 90 天以上（元）",
    "欠款合计（元）",
    "违约金至今（元）",
    "未结账单数",
    "最长逾期天数",
  ]);
  // On the 21st the demo contract is settled (test above); the other owes one more day of late fees on each
  // statement: 30,000 × 0.0005 = 15 fen more each → 303.15 + 303.15 元.
  expect(rows.slice(1)).toEqual([
    ["远景贸易有限公司", "QXT-HT-2026-0002", "生效中", 0, 303.15, 303.15, 0, 0, 606.3, 4.05, 2, 36],
    ["合计", "", "", 0, 303.15, 303.15, 0, 0, 606.3, 4.05, 2, ""],
  ]);
});
