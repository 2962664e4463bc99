// The demo customer admin on the portal's billing screens: files a package change (业务变更记录表),
// sees when it takes effect, prints it and withdraws it; then sends three verification codes and
// downloads the usage XLSX, whose rows grow by exactly those messages and agree with DailyUsage.
import { readFile } from "node:fs/promises";
import { type APIRequestContext, expect, test } from "@playwright/test";
import { signInOverHttp } from "../fixtures/auth";
import { e2eDb, enterpriseIdByName } from "../fixtures/db";
import { pdfText } from "../fixtures/pdf";
import { ensureApprovedSignature } from "../fixtures/sending";
import { type UsageRow, usageXlsxRows } from "../fixtures/xlsx";

const ADMIN = { email: "admin@demo.example.com", password: "Customer!2026" };
const ENTERPRISE = "示例科技有限公司";

async function trpcMutation<T>(request: APIRequestContext, path: string, input: unknown): Promise<T> {
  const response = await request.post(`/api/trpc/${path}`, { data: { json: input } });
  expect(response.ok(), await response.text()).toBeTruthy();
  return ((await response.json()) as { result: { data: { json: T } } }).result.data.json;
}

/** Today in China, and the date a change filed today takes effect (cutoff day 20 in the demo terms). */
function chinaToday() {
  const today = new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 10);
  const [y, m, d] = today.split("-").map(Number) as [number, number, number];
  const index = y * 12 + (m - 1) + (d <= 20 ? 1 : 2);
  return { today, effectiveOn: `${Math.floor(index / 12)}-${String((index % 12) + 1).padStart(2, "0")}-01` };
}

const sumOf = (rows: UsageRow[], day: string, purpose: string, column: 3 | 5) =>
  rows.filter((r) => r[0] === day && r[1] === purpose).reduce((sum, r) => sum + r[column], 0);

test("package change: file, see the effective date, print, withdraw", async ({ page }) => {
  await signInOverHttp(page, ADMIN.email, ADMIN.password);
  const enterpriseId = await enterpriseIdByName(ENTERPRISE);
  // A reused server may hold a pending change from an earlier run: one pending at a time.
  await e2eDb().query(
    `UPDATE "PackageChangeRequest" SET status = 'WITHDRAWN', "withdrawnAt" = now() WHERE "enterpriseId" = $1 AND status = 'PENDING'`,
    [enterpriseId],
  );
  const { today, effectiveOn } = chinaToday();

  await page.goto("/portal/contract");
  await expect(page.getByTestId("package-history")).toContainText("基础套餐");
  await page.getByTestId("contract-package-change-link").click();
  await expect(page).toHaveURL(/\/portal\/billing\/package-change$/);
  await expect(page.getByTestId("package-change-hint")).toHaveText(
    `今天（${today}）提交，将于 ${effectiveOn} 生效（变更截止日为每月 20 日）。`,
  );

  await page.getByTestId("package-change-package").selectOption("PREMIUM");
  await page.getByLabel("变更原因").fill("业务量增长，需要更高的每日上限");
  await page.getByRole("button", { name: "提交业务变更记录表" }).click();
  const pending = page.getByTestId("package-change-pending");
  await expect(pending).toContainText(`基础套餐 → 高级套餐，${effectiveOn} 生效；原因：业务量增长，需要更高的每日上限`);

  const href = await page.getByTestId("package-change-pdf").getAttribute("href");
  const pdf = await page.request.get(href!);
  expect(pdf.headers()["content-type"]).toBe("application/pdf");
  const text = pdfText(await pdf.body());
  expect(text).toContain("业务变更记录表");
  expect(text).toContain("高级套餐");

  // The contract page shows the pending change too.
  await page.goto("/portal/contract");
  await expect(page.getByTestId("contract-pending-change")).toContainText(effectiveOn);

  await page.goto("/portal/billing/package-change");
  await page.getByTestId("package-change-withdraw").getByRole("button", { name: "撤回变更" }).click();
  await expect(page.getByTestId("package-change-pending")).toHaveCount(0);
  await expect(page.getByTestId("package-change-form")).toBeVisible();
  await expect(page.getByTestId("package-change-forms")).toContainText("已撤回");
  const { rows } = await e2eDb().query<{ status: string }>(
    `SELECT status FROM "PackageChangeRequest" WHERE "enterpriseId" = $1 ORDER BY "submittedAt" DESC LIMIT 1`,
    [enterpriseId],
  );
  expect(rows[0]?.status).toBe("WITHDRAWN");
});

