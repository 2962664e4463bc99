// The journey through a real browser: the demo customer imports contacts from an XLSX file,
// sends to their group, watches the job reach 100% with receipts from the carrier simulator and finds
// a message by number; a recipient then answers "TD" (injected at the simulator from the back office),
// which puts the number on the opt-out list, and the next send to the group skips it.
import { expect, type Page, test } from "@playwright/test";
import ExcelJS from "exceljs";
import { signInOverHttp } from "../fixtures/auth";
import { ensureApprovedSignature } from "../fixtures/sending";

const ADMIN = { email: "admin@demo.example.com", password: "Customer!2026" };
const BUREAU_ADMIN = { email: "admin@bureau.example.com", password: "Bureau!2026" };
const CONTACTS = 5;

async function sendToGroup(
  page: Page,
  group: string,
  content: string,
  expected: { accepted: number; optedOut: number },
): Promise<string> {
  await page.goto("/portal/send");
  await page.getByTestId("compose-content").fill(content);
  await page.getByLabel(group, { exact: true }).check();
  await page.getByRole("button", { name: "预览" }).click();
  await expect(page.getByTestId("preview-accepted")).toHaveText(`将发送 ${expected.accepted} 个`);
  if (expected.optedOut > 0)
    await expect(page.getByTestId("preview-opted-out")).toHaveText(`已退订，跳过 ${expected.optedOut} 个`);
  else await expect(page.getByTestId("preview-opted-out")).toHaveCount(0);
  await page.getByTestId("compose-send").click();
  await expect(page.getByTestId("compose-sent")).toContainText(
    `任务已受理：${expected.accepted} 个收件人，跳过 ${expected.optedOut} 个`,
  );
  await page.getByTestId("compose-job-link").click();
  await expect(page).toHaveURL(/\/portal\/jobs\/[a-z0-9]+$/);
  await expect(page.getByTestId("job-progress")).toHaveAttribute("data-percent", "100", { timeout: 90_000 });
  return page.url();
}

test("import XLSX → send to the group → 100% with receipts → find by number → a TD reply makes the next send skip that number", async ({
  page,
  browser,
}) => {
  test.setTimeout(240_000);
  await ensureApprovedSignature("示例科技有限公司", ADMIN.email);
  // Numbers and a group of this run only, so a reused server's data does not interfere.
  const run = (Date.now() % 90_000) + 10_000;
  const base = 19_800_000_000 + run * 100;
  const numbers = Array.from({ length: CONTACTS }, (_, i) => String(base + i));
  const group = `旅程${run}`;
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet("通讯录");
  sheet.addRow(["姓名", "手机号码", "类型", "分组", "标签", "备注"]);
  numbers.forEach((n, i) => sheet.addRow([`旅程联系人${run}-${i}`, n, "客户", "", "", ""]));
  const buffer = Buffer.from(await workbook.xlsx.writeBuffer());

  await signInOverHttp(page, ADMIN.email, ADMIN.password);
  await page.goto("/portal/contacts/import");
  await page.getByLabel("文件（CSV 或 XLSX）").setInputFiles({
    name: "客户.xlsx",
    mimeType: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    buffer,
  });
  await page.getByLabel("同时加入分组（可选）").fill(group);
  await page.getByRole("button", { name: "上传并预览" }).click();
  await expect(page.getByTestId("import-valid")).toHaveText(String(CONTACTS));
  await page.getByTestId("import-confirm").click();
  await expect(page.getByTestId("import-percent")).toHaveText("100%", { timeout: 30_000 });
  await expect(page.getByTestId("import-created")).toHaveText(String(CONTACTS));

  const firstContent = `您好，您的订单已发货，请注意查收。${run}`;
  await sendToGroup(page, group, firstContent, { accepted: CONTACTS, optedOut: 0 });
  for (const n of numbers) await expect(page.getByTestId(`message-status-${n}`)).toHaveText(/成功|失败|过期|被拒/);

  const target = numbers[2] ?? "";
  await page.goto("/portal/messages");
  await page.getByTestId("search-mobile").fill(target);
  await page.getByRole("button", { name: "查询" }).click();
  await expect(page.getByTestId("message-table")).toContainText(target);
  await expect(page.getByTestId("message-table")).toContainText(firstContent);

  // The recipient answers "TD": injected at the simulator from the back office's gateway page.
  const staff = await browser.newContext();
  const staffPage = await staff.newPage();
  await signInOverHttp(staffPage, BUREAU_ADMIN.email, BUREAU_ADMIN.password);
  await staffPage.goto("/bureau/gateway");
  // The carrier inbox, where every receipt of the sends above was stored before it was acknowledged.
  await expect(staffPage.getByRole("heading", { name: "运营商回执收件箱" })).toBeVisible();
  await expect(staffPage.getByTestId("inbox-counts")).toContainText("已应用状态报告");
  const inject = staffPage.getByTestId("inject-reply");
  await inject.getByLabel("手机号").fill(target);
  await inject.getByLabel("内容").fill("TD");
  await inject.getByRole("button", { name: "发送" }).click();
  await expect(inject.getByText("已执行")).toBeVisible();
  await staff.close();

  // The reply reaches the platform as a deliver_sm and puts the number on the opt-out list.
  await expect(async () => {
    await page.goto("/portal/compliance/opt-outs");
    await expect(page.getByTestId(`opt-out-${target}`)).toBeVisible({ timeout: 1000 });
  }).toPass({ timeout: 30_000 });
  await expect(page.getByTestId("opt-out-table")).toContainText("TD");
  await page.goto("/portal/replies");
  await expect(page.getByText(target).first()).toBeVisible();

  // The next send to the group skips that number and reports it as opted out.
  await sendToGroup(page, group, `温馨提示：您的包裹今日派送。${run}`, { accepted: CONTACTS - 1, optedOut: 1 });
  await expect(page.getByTestId(`message-status-${target}`)).toHaveText("已退订");
  for (const n of numbers.filter((x) => x !== target))
    await expect(page.getByTestId(`message-status-${n}`)).toHaveText(/成功|失败|过期|被拒/);
});
