import { expect, test } from "@playwright/test";
import { signInOverHttp } from "../fixtures/auth";

test("the interface is Chinese by default and switches to English, kept in a cookie", async ({ page, context }) => {
  await signInOverHttp(page, "admin@demo.example.com", "Customer!2026");
  await page.goto("/portal/packages");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("套餐目录");
  await expect(page.getByTestId("package-table")).toContainText("自由套餐");
  await expect(page.getByTestId("package-table")).toContainText("100.00");

  await page.getByTestId("locale-switch").click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Package catalogue");
  await expect(page.getByTestId("package-table")).toContainText("Free package");
  expect((await context.cookies()).find((c) => c.name === "qxt_locale")?.value).toBe("en");
  // The URL does not carry the language.
  expect(page.url()).toMatch(/\/portal\/packages$/);

  await page.reload();
  await expect(page.getByRole("link", { name: "Overview" })).toBeVisible();
  await page.getByTestId("locale-switch").click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("套餐目录");
});
