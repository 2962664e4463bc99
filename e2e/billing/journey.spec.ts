// Billing end to end, as the people do it: the month-end close run by `npm run job` for the last
// two months, the customer sees what is owed (late fees to date on the overdue statement),
// FINANCE finds the account and records the payment in the back office, the invoices appear, and
// which lifts the suspension at once, the customer downloads statement and invoice PDFs (pdftotext shows the numbers and amounts) and
// the usage XLSX; another customer gets 404 for those documents.
import { execFile } from "node:child_process";
import { readFile } from "node:fs/promises";
import { promisify } from "node:util";
import { expect, type Page, test } from "@playwright/test";
import { signInOverHttp } from "../fixtures/auth";
import { e2eDb } from "../fixtures/db";
import { E2E_DATABASE_URL } from "../fixtures/env";
import { pdfText } from "../fixtures/pdf";
import { usageXlsxRows } from "../fixtures/xlsx";

const run = promisify(execFile);
const CONTRACT = "QXT-HT-2026-0001";

/** China's calendar today, and the first instants of this month and the previous one as ISO strings. */
function chinaCalendar() {
  const today = new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 10);
  const [y, m] = today.split("-").map(Number) as [number, number];
  const month = (back: number) => {
    const index = y * 12 + (m - 1) - back;
    return `${Math.floor(index / 12)}-${String((index % 12) + 1).padStart(2, "0")}`;
  };
  return { today, thisMonth: month(0), lastMonth: month(1), monthBefore: month(2) };
}

const daysBetween = (from: string, to: string) => Math.round((Date.parse(to) - Date.parse(from)) / 86_400_000);
/** Late fee to date by the agreement's rule: unpaid principal × rate per day × days past day Y, rounded half-up once. */
const lateFee = (principalFen: number, ratePpm: number, dueDate: string, today: string) =>
  Math.floor((principalFen * ratePpm * Math.max(0, daysBetween(dueDate, today)) + 500_000) / 1_000_000);
/** formatFen's text: 1234567 → "12,345.67". */
const yuan = (fen: number) =>
  (fen / 100).toLocaleString("en-US", { minimumFractionDigits: 2, maximumFractionDigits: 2 });

async function closeByJob(firstOfMonth: string) {
  const { stdout } = await run(
    "npm",
    ["run", "--silent", "job", "--", "billing-close-period", "--at", `${firstOfMonth}-01T00:10:00+08:00`],
    {
      cwd: new URL("../..", import.meta.url).pathname,
      env: { ...process.env, DATABASE_URL: E2E_DATABASE_URL },
    },
  );
  return JSON.parse(stdout) as { status: string; output: { period: string } };
}

async function download(page: Page, testId: string): Promise<Buffer> {
  const [file] = await Promise.all([page.waitForEvent("download"), page.getByTestId(testId).click()]);
  return readFile((await file.path())!);
}

