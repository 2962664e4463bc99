// The billing router: who may do what, and that customers see only their own enterprise's account.
import { execFileSync } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, expect, test } from "vitest";
import { seedDemo } from "@/prisma/demo-data";
import { callerFor, trpcCode } from "../testing/callers";
import { createTestDatabase, type TestDatabase } from "../testing/database";
import { closePeriod } from "./close";
import { billingPdfFor } from "./documents";

let t: TestDatabase;
const cn = (local: string) => new Date(`${local}+08:00`);
const NOW = cn("2026-12-10T10:00:00");

beforeAll(async () => {
  t = await createTestDatabase();
  await seedDemo(t.db);
  await closePeriod(t.db, { period: "2026-11", now: cn("2026-12-01T00:10:00") });
});
afterAll(async () => t.drop());

const callerAs = (email: string, now = NOW) => callerFor(t.db, email, { now });

test("a customer sees its own statements only; another enterprise's statement is not found", async () => {
  const demo = await callerAs("operator@demo.example.com");
  const overview = await demo.billing.overview();
  // BASIC, no usage: 100.00 元 owed, nothing late on 10 December
  expect(overview).toMatchObject({ suspended: false, owedFen: 10_000, lateFeeToDateFen: 0, creditFen: 0 });
  const statements = await demo.billing.statements();
  expect(statements.map((s) => [s.period, s.totalFen, s.dueDate])).toEqual([["2026-11", 10_000, "2026-12-15"]]);
  const other = await t.db.statement.findFirstOrThrow({ where: { contract: { number: "QXT-HT-2026-0002" } } });
  expect(await trpcCode(demo.billing.statement({ id: other.id }))).toBe("NOT_FOUND");
  const own = await demo.billing.statement({ id: statements[0]!.id });
  expect(own.lines.map((l) => [l.kind, l.amountFen])).toEqual([
    ["BASE_FEE", 10_000],
    ["OVERAGE", 0],
  ]);
});

test("payments, credit notes and adjustments: FINANCE and bureau admins only, inputs validated", async () => {
  const statement = await t.db.statement.findFirstOrThrow({ where: { contract: { number: "QXT-HT-2026-0001" } } });
  const payment = {
    contractId: statement.contractId,
    amountFen: 10_000,
    method: "BANK_TRANSFER" as const,
    reference: "BT-2026-1210",
    receivedOn: "2026-12-10",
  };
  for (const email of ["admin@demo.example.com", "sales@bureau.example.com", "compliance@bureau.example.com"]) {
    expect(await trpcCode((await callerAs(email)).billing.bureau.recordPayment(payment))).toBe("FORBIDDEN");
  }
  const finance = await callerAs("finance@bureau.example.com");
  expect(await trpcCode(finance.billing.bureau.recordPayment({ ...payment, amountFen: 0 }))).toBe("BAD_REQUEST");
  expect(await trpcCode(finance.billing.bureau.recordPayment({ ...payment, receivedOn: "2026-02-30" }))).toBe(
    "BAD_REQUEST",
  );
  expect(await trpcCode(finance.billing.bureau.recordPayment({ ...payment, receivedOn: "2026-12-11" }))).toBe(
    "BAD_REQUEST",
  ); // PAYMENT_DATE_INVALID
  const result = await finance.billing.bureau.recordPayment(payment);
  expect(result.settledStatementIds).toEqual([statement.id]);

  // The customer now sees the invoice; the other enterprise does not.
  const invoices = await (await callerAs("admin@demo.example.com")).billing.invoices();
  expect(invoices.map((i) => [i.amountFen, i.statementNumber])).toEqual([[10_000, statement.number]]);
  expect(await (await callerAs("admin@other.example.com")).billing.invoices()).toEqual([]);

  const admin = await callerAs("admin@bureau.example.com");
  const other = await t.db.statement.findFirstOrThrow({ where: { contract: { number: "QXT-HT-2026-0002" } } });
  expect(
    await trpcCode(
      (await callerAs("sales@bureau.example.com")).billing.bureau.issueCreditNote({
        statementId: other.id,
        amountFen: 100,
        reason: "x",
      }),
    ),
  ).toBe("FORBIDDEN");
  await admin.billing.bureau.issueCreditNote({ statementId: other.id, amountFen: 5_000, reason: "服务中断补偿" });
  expect(
    await trpcCode(admin.billing.bureau.addAdjustment({ contractId: other.contractId, amountFen: 100, reason: "  " })),
  ).toBe("BAD_REQUEST");

  // Receivables on 20 December: the other enterprise's 300.00 − 50.00 credited = 250.00, 5 days past day Y
  // plus 25,000 × 0.0005 × 5 = 62.5 → 63 fen late fee.
  const late = await callerAs("finance@bureau.example.com", cn("2026-12-20T10:00:00"));
  const { rows, totals } = await late.billing.bureau.receivables();
  expect(rows.map((r) => [r.contractNumber, r.owedFen, r.daysOverdue, r.bucket])).toEqual([
    ["QXT-HT-2026-0002", 25_063, 5, "D1_30"],
  ]);
  expect(totals).toEqual({ CURRENT: 0, D1_30: 25_063, D31_60: 0, D61_90: 0, D90_PLUS: 0 });
  expect(await trpcCode((await callerAs("admin@other.example.com")).billing.bureau.receivables())).toBe("FORBIDDEN");

  // Revenue: November billed 100.00 + 300.00 元; December collected the 100.00 元 payment.
  expect(await late.billing.bureau.revenue({ months: 3 })).toEqual([
    { period: "2026-10", billedFen: 0, collectedFen: 0 },
    { period: "2026-11", billedFen: 40_000, collectedFen: 0 },
    { period: "2026-12", billedFen: 0, collectedFen: 10_000 },
  ]);
});

