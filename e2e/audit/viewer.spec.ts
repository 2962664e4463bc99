import { expect, test } from "@playwright/test";
import { signInAndLand } from "../fixtures/auth";
import { e2eDb } from "../fixtures/db";

test("the audit viewer finds entries by the actor's name and shows what changed, in both languages", async ({
  page,
  context,
}) => {
  // An entry as the terms editor writes it (changed fields as { from, to }), on a day of its own.
  await e2eDb().query(
    `INSERT INTO "AuditLog" (at, "actorId", "actorRole", action, "entityType", "entityId", ip, detail)
     SELECT '2030-05-20T02:00:00Z', id, role, 'contract.terms.updated', 'Contract', 'e2e-contract', '203.0.113.5',
            '{"graceDays": {"from": 10, "to": 15}, "depositFen": {"from": 500000, "to": 300000}}'::jsonb
       FROM "User" WHERE email = 'sales@bureau.example.com'`,
  );
  await signInAndLand(page, "admin@bureau.example.com", "Bureau!2026", "/bureau");

  await page.goto("/bureau/audit");
  await page.getByLabel("操作人（姓名或邮箱）").fill("王芳");
  await page.getByLabel("起始日期").fill("2030-05-20");
  await page.getByLabel("结束日期").fill("2030-05-20");
  await page.getByRole("button", { name: "筛选", exact: true }).click();
  await expect(page).toHaveURL(/actor=/);
  const table = page.getByTestId("audit-table");
  await expect(table.locator("tbody tr")).toHaveCount(1);
  await expect(table).toContainText("销售 王芳");
  const changes = table.getByTestId("audit-changes");
  await expect(changes).toContainText("宽限期（天）10 → 15");
  await expect(changes).toContainText("押金¥5,000.00 → ¥3,000.00");

  // A reversed range is refused, in words.
  await page.goto("/bureau/audit?from=2030-05-21&to=2030-05-20");
  await expect(page.getByTestId("audit-filter-error")).toHaveText(
    "日期范围无效：起始日期 2030-05-21 晚于结束日期 2030-05-20",
  );

  await context.addCookies([{ name: "qxt_locale", value: "en", url: page.url() }]);
  await page.goto("/bureau/audit?actor=%E7%8E%8B%E8%8A%B3&from=2030-05-20&to=2030-05-20");
  await expect(page.getByTestId("audit-changes")).toContainText("Grace period (days)10 → 15");
});
