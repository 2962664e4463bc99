// The billing functions through @inngest/test against a real database: the close function closes the
// month before its instant (also when the server clock reads 16:00 UTC on the last day), the package
// change function applies due forms on the 1st, and collections run for their China day.
import { InngestTestEngine, mockCtx } from "@inngest/test";
import { afterAll, beforeAll, expect, test } from "vitest";
import { seedDemo } from "@/prisma/demo-data";
import { createTestDatabase, type TestDatabase } from "../../testing/database";
import { SCHEDULED_EVENT_NAME } from "../scheduled";
import { billingClosePeriod } from "./billing-close-period";
import { billingCollections } from "./billing-collections";
import { billingPackageChanges } from "./billing-package-changes";

let t: TestDatabase;
beforeAll(async () => {
  t = await createTestDatabase();
  await seedDemo(t.db);
});
afterAll(async () => t.drop());

function engine(fn: ConstructorParameters<typeof InngestTestEngine>[0]["function"], at: Date, cron: string) {
  return new InngestTestEngine({
    function: fn,
    events: [{ name: SCHEDULED_EVENT_NAME, data: { cron, scheduledFor: at.toISOString() } }],
    transformCtx: (ctx) => ({ ...mockCtx(ctx), db: t.db }),
  });
}

test("billing-close-period at 16:00 UTC on 30 November (00:00 China, 1 December) closes November once", async () => {
  const at = new Date("2026-11-30T16:10:00Z");
  const first = await engine(billingClosePeriod, at, "TZ=Asia/Shanghai 10 0 1 * *").execute();
  // The two demo contracts (BASIC and STANDARD), in force all of November.
  expect(first.result).toMatchObject({ period: "2026-11", alreadyIssued: 0, notInForce: 0 });
  expect((first.result as { issued: string[] }).issued).toEqual(["QXT-202611-000001", "QXT-202611-000002"]);
  expect(first.ctx.step.run).toHaveBeenCalledWith("close-period-2026-11", expect.any(Function));
  const totals = await t.db.statement.findMany({
    where: { period: "2026-11" },
    orderBy: { number: "asc" },
    select: { packageCode: true, totalFen: true },
  });
  // No usage metered: BASIC base fee 100.00 元, STANDARD 300.00 元.
  expect(totals).toEqual([
    { packageCode: "BASIC", totalFen: 10_000 },
    { packageCode: "STANDARD", totalFen: 30_000 },
  ]);
  const again = await engine(billingClosePeriod, at, "TZ=Asia/Shanghai 10 0 1 * *").execute();
  expect(again.result).toMatchObject({ issued: [], alreadyIssued: 2 });
});

test("billing-package-changes and billing-collections run for their China day", async () => {
  const changes = await engine(
    billingPackageChanges,
    new Date("2026-11-30T16:01:00Z"),
    "TZ=Asia/Shanghai 1 0 1 * *",
  ).execute();
  expect(changes.result).toEqual({ applied: 0, dropped: 0 });
  const collections = await engine(
    billingCollections,
    new Date("2026-12-14T16:20:00Z"),
    "TZ=Asia/Shanghai 20 0 * * *",
  ).execute();
  // 15 December in China: day Y of November's statements, a DUE reminder by e-mail and SMS for each.
  expect(collections.result).toMatchObject({ day: "2026-12-15", reminders: 4, suspended: [] });
});