test("package change forms: the customer admin files and withdraws, operators only read", async () => {
  const operator = await callerAs("operator@demo.example.com");
  expect(await trpcCode(operator.billing.submitPackageChange({ packageCode: "STANDARD", reason: "业务量增加" }))).toBe(
    "FORBIDDEN",
  );
  const admin = await callerAs("admin@demo.example.com");
  const filed = await admin.billing.submitPackageChange({ packageCode: "STANDARD", reason: "业务量增加" });
  // 10 December is on or before the cutoff (20th): effective 1 January
  expect(filed.effectiveOn).toBe("2027-01-01");
  expect(await trpcCode(admin.billing.submitPackageChange({ packageCode: "PREMIUM", reason: "再改" }))).toBe(
    "CONFLICT",
  );
  expect((await operator.billing.packageChanges()).map((c) => [c.status, c.to.code])).toEqual([
    ["PENDING", "STANDARD"],
  ]);
  expect(
    await trpcCode((await callerAs("admin@other.example.com")).billing.withdrawPackageChange({ id: filed.id })),
  ).toBe("NOT_FOUND");
  await admin.billing.withdrawPackageChange({ id: filed.id });
  expect((await operator.billing.packageChanges()).map((c) => c.status)).toEqual(["WITHDRAWN"]);

  // The form is printable: 业务变更记录表 with both packages, the reason and the effective date.
  const demoAdmin = await t.db.user.findUniqueOrThrow({ where: { email: "admin@demo.example.com" } });
  const form = await billingPdfFor(
    t.db,
    { role: demoAdmin.role, enterpriseId: demoAdmin.enterpriseId },
    "change-form",
    filed.id,
  );
  const file = path.join(mkdtempSync(path.join(tmpdir(), "qxt-change-form-")), "form.pdf");
  writeFileSync(file, form.pdf);
  const printed = execFileSync("pdftotext", [file, "-"], { encoding: "utf8" }).replace(/[ \u3000]+/g, "");
  for (const expected of [
    "业务变更记录表",
    "QXT-HT-2026-0001",
    "基础套餐",
    "标准套餐",
    "300.00",
    "业务量增加",
    "2027-01-01",
    "已撤回",
  ])
    expect(printed).toContain(expected);
  const other = await t.db.user.findUniqueOrThrow({ where: { email: "admin@other.example.com" } });
  await expect(
    billingPdfFor(t.db, { role: other.role, enterpriseId: other.enterpriseId }, "change-form", filed.id),
  ).rejects.toMatchObject({ code: "NOT_FOUND" });
});

