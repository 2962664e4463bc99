import { expect, test } from "@playwright/test";
import { signInAndLand, signInOverHttp } from "../fixtures/auth";
import { enterpriseIdByName } from "../fixtures/db";

test.describe("tenancy and roles", () => {
  test("a customer opening another enterprise's page gets 403 and never its data", async ({ page }) => {
    const otherId = await enterpriseIdByName("远景贸易有限公司");
    await signInOverHttp(page, "admin@demo.example.com", "Customer!2026");

    const response = await page.goto(`/bureau/customers/${otherId}`);
    expect([403, 404]).toContain(response?.status());
    await expect(page.getByTestId("status-title")).toHaveText("无权访问");
    await expect(page.locator("body")).not.toContainText("远景贸易有限公司");

    // The procedure behind the page refuses too, whatever the page does.
    const api = await page.request.get(
      `/api/trpc/customers.get?input=${encodeURIComponent(JSON.stringify({ json: { id: otherId } }))}`,
    );
    expect(api.status()).toBe(403);
    const body = await api.text();
    expect(body).not.toContain("远景贸易有限公司");
    expect(body).toContain("FORBIDDEN");

    // Its own portal shows its own enterprise only.
    await page.goto("/portal/enterprise");
    await expect(page.getByTestId("enterprise-name")).toHaveText("示例科技有限公司");
    await expect(page.locator("body")).not.toContainText("远景贸易有限公司");
  });

  test("staff without the admin role cannot open admin pages", async ({ page }) => {
    await signInOverHttp(page, "sales@bureau.example.com", "Bureau!2026");
    const response = await page.goto("/bureau/users");
    expect(response?.status()).toBe(403);
    await page.goto("/bureau/customers");
    await expect(page.getByTestId("customer-table")).toContainText("远景贸易有限公司");
    await expect(page.getByTestId("customer-table")).toContainText("示例科技有限公司");
  });

  test("signed-out visitors are sent to the login page", async ({ page }) => {
    await page.goto("/bureau/customers");
    await expect(page).toHaveURL(/\/login$/);
  });

  test("bureau staff search and open customers", async ({ page }) => {
    await signInAndLand(page, "sales@bureau.example.com", "Bureau!2026", "/bureau");
    await page.goto("/bureau/customers");
    await page.getByPlaceholder("企业名称、信用代码或联系人").fill("远景");
    await page.getByRole("button", { name: "搜索" }).click();
    await expect(page.getByTestId("customer-table")).toContainText("远景贸易有限公司");
    await expect(page.getByTestId("customer-table")).not.toContainText("示例科技有限公司");
    await page.getByRole("link", { name: "远景贸易有限公司" }).click();
    await expect(page.getByTestId("enterprise-name")).toHaveText("远景贸易有限公司");
  });
});
