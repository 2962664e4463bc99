import { expect, test } from "@playwright/test";
import { DEMO_USERS, signInAndLand, signInThroughForm } from "../fixtures/auth";
import { createUser, userLockState } from "../fixtures/db";

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
    await expect(page.getByTestId("login-error")).toHaveText("邮箱或密码错误");
    await expect(page).toHaveURL(/\/login$/);
  });

  test("five wrong passwords lock the account; the sixth attempt is refused as locked; an admin lifts the lock", async ({ page, browser }) => {
    const email = "lockout.e2e@demo.example.com";
    await createUser({ email, password: "Correct!Horse2026", role: "CUSTOMER_OPERATOR", enterpriseName: "示例科技有限公司" });

    for (let attempt = 1; attempt <= 4; attempt++) {
      await signInThroughForm(page, email, `wrong-${attempt}-password`);
      await expect(page.getByTestId("login-error")).toHaveText("邮箱或密码错误");
    }
    expect((await userLockState(email))?.failedLoginCount).toBe(4);

    await signInThroughForm(page, email, "wrong-5-password");
    await expect(page.getByTestId("login-error")).toContainText("账户已锁定");

    // The sixth attempt, even with the right password, is refused as locked with the time left.
    await signInThroughForm(page, email, "Correct!Horse2026");
    await expect(page.getByTestId("login-error")).toContainText("账户已锁定，请 15 分钟后再试");
    await expect(page).toHaveURL(/\/login$/);
    const locked = await userLockState(email);
    expect(locked?.lockedUntil).not.toBeNull();

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
