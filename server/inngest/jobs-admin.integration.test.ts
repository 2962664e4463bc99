// The back office's job procedures and the serve route, through the real router and route handler:
// who may see and start runs, what "run now" queues and audits, and how little GET /api/inngest says.
import { NextRequest } from "next/server";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { GET, POST } from "@/app/api/inngest/route";
import { seedDemo } from "@/prisma/demo-data";
import { appRouter } from "../api/root";
import type { SessionUser } from "../auth/accounts";
import { callerWith, sessionsByEmail, trpcCode as code } from "../testing/callers";
import { createTestDatabase, type TestDatabase } from "../testing/database";
import { functions } from "./functions";
import { silentLogger } from "./runner/logger";
import { createJobRunner } from "./runner/runner";

let t: TestDatabase;
let users: Record<string, SessionUser> = {};
const now = new Date("2026-11-25T02:00:00Z");

function caller(email: string) {
  const user = users[email];
  if (!user) throw new Error(`no user ${email}`);
  return callerWith(t.db, user, { now });
}

beforeAll(async () => {
  t = await createTestDatabase();
  await seedDemo(t.db);
  users = await sessionsByEmail(t.db);
});
afterAll(async () => t.drop());

describe("jobs procedures", () => {
  test("only bureau admins see and start runs", async () => {
    for (const email of [
      "sales@bureau.example.com",
      "finance@bureau.example.com",
      "compliance@bureau.example.com",
      "admin@demo.example.com",
    ]) {
      expect(await code(caller(email).jobs.list({}))).toBe("FORBIDDEN");
      expect(await code(caller(email).jobs.runNow({ functionId: "housekeeping-daily" }))).toBe("FORBIDDEN");
    }
  });

  test("the function list gives each function's triggers and its next run in China time", async () => {
    const fns = await caller("admin@bureau.example.com").jobs.functions();
    const housekeeping = fns.find((f) => f.id === "housekeeping-daily");
    expect(housekeeping).toMatchObject({
      triggers: [{ cron: "TZ=Asia/Shanghai 30 3 * * *" }, { event: "housekeeping/run.requested" }],
    });
    // 10:00 China time on 25 November: the next 03:30 is on the 26th.
    expect(housekeeping?.nextRunAt).toEqual(new Date("2026-11-25T19:30:00Z"));
    expect(fns.find((f) => f.id === "contracts-daily")?.nextRunAt).toEqual(new Date("2026-11-25T16:05:00Z"));
  });

  test("run now queues a manual run, audits it, and the runner completes it; the run shows with its steps", async () => {
    const admin = caller("admin@bureau.example.com");
    const { runId } = await admin.jobs.runNow({ functionId: "housekeeping-daily" });
    expect(await t.db.jobRun.findUniqueOrThrow({ where: { id: runId } })).toMatchObject({
      status: "QUEUED",
      trigger: "manual",
      scheduledFor: now,
    });
    expect(
      await t.db.auditLog.count({
        where: { action: "jobs.run.requested", entityId: runId, actorId: users["admin@bureau.example.com"]?.id },
      }),
    ).toBe(1);

    // A runner of the housekeeping alone (a fresh runner also queues the latest tick of each
    // schedule; housekeeping runs one at a time, so the manual run and the 03:30 tick of the 25th
    // complete over two passes).
    const housekeeping = functions.filter((f) => f.opts.id === "housekeeping-daily");
    expect(housekeeping).toHaveLength(1);
    const runner = createJobRunner({
      functions: housekeeping,
      db: t.db,
      logger: silentLogger,
      clock: { now: () => now },
    });
    const outcomes = [...(await runner.tick()).outcomes, ...(await runner.tick()).outcomes];
    expect(outcomes.map((o) => o.kind)).toEqual(["completed", "completed"]);

    const { rows, total } = await admin.jobs.list({ functionId: "housekeeping-daily" });
    expect(total).toBe(2);
    expect(rows.find((r) => r.id === runId)).toMatchObject({ status: "COMPLETED", attempts: 1, trigger: "manual" });
    expect(rows.find((r) => r.id !== runId)).toMatchObject({
      status: "COMPLETED",
      trigger: "cron",
      scheduledFor: new Date("2026-11-24T19:30:00Z"),
    });
    const run = await admin.jobs.get({ id: runId });
    expect(run.steps.map((s) => s.stepId)).toEqual([
      "prune-expired-sessions",
      "clear-expired-lockouts",
      "prune-auth-throttles",
      "prune-job-history",
      "prune-idempotency-records",
      "prune-caught-mail",
      "prune-webhook-deliveries",
    ]);
    expect(run.output).toMatchObject({ scheduledFor: now.toISOString(), sessionsDeleted: 0 });
    expect((await admin.jobs.list({ status: "FAILED" })).total).toBe(0);
  });

  test("unknown functions and runs are refused with stable codes", async () => {
    const admin = caller("admin@bureau.example.com");
    expect(await code(admin.jobs.runNow({ functionId: "no-such-function" }))).toBe("NOT_FOUND");
    expect(await code(admin.jobs.get({ id: "no-such-run" }))).toBe("NOT_FOUND");
    expect(appRouter._def.procedures).toHaveProperty("jobs.runNow");
  });
});

describe("GET /api/inngest", () => {
  test("tells anyone only that the built-in runner runs the functions (no function details); execution calls are refused", async () => {
    const response = await GET(new NextRequest("http://localhost:3000/api/inngest"), {});
    expect(response.status).toBe(200);
    const body = (await response.json()) as Record<string, unknown>;
    expect(body.runner).toBe("built-in");
    expect(body.function_count).toBe(functions.length);
    expect(body).not.toHaveProperty("functions");
    expect(JSON.stringify(body)).not.toContain("contracts-daily");

    const post = await POST(
      new NextRequest("http://localhost:3000/api/inngest?fnId=qixintong-housekeeping-daily", {
        method: "POST",
        body: "{}",
      }),
      {},
    );
    expect(post.status).toBe(403);
  });
});