test("usage XLSX: three verification codes sent today appear in it and agree with DailyUsage", async ({ page }) => {
  test.setTimeout(120_000);
  await ensureApprovedSignature(ENTERPRISE, ADMIN.email);
  await signInOverHttp(page, ADMIN.email, ADMIN.password);
  const enterpriseId = await enterpriseIdByName(ENTERPRISE);
  const { today } = chinaToday();
  const run = (Date.now() % 90_000) + 10_000;
  const numbers = [0, 1, 2].map((i) => String(19_700_000_000 + run * 10 + i));
  for (const n of numbers) {
    await e2eDb().query(
      `INSERT INTO "Contact" (id, "enterpriseId", name, mobile, kind, tags, "updatedAt") VALUES (gen_random_uuid()::text, $1, $2, $3, 'CLIENT', '{}', now()) ON CONFLICT DO NOTHING`,
      [enterpriseId, `用量${n}`, n],
    );
  }

  const exportUrl = `/api/billing/usage/export?format=xlsx&from=${today.slice(0, 8)}01&to=${today}&by=day`;
  const before = await usageXlsxRows(await (await page.request.get(exportUrl)).body());

  const sent = await trpcMutation<{ jobId: string; accepted: number; segmentsPerMessage: number }>(
    page.request,
    "sending.send",
    {
      purpose: "VERIFICATION",
      content: `您的验证码是 ${run}，5 分钟内有效。`,
      numbers: numbers.join("\n"),
    },
  );
  expect(sent).toMatchObject({ accepted: 3, segmentsPerMessage: 1 });
  await expect
    .poll(
      async () =>
        (await e2eDb().query<{ status: string }>(`SELECT status FROM "SendJob" WHERE id = $1`, [sent.jobId])).rows[0]
          ?.status,
      { timeout: 90_000 },
    )
    .toBe("COMPLETED");

  // Downloaded from the page's link, as a person does (default range: this month, by day).
  await page.goto("/portal/billing/usage");
  await expect(page.getByTestId("usage-totals")).toContainText(today);
  const [download] = await Promise.all([page.waitForEvent("download"), page.getByTestId("usage-export-xlsx").click()]);
  const after = await usageXlsxRows(await readFile((await download.path())!));
  expect(after.header).toEqual(["日期", "用途", "最终状态", "短信数", "分段数", "计费条数"]);
  expect(sumOf(after.rows, today, "验证码", 3) - sumOf(before.rows, today, "验证码", 3)).toBe(3);
  expect(sumOf(after.rows, today, "验证码", 5) - sumOf(before.rows, today, "验证码", 5)).toBe(3);
  const states = after.rows.filter((r) => r[0] === today && r[1] === "验证码").map((r) => r[2]);
  expect(
    states.every((s) => ["成功", "失败", "过期", "被拒"].includes(s)),
    states.join(),
  ).toBe(true);

  // Billable segments agree with DailyUsage, for today and for the whole month.
  const metered = await e2eDb().query<{ day: string; segments: number }>(
    `SELECT to_char(day, 'YYYY-MM-DD') AS day, "submittedSegments" AS segments FROM "DailyUsage" WHERE "enterpriseId" = $1 AND day >= $2::date AND day <= $3::date`,
    [enterpriseId, `${today.slice(0, 8)}01`, today],
  );
  const todayMetered = metered.rows.find((r) => r.day === today)?.segments ?? 0;
  expect(after.rows.filter((r) => r[0] === today).reduce((sum, r) => sum + r[5], 0)).toBe(todayMetered);
  expect(after.total[0]).toBe("合计");
  expect(after.total[5]).toBe(metered.rows.reduce((sum, r) => sum + r.segments, 0));

  // The overview's metering shows today's use against the cap.
  await page.goto("/portal/billing");
  await expect(page.getByTestId("metering")).toBeVisible();
  await expect(page.getByTestId("metering-chart")).toBeVisible();
});