test("statement and invoice PDFs: the customer's own, or FINANCE / bureau admin; nobody else", async () => {
  const statement = await t.db.statement.findFirstOrThrow({
    where: { contract: { number: "QXT-HT-2026-0001" } },
    include: { invoice: true },
  });
  const as = async (email: string) => {
    const u = await t.db.user.findUniqueOrThrow({ where: { email } });
    return { role: u.role, enterpriseId: u.enterpriseId };
  };
  const own = await billingPdfFor(t.db, await as("operator@demo.example.com"), "statement", statement.id);
  expect(own.pdf.subarray(0, 5).toString()).toBe("%PDF-");
  expect(own.fileName).toBe(`账单-${statement.number}.pdf`);
  expect(
    (await billingPdfFor(t.db, await as("finance@bureau.example.com"), "statement", statement.id)).pdf.length,
  ).toBeGreaterThan(1_000);
  for (const email of ["admin@other.example.com", "sales@bureau.example.com"]) {
    await expect(billingPdfFor(t.db, await as(email), "statement", statement.id)).rejects.toMatchObject({
      code: "NOT_FOUND",
    });
  }
  // Paid in the test above, so it has its invoice.
  expect(statement.invoice).not.toBeNull();
  const invoice = await billingPdfFor(t.db, await as("admin@demo.example.com"), "invoice", statement.invoice!.id);
  expect(invoice.fileName).toBe(`结算凭证-${statement.invoice!.number}.pdf`);
  await expect(
    billingPdfFor(t.db, await as("admin@other.example.com"), "invoice", statement.invoice!.id),
  ).rejects.toMatchObject({ code: "NOT_FOUND" });
});

test("credit-note PDFs: listed for the customer whose statement it corrects, downloadable by it and FINANCE only", async () => {
  // Issued in the second test: 50.00 元 on the other enterprise's November statement.
  const note = await t.db.creditNote.findFirstOrThrow({ include: { statement: true } });
  const as = async (email: string) => {
    const u = await t.db.user.findUniqueOrThrow({ where: { email } });
    return { role: u.role, enterpriseId: u.enterpriseId };
  };
  expect(
    (await (await callerAs("admin@other.example.com")).billing.creditNotes()).map((c) => [
      c.number,
      c.amountFen,
      c.statementNumber,
      c.reason,
    ]),
  ).toEqual([[note.number, 5_000, note.statement.number, "服务中断补偿"]]);
  expect(await (await callerAs("admin@demo.example.com")).billing.creditNotes()).toEqual([]);

  for (const email of ["admin@other.example.com", "finance@bureau.example.com"]) {
    const doc = await billingPdfFor(t.db, await as(email), "credit-note", note.id);
    expect(doc.fileName).toBe(`贷项通知单-${note.number}.pdf`);
    const file = path.join(mkdtempSync(path.join(tmpdir(), "qxt-cn-")), "cn.pdf");
    writeFileSync(file, doc.pdf);
    const text = execFileSync("pdftotext", [file, "-"], { encoding: "utf8" }).replace(/[ \u3000]+/g, "");
    for (const expected of [
      "贷项通知单",
      note.number,
      note.statement.number,
      "原账单金额¥300.00",
      "服务中断补偿",
      "-50.00",
      "伍拾元整",
      "远景贸易有限公司",
    ])
      expect(text).toContain(expected);
  }
  for (const email of ["admin@demo.example.com", "sales@bureau.example.com", "compliance@bureau.example.com"]) {
    await expect(billingPdfFor(t.db, await as(email), "credit-note", note.id)).rejects.toMatchObject({
      code: "NOT_FOUND",
    });
  }
});
