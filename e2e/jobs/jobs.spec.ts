// The operator's view of background work: a housekeeping run started from the command line
// (`npm run job -- housekeeping-daily --at …`) shows on the back office's job page with its steps,
// and "run now" there queues a run that the app's own runner completes.
import { execFile } from "node:child_process";
import { promisify } from "node:util";
import { expect, test } from "@playwright/test";
import { signInOverHttp } from "../fixtures/auth";
import { E2E_DATABASE_URL } from "../fixtures/env";

const run = promisify(execFile);

test("npm run job runs the housekeeping for a chosen instant and the run shows on the admin page", async ({ page }) => {
  const { stdout } = await run(
    "npm",
    ["run", "--silent", "job", "--", "housekeeping-daily", "--at", "2026-12-01T03:30:00+08:00"],
    {
      cwd: new URL("../..", import.meta.url).pathname,
      env: { ...process.env, DATABASE_URL: E2E_DATABASE_URL },
    },
  );
  const printed = JSON.parse(stdout) as { id: string; status: string; scheduledFor: string };
  expect(printed).toMatchObject({ status: "COMPLETED", scheduledFor: "2026-11-30T19:30:00.000Z" });

  await signInOverHttp(page, "admin@bureau.example.com", "Bureau!2026");
  await page.goto("/bureau/jobs?fn=housekeeping-daily");
  const row = page.getByTestId("job-runs").getByRole("row").filter({ hasText: "2026-12-01 03:30" });
  await expect(row).toContainText("手动");
  await expect(row).toContainText("已完成");
  await row.getByRole("link").click();
  await expect(page.getByRole("heading", { name: `运行记录 ${printed.id}` })).toBeVisible();
  await expect(page.getByTestId("run-status")).toContainText("已完成");
  await expect(page.getByText("prune-expired-sessions")).toBeVisible();
  await expect(page.getByTestId("run-output")).toContainText('"scheduledFor": "2026-11-30T19:30:00.000Z"');
});

test("run now in the back office queues a run that the app's runner completes", async ({ page }) => {
  await signInOverHttp(page, "admin@bureau.example.com", "Bureau!2026");
  await page.goto("/bureau/jobs?fn=contracts-daily&status=COMPLETED");
  const before = await page.getByTestId("job-runs").getByRole("row").filter({ hasText: "手动" }).count();
  await page.goto("/bureau/jobs");
  await page.getByTestId("run-now-contracts-daily").click();
  await expect(page.getByText("已提交运行")).toBeVisible();
  await expect(async () => {
    await page.goto("/bureau/jobs?fn=contracts-daily&status=COMPLETED");
    expect(await page.getByTestId("job-runs").getByRole("row").filter({ hasText: "手动" }).count()).toBe(before + 1);
  }).toPass({ timeout: 20_000 });
});
