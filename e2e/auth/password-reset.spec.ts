import { expect, test } from "@playwright/test";
import { signInAndLand, signInThroughForm } from "../fixtures/auth";
import { createUser, e2eDb } from "../fixtures/db";
import { E2E_BASE_URL } from "../fixtures/env";

const SENT = (email: string) =>
  `如果 ${email} 是企信通账户的邮箱，重置密码的链接已发送到该邮箱，30 分钟内有效。没有收到？请检查垃圾邮件，或稍后重试。`;

async function resetLinkMailedTo(email: string): Promise<string> {
  let link = "";
  await expect
    .poll(
      async () => {
        const { rows } = await e2eDb().query<{ subject: string; text: string }>(
          `SELECT subject, text FROM "CaughtMail" WHERE $1 = ANY("envelopeTo") AND subject = '企信通：重置密码'`,
          [email],
        );
        link = /https?:\/\/\S+\/reset-password\/[A-Za-z0-9_-]{43}/.exec(rows[0]?.text ?? "")?.[0] ?? "";
        return link !== "";
      },
      { timeout: 15_000 },
    )
    .toBe(true);
  return link;
}

test("forgot password: request → mail caught → open the link → set a new password → sign in with it; the link works once and other sessions end", async ({
  page,
  browser,
}) => {
  const email = "reset.e2e@demo.example.com";
  const oldPassword = "Correct!Horse2026";
  const newPassword = "Lantern-Orchid-4417";
  await createUser({ email, password: oldPassword, role: "CUSTOMER_OPERATOR", enterpriseName: "示例科技有限公司" });

  // A session in another browser, which the reset must end.
  const otherContext = await browser.newContext();
  const other = await otherContext.newPage();
  await signInAndLand(other, email, oldPassword, "/portal");

  // A wrong password keeps the typed e-mail; the demo hint is not shown outside demo mode.
  await signInThroughForm(page, email, "not-my-password-1");
  await expect(page.getByTestId("login-error")).toBeVisible();
  await expect(page.getByLabel("电子邮箱")).toHaveValue(email);
  await expect(page.getByTestId("demo-hint")).toHaveCount(0);

  // An unknown e-mail gets the very same answer.
  await page.goto("/forgot-password");
  await page.getByLabel("电子邮箱").fill("nobody.e2e@example.com");
  await page.getByRole("button", { name: "发送重置链接" }).click();
  await expect(page.getByTestId("reset-requested")).toHaveText(SENT("nobody.e2e@example.com"));

  await page.goto("/login");
  await page.getByLabel("电子邮箱").fill(email);
  await page.getByRole("link", { name: "忘记密码？" }).click();
  await expect(page).toHaveURL(/\/forgot-password\?email=/);
  await expect(page.getByLabel("电子邮箱")).toHaveValue(email);
  await page.getByRole("button", { name: "发送重置链接" }).click();
  await expect(page.getByTestId("reset-requested")).toHaveText(SENT(email));

  const link = await resetLinkMailedTo(email);
  expect(link.startsWith(`${E2E_BASE_URL}/reset-password/`)).toBe(true);

  await page.goto(link);
  await expect(page.getByTestId("reset-email")).toContainText(email);
  // The policy holds here too.
  await page.getByLabel("新密码", { exact: true }).fill("password123");
  await page.getByLabel("再次输入新密码").fill("password123");
  await page.getByRole("button", { name: "设置新密码" }).click();
  await expect(page.getByTestId("reset-error")).toBeVisible();
  await page.getByLabel("新密码", { exact: true }).fill(newPassword);
  await page.getByLabel("再次输入新密码").fill(newPassword);
  await page.getByRole("button", { name: "设置新密码" }).click();
  await expect(page.getByTestId("reset-done")).toHaveText("密码已重置，请用新密码登录。");

  // The other browser's session has ended.
  await other.goto("/portal");
  await expect(other).toHaveURL(/\/login/);
  await otherContext.close();

  // The old password no longer works; the new one does.
  await signInThroughForm(page, email, oldPassword);
  await expect(page.getByTestId("login-error")).toBeVisible();
  await page.goto("/login");
  await signInAndLand(page, email, newPassword, "/portal");

  // The link is refused once used.
  await page.goto(link);
  await expect(page.getByRole("heading", { name: "链接已使用" })).toBeVisible();
  await expect(page.getByText("重置密码的链接已使用或已失效，请重新申请")).toBeVisible();
});
