import { expect, test } from "@playwright/test";
import { DEMO_USERS, signInAndLand, signInThroughForm } from "../fixtures/auth";
import { createUser, e2eDb, userLockState } from "../fixtures/db";

test.describe("sign-in", () => {
  for (const user of DEMO_USERS) {
    test(`${user.email} signs in and lands in ${user.area}`, async ({ page }) => {
      await signInThroughForm(page, user.email, user.password);
      await expect(page).toHaveURL(new RegExp(`${user.area}$`));
      await expect(page.getByTestId("current-user")).toContainText(user.role);
      await expect(page.getByTestId("area-name")).toHaveText(user.area === "/bureau" ? "管理后台" : "客户门户");
    });
  }

  test("a wrong password shows a clear error and stays on the login page", async ({ page }) => {
    await signInThroughForm(page, "admin@other.example.com", "wrong-password-1");
    await expect(page.getByTestId("login-error")).toHaveText(
      "邮箱或密码错误（连续输错 5 次，账户将锁定 15 分钟，并通知账户邮箱）",
    );
    await expect(page).toHaveURL(/\/login$/);
  });

  test("five wrong passwords lock the account; the answer stays that of an unknown e-mail; the owner is mailed; an admin lifts the lock", async ({
    page,
    browser,
  }) => {
    const email = "lockout.e2e@demo.example.com";
    await createUser({
      email,
      password: "Correct!Horse2026",
      role: "CUSTOMER_OPERATOR",
      enterpriseName: "示例科技有限公司",
    });
    const unknown = "邮箱或密码错误（连续输错 5 次，账户将锁定 15 分钟，并通知账户邮箱）";

    for (let attempt = 1; attempt <= 5; attempt++) {
      await signInThroughForm(page, email, `wrong-${attempt}-password`);
      await expect(page.getByTestId("login-error")).toHaveText(unknown);
      if (attempt === 4) expect((await userLockState(email))?.failedLoginCount).toBe(4);
    }

    // The sixth attempt, even with the right password, is refused: with the very answer an unknown
    // e-mail gets, so the page tells a stranger nothing about which accounts exist.
    await signInThroughForm(page, email, "Correct!Horse2026");
    await expect(page.getByTestId("login-error")).toHaveText(unknown);
    await signInThroughForm(page, "no-such-user.e2e@demo.example.com", "Correct!Horse2026");
    await expect(page.getByTestId("login-error")).toHaveText(unknown);
    await expect(page).toHaveURL(/\/login$/);
    const locked = await userLockState(email);
    expect(locked?.lockedUntil).not.toBeNull();
    // The owner is told by e-mail instead (the local SMTP catcher keeps it).
    await expect
      .poll(
        async () =>
          (await e2eDb().query(`SELECT subject FROM "CaughtMail" WHERE $1 = ANY("envelopeTo")`, [email])).rows.map(
            (r) => r.subject,
          ),
        { timeout: 15_000 },
      )
      .toEqual(["企信通：您的账户已被临时锁定"]);

    // The bureau admin sees the lock and lifts it.
    const adminContext = await browser.newContext();
    const admin = await adminContext.newPage();
    await signInAndLand(admin, "admin@bureau.example.com", "Bureau!2026", "/bureau");
    await admin.goto("/bureau/users?locked=1");
    const row = admin.getByTestId(`locked-${email}`);
    await expect(row).toBeVisible();
    await row.getByRole("button", { name: "解除锁定" }).click();
    await expect(row).toHaveCount(0);
    await adminContext.close();
    expect((await userLockState(email))?.lockedUntil).toBeNull();

    await signInThroughForm(page, email, "Correct!Horse2026");
    await expect(page).toHaveURL(/\/portal$/);
  });

  test("signing out ends the session", async ({ page }) => {
    await signInThroughForm(page, "operator@demo.example.com", "Customer!2026");
    await expect(page).toHaveURL(/\/portal$/);
    await page.getByTestId("sign-out").click();
    await expect(page).toHaveURL(/\/login$/);
    await page.goto("/portal");
    await expect(page).toHaveURL(/\/login$/);
  });
});
