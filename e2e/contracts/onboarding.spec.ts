import { readFileSync } from "node:fs";
import { expect, test } from "@playwright/test";
import { signInAndLand } from "../fixtures/auth";
import { pdfText } from "../fixtures/pdf";

import { usccCheckCharacter } from "../../server/enterprises/uscc";

function chinaToday(): string {
  const shifted = new Date(Date.now() + 8 * 3600 * 1000);
  return shifted.toISOString().slice(0, 10);
}

test("register → SALES approves → FINANCE records the deposit → the customer's contract is active and its PDF reads right", async ({
  page,
  browser,
}) => {
  const stamp = Date.now().toString(36);
  const adminEmail = `owner.${stamp}@newco.example.com`;
  const name = `新航物流${stamp}有限公司`;
  // A fresh valid USCC for every run (check character per GB 32100-2015).
  const body = `91350100MA${String(Date.now() % 10_000_000).padStart(7, "0")}`;
  const USCC = body + usccCheckCharacter(body);

  // 1. Self-registration, four steps, with the agreement preview.
  await page.goto("/");
  await page.getByRole("link", { name: "企业注册与在线签约" }).click();
  await expect(page).toHaveURL(/\/register$/);
  await page.getByLabel("企业名称").fill(name);
  await page.getByLabel("统一社会信用代码").fill(USCC.toLowerCase());
  await page.getByLabel("法定代表人").fill("林海");
  await page.getByLabel("住所").fill("示例市物流园 3 号");
  await page.getByLabel("联系电话").fill("0591-83210000");
  await page.getByLabel("开户行").fill("中国农业银行示例支行");
  await page.getByLabel("账号").fill("1345 0000 1111 2222");
  await page.getByLabel("联系人", { exact: true }).fill("林海");
  await page.getByLabel("联系人邮箱").fill(adminEmail);
  await page.getByLabel("联系人手机").fill("+86 137-1234-5678");
  await page.getByRole("button", { name: "下一步" }).click();

  await page.getByLabel("管理员姓名").fill("林海");
  await page.getByLabel("管理员邮箱（登录账号）").fill(adminEmail);
  await page.getByLabel("登录密码").fill("Newco!Pass2026");
  await page.getByLabel("确认密码").fill("Newco!Pass2026");
  await page.getByLabel("协议起始日期").fill(chinaToday());
  await page.getByRole("button", { name: "下一步" }).click();

  // Each package's terms as a small price table.
  await expect(page.getByTestId("package-terms-STANDARD").getByRole("row")).toHaveText([
    /基本月租（元）\s*300\.00/,
    /赠送短信量（条）/,
    /超出后收费（元\/条）/,
    /日最大发送量（条）/,
  ]);
  await page.getByText("标准套餐").click();
  await page.getByRole("button", { name: "下一步" }).click();

  const agreement = page.getByTestId("agreement");
  await expect(agreement).toContainText("邮政集团短信应用服务协议");
  await expect(agreement).toContainText(name);
  await expect(agreement).toContainText(USCC);
  await expect(agreement).toContainText("伍仟元整");
  await expect(agreement).toContainText("示例市仲裁委员会");
  await page.getByRole("button", { name: "确认并提交" }).click();
  await expect(page.getByTestId("register-error")).toHaveText("请先阅读并同意协议条款");
  await page.getByLabel("我已阅读并同意以上《邮政集团短信应用服务协议》的全部条款").check();
  await page.getByRole("button", { name: "确认并提交" }).click();
  const done = page.getByTestId("register-done");
  await expect(done).toContainText("待审核");
  const contractNumber = /QXT-HT-\d{4}-\d{4}/.exec((await done.textContent()) ?? "")?.[0];
  expect(contractNumber).toBeTruthy();

  // The admin can sign in and sees the pending status.
  await signInAndLand(page, adminEmail, "Newco!Pass2026", "/portal");
  await page.goto("/portal/contract");
  await expect(page.getByTestId("contract-status")).toHaveText("待审核");

  // 2. SALES approves.
  const salesContext = await browser.newContext();
  const sales = await salesContext.newPage();
  await signInAndLand(sales, "sales@bureau.example.com", "Bureau!2026", "/bureau");
  await sales.goto("/bureau/contracts?status=PENDING_REVIEW");
  await sales.getByRole("link", { name: contractNumber! }).click();
  await sales.getByTestId("approve-form").getByRole("button", { name: "批准" }).click();
  await expect(sales.getByTestId("contract-status")).toHaveText("已批准");
  await salesContext.close();

  // 3. FINANCE records the deposit; the contract starts today, so it becomes active.
  const financeContext = await browser.newContext();
  const finance = await financeContext.newPage();
  await signInAndLand(finance, "finance@bureau.example.com", "Bureau!2026", "/bureau");
  await finance.goto("/bureau/contracts");
  await finance.getByRole("link", { name: contractNumber! }).click();
  const deposit = finance.getByTestId("deposit-form");
  await expect(deposit.getByLabel("金额（元）")).toHaveValue("5000.00");
  await deposit.getByLabel("方式").selectOption("BANK_TRANSFER");
  await deposit.getByLabel("凭证号 / 流水号").fill("BOC-20261125-001");
  await deposit.getByRole("button", { name: "登记押金" }).click();
  await expect(finance.getByTestId("contract-status")).toHaveText("生效中");
  await expect(finance.getByTestId("deposit-held")).toContainText("¥5,000.00");
  await financeContext.close();

  // 4. The customer admin sees an active contract and downloads the PDF.
  await page.goto("/portal/contract");
  await expect(page.getByTestId("contract-status")).toHaveText("生效中");
  const downloadPromise = page.waitForEvent("download");
  await page.getByTestId("download-v1").click();
  const download = await downloadPromise;
  expect(download.suggestedFilename()).toBe(`${contractNumber}-v1.pdf`);
  const text = pdfText(readFileSync(await download.path()));
  expect(text).toContain(name);
  expect(text).toContain(USCC);
  expect(text).toContain("标准套餐");
  expect(text).toContain("伍仟元整");
});
