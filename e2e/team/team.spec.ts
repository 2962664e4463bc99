import { expect, test } from "@playwright/test";
import { signInAndLand, signInOverHttp, signInThroughForm } from "../fixtures/auth";

const ADMIN = { email: "admin@demo.example.com", password: "Customer!2026" };

test("the customer admin invites an operator, who joins and signs in; once disabled, their sign-in is refused", async ({
  page,
  browser,
}) => {
  const email = `op.${Date.now().toString(36)}@demo.example.com`;
  const password = "Operator!Pass2026";

  // 1. The admin creates the invitation; the link is shown once.
  await signInOverHttp(page, ADMIN.email, ADMIN.password);
  await page.goto("/portal/team");
  await page.getByLabel("姓名").fill("新操作员");
  await page.getByLabel("电子邮箱").fill(email);
  await page.getByRole("button", { name: "生成邀请链接" }).click();
  const link = await page.getByTestId("invite-link").inputValue();
  expect(link).toMatch(/\/invite\/[A-Za-z0-9_-]{43}$/);
  await expect(page.getByTestId("invitation-table")).toContainText(email);
  await expect(page.getByTestId("invitation-table")).toContainText("待接受");

  // 2. The invitee opens the link in a browser of their own and chooses a password.
  const inviteeContext = await browser.newContext();
  const invitee = await inviteeContext.newPage();
  await invitee.goto(link);
  await expect(invitee.getByTestId("invite-enterprise")).toContainText("示例科技有限公司");
  await expect(invitee.getByTestId("invite-email")).toHaveText(email);
  await invitee.getByLabel("设置密码").fill(password);
  await invitee.getByLabel("确认密码").fill("something else entirely");
  await invitee.getByRole("button", { name: "设置密码并加入" }).click();
  await expect(invitee.getByTestId("invite-error")).toHaveText("两次输入的密码不一致");
  await invitee.getByLabel("确认密码").fill(password);
  await invitee.getByRole("button", { name: "设置密码并加入" }).click();
  await expect(invitee.getByTestId("invite-accepted")).toContainText(email);

  // The link works once.
  await invitee.goto(link);
  await expect(invitee.getByTestId("status-title")).toHaveText("邀请已被接受");

  // 3. The new operator signs in and lands in the portal.
  await signInAndLand(invitee, email, password, "/portal");
  await invitee.goto("/portal/team");
  await expect(invitee.getByTestId("member-table")).toContainText(email);
  await expect(invitee.getByRole("button", { name: "停用" })).toHaveCount(0);

  // 4. The admin disables them: their open session ends and the next sign-in is refused.
  await page.goto("/portal/team");
  await expect(page.getByTestId("invitation-table")).toContainText("已接受");
  const actions = page.getByTestId(`member-actions-${email}`);
  await actions.getByRole("button", { name: "停用" }).click();
  await actions.getByRole("button", { name: "确认" }).click();
  await expect(page.getByTestId(`member-state-${email}`)).toHaveText("已停用");

  await invitee.goto("/portal");
  await expect(invitee).toHaveURL(/\/login$/);
  await signInThroughForm(invitee, email, password);
  await expect(invitee.getByTestId("login-error")).toHaveText("账户已停用，请联系管理员");
  await inviteeContext.close();
});

test("the customer admin requests a new address, SALES approves it, and the portal shows it", async ({
  page,
  browser,
}) => {
  const address = `示例市软件大道 ${Date.now() % 1000} 号 9 号楼`;

  // 1. The request, prefilled with the current details; only the address changes.
  await signInOverHttp(page, ADMIN.email, ADMIN.password);
  await page.goto("/portal/enterprise");
  const before = (await page.getByTestId("enterprise-address").textContent()) ?? "";
  await page.getByLabel("住所").fill(address);
  await page.getByRole("button", { name: "提交变更申请" }).click();
  const status = page.getByTestId("change-request-status");
  await expect(status).toContainText("待审批");
  await expect(status).toContainText(address);
  // Nothing changes before the bureau decides.
  await expect(page.getByTestId("enterprise-address")).toHaveText(before);

  // 2. SALES opens it from the queue and approves it.
  const salesContext = await browser.newContext();
  const sales = await salesContext.newPage();
  await signInAndLand(sales, "sales@bureau.example.com", "Bureau!2026", "/bureau");
  await sales.getByRole("link", { name: "资料变更审批" }).click();
  await sales.getByTestId("change-request-table").getByRole("link", { name: "示例科技有限公司" }).first().click();
  const changeSet = sales.getByTestId("change-set");
  await expect(changeSet.getByTestId("change-address")).toContainText(before);
  await expect(changeSet.getByTestId("change-address")).toContainText(address);
  await expect(changeSet.locator("tbody tr")).toHaveCount(1);
  await sales.getByRole("button", { name: "批准并生效" }).click();
  await expect(sales.getByTestId("change-request-status")).toHaveText("已批准");
  await salesContext.close();

  // 3. The portal shows the new address and the approved request.
  await page.reload();
  await expect(page.getByTestId("enterprise-address")).toHaveText(address);
  await expect(page.getByTestId("change-request-status")).toContainText("已批准");
});
