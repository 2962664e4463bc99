// The app's own SMTP catcher (started by the server because SMTP_URL is unset) receives a mail over
// real SMTP; FINANCE finds it under 邮件与提醒, opens it and downloads its PDF attachment; the
// reminder log filters by status; SALES may not open the page.
import { readFile } from "node:fs/promises";
import { expect, test } from "@playwright/test";
import nodemailer from "nodemailer";
import { signInOverHttp } from "../fixtures/auth";

const CATCHER_PORT = Number(process.env.SMTP_CATCHER_PORT ?? 2525);
const PDF = Buffer.from("%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n", "latin1");

test("a mail sent to the catcher shows in the back office with its attachment; the reminder log filters", async ({
  page,
}) => {
  const subject = `催缴测试 ${Date.now()}`;
  const transport = nodemailer.createTransport({
    host: "127.0.0.1",
    port: CATCHER_PORT,
    secure: false,
    ignoreTLS: true,
  });
  try {
    await transport.sendMail({
      from: "企信通 <billing@bureau.example.com>",
      to: "admin@demo.example.com",
      subject,
      text: "账单 QXT-TEST 应付 111.70 元。",
      attachments: [{ filename: "账单-QXT-TEST.pdf", contentType: "application/pdf", content: PDF }],
    });
  } finally {
    transport.close();
  }

  await signInOverHttp(page, "finance@bureau.example.com", "Bureau!2026");
  await page.goto("/bureau");
  await page.getByRole("link", { name: "邮件与提醒" }).first().click();
  await expect(page).toHaveURL(/\/bureau\/mail$/);
  await expect(page.getByRole("heading", { name: "邮件与提醒" })).toBeVisible();

  // The reminder log: the filter goes into the URL.
  await page.getByTestId("reminder-filter").locator('select[name="status"]').selectOption("FAILED");
  await page.getByTestId("reminder-filter").getByRole("button", { name: "筛选" }).click();
  await expect(page).toHaveURL(/status=FAILED/);

  await page.getByRole("link", { name: "已捕获邮件" }).click();
  await page.getByRole("search").getByRole("textbox").fill(subject);
  await page.getByRole("search").getByRole("button", { name: "搜索" }).click();
  await page.getByTestId("caught-mail-table").getByRole("link", { name: subject }).click();
  await expect(page.getByTestId("mail-subject")).toHaveText(subject);
  await expect(page.getByTestId("mail-to")).toContainText("admin@demo.example.com");
  await expect(page.getByTestId("mail-text")).toContainText("111.70 元");
  await expect(page.getByTestId("mail-attachments")).toContainText("账单-QXT-TEST.pdf");
  const [file] = await Promise.all([page.waitForEvent("download"), page.getByTestId("attachment-download-0").click()]);
  expect(file.suggestedFilename()).toBe("账单-QXT-TEST.pdf");
  expect((await readFile((await file.path())!)).equals(PDF)).toBe(true);
});

test("SALES cannot open the mail pages", async ({ page }) => {
  await signInOverHttp(page, "sales@bureau.example.com", "Bureau!2026");
  const response = await page.goto("/bureau/mail");
  expect(response?.status()).toBe(403);
  expect((await page.goto("/bureau/mail/caught"))?.status()).toBe(403);
});
