// Billing end to end: the close run by `npm run job` for October,
// FINANCE records a payment for the demo customer's statement through the API, the invoice follows,
// and the customer downloads statement and invoice PDFs (pdftotext shows the number and amounts),
// also from the portal's billing page; another customer gets 404 for them.
import { execFile } from "node:child_process";
import { readFile } from "node:fs/promises";
import { promisify } from "node:util";
import { type APIRequestContext, expect, test } from "@playwright/test";
import { signInOverHttp } from "../fixtures/auth";
import { e2eDb } from "../fixtures/db";
import { E2E_DATABASE_URL } from "../fixtures/env";
import { pdfText } from "../fixtures/pdf";

const run = promisify(execFile);

async function trpcQuery<T>(request: APIRequestContext, path: string): Promise<T> {
  const response = await request.get(`/api/trpc/${path}`);
  expect(response.ok(), await response.text()).toBeTruthy();
  return ((await response.json()) as { result: { data: { json: T } } }).result.data.json;
}

async function trpcMutation<T>(request: APIRequestContext, path: string, input: unknown): Promise<T> {
  const response = await request.post(`/api/trpc/${path}`, { data: { json: input } });
  expect(response.ok(), await response.text()).toBeTruthy();
  return ((await response.json()) as { result: { data: { json: T } } }).result.data.json;
}

test("close by job, payment by FINANCE, statement and invoice PDFs for the customer", async ({ browser }) => {
  const { stdout } = await run("npm", ["run", "--silent", "job", "--", "billing-close-period", "--at", "2026-11-01T00:10:00+08:00"], {
    cwd: new URL("../..", import.meta.url).pathname,
    env: { ...process.env, DATABASE_URL: E2E_DATABASE_URL },
  });
  expect(JSON.parse(stdout)).toMatchObject({ status: "COMPLETED", output: { period: "2026-10" } });
  const { rows } = await e2eDb().query<{ id: string; number: string; totalFen: number }>(
    `SELECT s.id, s.number, s."totalFen" FROM "Statement" s JOIN "Contract" c ON c.id = s."contractId" WHERE c.number = 'QXT-HT-2026-0001' AND s.period = '2026-10'`,
  );
  const statement = rows[0]!;
  expect(statement.number).toMatch(/^QXT-202610-\d{6}$/);
  // BASIC, no usage in October: the base fee, 100.00 元.
  expect(statement.totalFen).toBe(10_000);

  const customer = await browser.newContext();
  const customerPage = await customer.newPage();
  await signInOverHttp(customerPage, "admin@demo.example.com", "Customer!2026");
  const overview = await trpcQuery<{ owedFen: number; lateFeeToDateFen: number; contractId: string }>(customerPage.request, "billing.overview");
  // Due 15 November; late fees to date accrue live on top of the 100.00 元.
  expect(overview.owedFen).toBe(10_000 + overview.lateFeeToDateFen);

  const finance = await browser.newContext();
  const financePage = await finance.newPage();
  await signInOverHttp(financePage, "finance@bureau.example.com", "Bureau!2026");
  const today = new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 10);
  const paid = await trpcMutation<{ settledStatementIds: string[] }>(financePage.request, "billing.bureau.recordPayment", {
    contractId: overview.contractId, amountFen: overview.owedFen, method: "BANK_TRANSFER", reference: "E2E-BT-1", receivedOn: today,
  });
  expect(paid.settledStatementIds).toContain(statement.id);

  const invoices = await trpcQuery<{ id: string; number: string; amountFen: number; statementNumber: string }[]>(customerPage.request, "billing.invoices");
  const invoice = invoices.find((i) => i.statementNumber === statement.number)!;
  expect(invoice.amountFen).toBe(overview.owedFen);

  const statementPdf = await customerPage.request.get(`/api/billing/statement/${statement.id}`);
  expect(statementPdf.headers()["content-type"]).toBe("application/pdf");
  const statementText = pdfText(await statementPdf.body());
  expect(statementText).toContain(statement.number);
  expect(statementText).toContain("100.00");
  const invoicePdf = await customerPage.request.get(`/api/billing/invoice/${invoice.id}`);
  const invoiceText = pdfText(await invoicePdf.body());
  expect(invoiceText).toContain(invoice.number);
  expect(invoiceText).toContain(statement.number);
  expect(invoiceText).toContain((overview.owedFen / 100).toFixed(2));

  // The portal page lists both and downloads the invoice from its link.
  await customerPage.goto("/portal/billing");
  await expect(customerPage.getByTestId("statement-table")).toContainText(statement.number);
  await expect(customerPage.getByTestId("invoice-table")).toContainText(invoice.number);
  await expect(customerPage.getByTestId("payment-table")).toContainText("E2E-BT-1");
  const [download] = await Promise.all([customerPage.waitForEvent("download"), customerPage.getByTestId(`invoice-pdf-${invoice.number}`).click()]);
  const downloaded = await readFile((await download.path())!);
  expect(pdfText(downloaded)).toContain(invoice.number);

  const other = await browser.newContext();
  const otherPage = await other.newPage();
  await signInOverHttp(otherPage, "admin@other.example.com", "Customer!2026");
  expect((await otherPage.request.get(`/api/billing/statement/${statement.id}`)).status()).toBe(404);
  expect((await otherPage.request.get(`/api/billing/invoice/${invoice.id}`)).status()).toBe(404);
  await Promise.all([customer.close(), finance.close(), other.close()]);
});