test("close by job → FINANCE records the payment → invoices → the customer downloads statement and invoice PDFs and the usage XLSX", async ({
  browser,
}) => {
  test.setTimeout(120_000);
  const { today, thisMonth, lastMonth, monthBefore } = chinaCalendar();
  // Closing is idempotent: the app's runner may already have closed last month on start-up.
  expect(await closeByJob(lastMonth)).toMatchObject({ status: "COMPLETED", output: { period: monthBefore } });
  expect(await closeByJob(thisMonth)).toMatchObject({ status: "COMPLETED", output: { period: lastMonth } });

  const { rows: statements } = await e2eDb().query<{
    id: string;
    number: string;
    period: string;
    totalFen: number;
    principalFen: number;
    lateFeeRatePpm: number;
    dueDate: string;
  }>(
    `SELECT s.id, s.number, s.period, s."totalFen", s."principalFen", s."lateFeeRatePpm", to_char(s."dueDate", 'YYYY-MM-DD') AS "dueDate"
       FROM "Statement" s JOIN "Contract" c ON c.id = s."contractId"
      WHERE c.number = $1 AND s."settledAt" IS NULL ORDER BY s.period`,
    [CONTRACT],
  );
  expect(statements.map((s) => s.period)).toEqual([monthBefore, lastMonth]);
  for (const s of statements) {
    expect(s.number).toMatch(new RegExp(`^QXT-${s.period.replace("-", "")}-\\d{6}$`));
    // BASIC with no usage in those months: the base fee, 100.00 元.
    expect(s.totalFen).toBe(10_000);
  }
  // e.g. on 2 December: October's 100.00 元 is 17 days past its day Y (15 November) at 0.05 % a day → 0.85 元.
  const lateFees = statements.map((s) => lateFee(s.principalFen, s.lateFeeRatePpm, s.dueDate, today));
  const owedFen = statements.reduce((sum, s, i) => sum + s.totalFen + lateFees[i]!, 0);

  const customer = await browser.newContext();
  const customerPage = await customer.newPage();
  await signInOverHttp(customerPage, "admin@demo.example.com", "Customer!2026");
  await customerPage.goto("/portal/billing");
  await expect(customerPage.getByTestId("billing-overview")).toContainText(yuan(owedFen));
  for (const s of statements) await expect(customerPage.getByTestId("statement-table")).toContainText(s.number);

  // Arranged as collections does past the threshold (its rule is tested in server/billing): sending is
  // suspended and every portal page says so.
  await e2eDb().query(`UPDATE "Contract" SET status = 'SUSPENDED' WHERE number = $1`, [CONTRACT]);
  await customerPage.goto("/portal/send");
  await expect(customerPage.getByTestId("portal-suspended")).toContainText("因欠费，短信发送已暂停");
  await customerPage.goto("/portal/contacts");
  await expect(customerPage.getByTestId("portal-suspended")).toBeVisible();

  // FINANCE finds the customer among the receivables and records the bank transfer on its account page.
  const finance = await browser.newContext();
  const financePage = await finance.newPage();
  await signInOverHttp(financePage, "finance@bureau.example.com", "Bureau!2026");
  await financePage.goto("/bureau/billing");
  await financePage.getByPlaceholder("企业名称或合同编号").fill("示例科技");
  await financePage.getByPlaceholder("企业名称或合同编号").press("Enter");
  await expect(financePage).toHaveURL(/q=/);
  await financePage.getByTestId("aging-table").getByRole("link", { name: "示例科技有限公司" }).click();
  await expect(financePage.getByTestId("account-owed")).toHaveText(yuan(owedFen));
  const form = financePage.getByTestId("payment-form");
  await expect(form.getByLabel("金额（元）")).toHaveValue((owedFen / 100).toFixed(2));
  await form.getByLabel("收款方式").selectOption("BANK_TRANSFER");
  const reference = `E2E-BT-${Date.now().toString(36)}`;
  await form.getByLabel(/^凭证号/).fill(reference);
  await form.getByRole("button", { name: "登记" }).click();
  await expect(form).toContainText(`已登记收款；结清账单 ${statements.length} 张。 欠款已结清，发送已恢复。`);
  await expect(financePage.getByTestId("account-owed")).toHaveText("0.00");
  const { rows: payments } = await e2eDb().query<{ amountFen: number; method: string }>(
    `SELECT "amountFen", method FROM "Payment" WHERE reference = $1`,
    [reference],
  );
  expect(payments).toEqual([{ amountFen: owedFen, method: "BANK_TRANSFER" }]);

  // The customer's page now lists an invoice per statement, each for the statement plus the late fees paid on it.
  const { rows: invoices } = await e2eDb().query<{
    id: string;
    number: string;
    amountFen: number;
    statementNumber: string;
  }>(
    `SELECT i.id, i.number, i."amountFen", s.number AS "statementNumber" FROM "Invoice" i JOIN "Statement" s ON s.id = i."statementId" WHERE s.id = ANY($1) ORDER BY s.period`,
    [statements.map((s) => s.id)],
  );
  expect(invoices.map((i) => [i.statementNumber, i.amountFen])).toEqual(
    statements.map((s, i) => [s.number, s.totalFen + lateFees[i]!]),
  );
  await customerPage.goto("/portal/billing");
  await expect(customerPage.getByTestId("portal-suspended")).toHaveCount(0);
  await expect(customerPage.getByTestId("billing-overview")).toContainText("0.00");
  await expect(customerPage.getByTestId("payment-table")).toContainText(reference);
  for (const invoice of invoices) await expect(customerPage.getByTestId("invoice-table")).toContainText(invoice.number);

  const overdue = statements[0]!;
  const statementText = pdfText(await download(customerPage, `statement-pdf-${overdue.number}`));
  expect(statementText).toContain(overdue.number);
  expect(statementText).toContain("100.00");
  const invoice = invoices[0]!;
  const invoiceText = pdfText(await download(customerPage, `invoice-pdf-${invoice.number}`));
  expect(invoiceText).toContain(invoice.number);
  expect(invoiceText).toContain(overdue.number);
  expect(invoiceText).toContain(yuan(invoice.amountFen));

  // The usage report of this month as XLSX, from the usage page's link.
  await customerPage.goto("/portal/billing/usage");
  const usage = await usageXlsxRows(await download(customerPage, "usage-export-xlsx"));
  expect(usage.header).toEqual(["日期", "用途", "最终状态", "短信数", "分段数", "计费条数"]);
  expect(usage.total[0]).toBe("合计");
  const { rows: metered } = await e2eDb().query<{ segments: string | null }>(
    `SELECT sum(d."submittedSegments") AS segments FROM "DailyUsage" d JOIN "Contract" c ON c."enterpriseId" = d."enterpriseId" WHERE c.number = $1 AND d.day >= $2::date AND d.day <= $3::date`,
    [CONTRACT, `${thisMonth}-01`, today],
  );
  expect(usage.total[5]).toBe(Number(metered[0]?.segments ?? 0));

  // Another customer cannot fetch them.
  const other = await browser.newContext();
  const otherPage = await other.newPage();
  await signInOverHttp(otherPage, "admin@other.example.com", "Customer!2026");
  expect((await otherPage.request.get(`/api/billing/statement/${overdue.id}`)).status()).toBe(404);
  expect((await otherPage.request.get(`/api/billing/invoice/${invoice.id}`)).status()).toBe(404);
  await Promise.all([customer.close(), finance.close(), other.close()]);
});
