// The built-in runner against real PostgreSQL: events to runs, memoized steps, retries with backoff,
// failure after the last attempt, sleeps, concurrency, cron ticks fired once across runners and
// restarts, manual runs for an instant, and the crash test: a runner stopped in the middle of a
// function, whose run a new runner's sweep finishes without repeating a side effect.
import { eventType, NonRetriableError } from "inngest";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { z } from "zod";
import type { Clock } from "../../clock";
import { createTestDatabase, type TestDatabase } from "../../testing/database";
import { inngest } from "../client";
import { listRecentRuns } from "../runs";
import { scheduledInstant } from "../scheduled";
import { sendEvent } from "../send";
import { silentLogger } from "./logger";
import { runJobNow, UnknownJobError } from "./manual";
import { createJobRunner, type JobRunnerOptions } from "./runner";

let t: TestDatabase;
beforeAll(async () => {
  t = await createTestDatabase();
});
afterAll(async () => t.drop());

/** A clock the test moves by hand. */
function manualClock(start: string): Clock & { set(iso: string): void; advance(ms: number): void } {
  let now = new Date(start).getTime();
  return {
    now: () => new Date(now),
    set: (iso) => {
      now = new Date(iso).getTime();
    },
    advance: (ms) => {
      now += ms;
    },
  };
}

function runner(options: Partial<JobRunnerOptions> & Pick<JobRunnerOptions, "functions">) {
  return createJobRunner({ db: t.db, logger: silentLogger, random: () => 0, retryBaseMs: 1000, ...options });
}

/** The observable side effect: an audit row (the table is append-only) per execution of a step. */
async function sideEffect(tag: string) {
  await t.db.auditLog.create({ data: { action: "test.sideEffect", entityType: "Test", entityId: tag } });
}
const sideEffects = (tag: string) => t.db.auditLog.count({ where: { action: "test.sideEffect", entityId: tag } });

const runOf = (functionId: string) => t.db.jobRun.findFirstOrThrow({ where: { functionId }, include: { steps: true } });

function deferred<T = void>() {
  let resolve!: (value: T) => void;
  let reject!: (error: Error) => void;
  const promise = new Promise<T>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
}

async function waitFor<T>(probe: () => Promise<T>, ok: (value: T) => boolean, ms = 10_000): Promise<T> {
  const until = Date.now() + ms;
  for (;;) {
    const value = await probe();
    if (ok(value)) return value;
    if (Date.now() > until) throw new Error(`timed out; last value ${JSON.stringify(value)}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

describe("events and steps", () => {
  const orderPlaced = eventType("test/order.placed", { schema: z.object({ n: z.number() }) });

  test("an event becomes one run per listening function; steps run once and return JSON", async () => {
    const calls: string[] = [];
    const double = inngest.createFunction(
      { id: "t-double", triggers: [{ event: orderPlaced }] },
      async ({ event, step }) => {
        const first = await step.run("first", async () => {
          calls.push("first");
          await sideEffect(`double:${event.data.n}`);
          return { at: new Date("2026-01-01T00:00:00Z"), n: event.data.n };
        });
        const second = await step.run("second", () => {
          calls.push("second");
          return first.n * 2;
        });
        return { first, second };
      },
    );
    const echo = inngest.createFunction(
      { id: "t-echo", triggers: [{ event: "test/order.placed" }] },
      async ({ event }) => event.data,
    );
    // Polling once a minute: only the nudge from sendEvent can start the runs in time.
    const r = runner({ functions: [double, echo], pollIntervalMs: 60_000 });
    r.start();
    try {
      await sendEvent(t.db, [
        orderPlaced.create({ n: 21 }, { id: "order-1" }),
        orderPlaced.create({ n: 21 }, { id: "order-1" }),
      ]);
      await waitFor(
        () => t.db.jobRun.findMany({ where: { functionId: { in: ["t-double", "t-echo"] } } }),
        (runs) => runs.length === 2 && runs.every((x) => x.status === "COMPLETED"),
      );
    } finally {
      await r.stop();
    }
    // The repeated event id was accepted once.
    expect(await t.db.jobEvent.count({ where: { idempotencyKey: "order-1" } })).toBe(1);
    const run = await runOf("t-double");
    expect(calls).toEqual(["first", "second"]);
    // JSON semantics, as with an Inngest server: the Date came back as a string.
    expect(run.output).toEqual({ first: { at: "2026-01-01T00:00:00.000Z", n: 21 }, second: 42 });
    expect(run.steps.map((s) => s.stepId).sort()).toEqual(["first", "second"]);
    expect(run).toMatchObject({
      trigger: "event",
      eventName: "test/order.placed",
      eventData: { n: 21 },
      attempts: 1,
      leaseOwner: null,
    });
    expect((await runOf("t-echo")).output).toEqual({ n: 21 });
    expect(await sideEffects("double:21")).toBe(1);
  });

  test("sendEvent checks the data against the event's schema", async () => {
    await expect(sendEvent(t.db, orderPlaced.create({ n: "many" } as unknown as { n: number }))).rejects.toThrow();
    expect(await t.db.jobEvent.count({ where: { name: "test/order.placed", idempotencyKey: null } })).toBe(0);
  });

  test("a failing step is retried with exponential backoff; completed steps are not repeated", async () => {
    const clock = manualClock("2026-11-25T10:00:00Z");
    let flakyCalls = 0;
    const fn = inngest.createFunction(
      { id: "t-flaky", triggers: [{ event: "test/flaky" }], retries: 3 },
      async ({ step, attempt }) => {
        await step.run("effect", () => sideEffect("flaky"));
        await step.run("flaky", () => {
          flakyCalls += 1;
          if (flakyCalls <= 2) throw new Error(`carrier busy (attempt ${attempt})`);
          return "sent";
        });
        return "done";
      },
    );
    const r = runner({ functions: [fn], clock });
    await sendEvent(t.db, eventType("test/flaky").create({}));

    // random() = 0 puts the delay at the lower end of its jitter range: base/2 · 2^(n-1).
    expect((await r.tick()).outcomes).toEqual([
      { kind: "retry", error: "Error: carrier busy (attempt 0)", nextAttemptAt: new Date("2026-11-25T10:00:00.500Z") },
    ]);
    // Not due yet: nothing happens.
    expect((await r.tick()).outcomes).toEqual([]);
    clock.advance(500);
    expect((await r.tick()).outcomes).toEqual([
      { kind: "retry", error: "Error: carrier busy (attempt 1)", nextAttemptAt: new Date("2026-11-25T10:00:01.500Z") },
    ]);
    clock.advance(1000);
    expect((await r.tick()).outcomes).toEqual([{ kind: "completed", output: "done" }]);

    const run = await runOf("t-flaky");
    expect(run).toMatchObject({
      status: "COMPLETED",
      attempts: 3,
      maxAttempts: 4,
      lastError: "Error: carrier busy (attempt 1)",
    });
    expect(flakyCalls).toBe(3);
    expect(await sideEffects("flaky")).toBe(1);
  });

  test("after the last attempt the run is FAILED with its last error; NonRetriableError fails at once", async () => {
    const clock = manualClock("2026-11-25T11:00:00Z");
    const always = inngest.createFunction(
      { id: "t-always", triggers: [{ event: "test/always" }], retries: 1 },
      async ({ step }) => {
        await step.run("boom", () => {
          throw new Error("still broken");
        });
      },
    );
    const never = inngest.createFunction(
      { id: "t-never", triggers: [{ event: "test/never" }], retries: 5 },
      async () => {
        throw new NonRetriableError("bad input");
      },
    );
    const r = runner({ functions: [always, never], clock });
    await sendEvent(t.db, [eventType("test/always").create({}), eventType("test/never").create({})]);
    await r.tick();
    clock.advance(60_000);
    await r.tick();
    expect(await runOf("t-always")).toMatchObject({
      status: "FAILED",
      attempts: 2,
      maxAttempts: 2,
      lastError: "Error: still broken",
      finishedAt: clock.now(),
    });
    expect(await runOf("t-never")).toMatchObject({
      status: "FAILED",
      attempts: 1,
      maxAttempts: 6,
      lastError: "NonRetriableError: bad input",
    });
    // A failed run is not taken again.
    clock.advance(24 * 3600_000);
    expect((await r.tick()).outcomes).toEqual([]);
  });

  test("step.sleep ends the attempt and the run resumes at the wake time; step.sendEvent is memoized", async () => {
    const clock = manualClock("2026-11-25T12:00:00Z");
    const sleeper = inngest.createFunction(
      { id: "t-sleeper", triggers: [{ event: "test/sleep" }] },
      async ({ step }) => {
        await step.run("before", () => sideEffect("sleeper-before"));
        await step.sleep("nap", "1h");
        const sent = await step.sendEvent("announce", { name: "test/slept", data: { ok: true } });
        return sent;
      },
    );
    const follower = inngest.createFunction(
      { id: "t-follower", triggers: [{ event: "test/slept" }] },
      async ({ event }) => event.data,
    );
    const r = runner({ functions: [sleeper, follower], clock });
    await sendEvent(t.db, eventType("test/sleep").create({}));

    expect((await r.tick()).outcomes).toEqual([{ kind: "sleeping", wakeAt: new Date("2026-11-25T13:00:00Z") }]);
    // A sleep is not an attempt.
    expect(await runOf("t-sleeper")).toMatchObject({
      status: "QUEUED",
      attempts: 0,
      nextAttemptAt: new Date("2026-11-25T13:00:00Z"),
    });
    clock.advance(59 * 60_000);
    expect((await r.tick()).outcomes).toEqual([]);
    clock.advance(60_000);
    const [done] = (await r.tick()).outcomes;
    const run = await runOf("t-sleeper");
    const eventId = `${run.id}:announce:0`;
    expect(done).toEqual({ kind: "completed", output: { ids: [eventId] } });
    expect(run).toMatchObject({ status: "COMPLETED", attempts: 1 });
    expect(await sideEffects("sleeper-before")).toBe(1);
    // The sent event runs the follower on the next pass.
    await r.tick();
    expect((await runOf("t-follower")).output).toEqual({ ok: true });
    expect(await t.db.jobEvent.count({ where: { idempotencyKey: eventId } })).toBe(1);
  });
});

describe("claiming", () => {
  test("two runners ticking at once execute each run exactly once", async () => {
    const executions: string[] = [];
    const fn = inngest.createFunction({ id: "t-once", triggers: [{ event: "test/once" }] }, async ({ event }) => {
      executions.push(String(event.data.k));
      await new Promise((resolve) => setTimeout(resolve, 20));
    });
    const a = runner({ functions: [fn], ownerId: "runner-a" });
    const b = runner({ functions: [fn], ownerId: "runner-b" });
    await sendEvent(
      t.db,
      ["1", "2", "3", "4", "5", "6"].map((k) => eventType("test/once").create({ k })),
    );
    await Promise.all([a.tick(), b.tick(), a.tick(), b.tick()]);
    await Promise.all([a.tick(), b.tick()]);
    expect(executions.sort()).toEqual(["1", "2", "3", "4", "5", "6"]);
    expect(await t.db.jobRun.count({ where: { functionId: "t-once", status: "COMPLETED" } })).toBe(6);
  });

  test("a concurrency limit holds across runners", async () => {
    const gate = deferred();
    let running = 0;
    let most = 0;
    const fn = inngest.createFunction(
      { id: "t-limited", triggers: [{ event: "test/limited" }], concurrency: 1 },
      async () => {
        running += 1;
        most = Math.max(most, running);
        await gate.promise;
        running -= 1;
      },
    );
    const a = runner({ functions: [fn], ownerId: "runner-a" });
    const b = runner({ functions: [fn], ownerId: "runner-b" });
    await sendEvent(t.db, [eventType("test/limited").create({}), eventType("test/limited").create({})]);
    const first = a.tick();
    await waitFor(
      () => t.db.jobRun.count({ where: { functionId: "t-limited", status: "RUNNING" } }),
      (n) => n === 1,
    );
    // The other run is due, but the limit is taken: neither runner starts it.
    expect((await b.tick()).outcomes).toEqual([]);
    gate.resolve();
    expect((await first).outcomes).toEqual([{ kind: "completed", output: null }]);
    expect((await b.tick()).outcomes).toEqual([{ kind: "completed", output: null }]);
    expect(most).toBe(1);
  });
});

describe("keyed concurrency", () => {
  test("at most `limit` running runs per key value, across runners; other values go on", async () => {
    const gates = { a: deferred(), b: deferred() };
    const started: string[] = [];
    const running = { a: 0, b: 0 };
    let most = 0;
    const fn = inngest.createFunction(
      {
        id: "t-keyed",
        triggers: [{ event: "test/keyed" }],
        concurrency: [{ limit: 10 }, { key: "event.data.tenant", limit: 1 }],
      },
      async ({ event }) => {
        const { tenant, n } = event.data as { tenant: "a" | "b"; n: string };
        started.push(`${tenant}${n}`);
        running[tenant] += 1;
        most = Math.max(most, running[tenant]);
        await gates[tenant].promise;
        running[tenant] -= 1;
      },
    );
    const first = runner({ functions: [fn], ownerId: "runner-a" });
    const second = runner({ functions: [fn], ownerId: "runner-b" });
    await sendEvent(t.db, [
      eventType("test/keyed").create({ tenant: "a", n: "1" }),
      eventType("test/keyed").create({ tenant: "a", n: "2" }),
      eventType("test/keyed").create({ tenant: "b", n: "1" }),
    ]);
    const tick = first.tick();
    await waitFor(
      () => t.db.jobRun.count({ where: { functionId: "t-keyed", status: "RUNNING" } }),
      (n) => n === 2,
    );
    await waitFor(
      async () => started.length,
      (n) => n === 2,
    );
    expect([...started].sort()).toEqual(["a1", "b1"]);
    // a2 is due but tenant a's slot is taken: the other runner does not start it either.
    expect((await second.tick()).outcomes).toEqual([]);
    gates.a.resolve();
    gates.b.resolve();
    expect((await tick).outcomes).toHaveLength(2);
    expect((await second.tick()).outcomes).toEqual([{ kind: "completed", output: null }]);
    expect(started).toHaveLength(3);
    expect(started[2]).toBe("a2");
    expect(most).toBe(1);
  });

  test("only event.data keys are evaluated; others are refused when the runner starts", () => {
    const fn = inngest.createFunction(
      { id: "t-bad-key", triggers: [{ event: "test/bad" }], concurrency: [{ key: "event.user.id", limit: 1 }] },
      async () => null,
    );
    expect(() => runner({ functions: [fn] })).toThrow(
      'the built-in runner evaluates only concurrency keys of the form event.data.<field>, not "event.user.id"',
    );
  });
});

describe("throttle", () => {
  test("at most `limit` new runs start per period, across runners", async () => {
    const clock = manualClock(new Date().toISOString());
    const started: string[] = [];
    const fn = inngest.createFunction(
      { id: "t-throttled", triggers: [{ event: "test/throttled" }], throttle: { limit: 2, period: "10s" } },
      async ({ event }) => {
        started.push((event.data as { k: string }).k);
      },
    );
    const a = runner({ functions: [fn], clock, ownerId: "runner-a" });
    const b = runner({ functions: [fn], clock, ownerId: "runner-b" });
    await sendEvent(
      t.db,
      ["1", "2", "3", "4", "5"].map((k) => eventType("test/throttled").create({ k })),
    );
    await Promise.all([a.tick(), b.tick()]);
    await Promise.all([a.tick(), b.tick()]);
    expect(started).toHaveLength(2);
    clock.advance(5_000);
    await a.tick();
    expect(started).toHaveLength(2);
    clock.advance(5_001);
    await Promise.all([a.tick(), b.tick()]);
    await a.tick();
    expect(started).toHaveLength(4);
    clock.advance(10_001);
    await b.tick();
    expect(started.sort()).toEqual(["1", "2", "3", "4", "5"]);
  });

  test("a throttle with a key is refused when the runner starts", () => {
    const fn = inngest.createFunction(
      { id: "t-keyed", triggers: [{ event: "test/keyed" }], throttle: { limit: 1, period: "1s", key: "event.data.k" } },
      async () => {},
    );
    expect(() => runner({ functions: [fn] })).toThrow(/supports only throttle \{ limit, period \}/);
  });
});

describe("cron and manual runs", () => {
  test("a cron tick in China time is queued once across two runners and restarts, without back-filling", async () => {
    const clock = manualClock("2026-12-01T03:45:00+08:00");
    const fn = inngest.createFunction(
      { id: "t-daily", triggers: [{ cron: "TZ=Asia/Shanghai 30 3 * * *" }] },
      async ({ event }) => ({
        now: scheduledInstant(event).toISOString(),
      }),
    );
    const a = runner({ functions: [fn], clock });
    const b = runner({ functions: [fn], clock });
    await Promise.all([a.tick(), b.tick(), a.tick()]);
    const runs = () => t.db.jobRun.findMany({ where: { functionId: "t-daily" }, orderBy: { scheduledFor: "asc" } });
    // 03:30 on 1 Dec China time is 19:30 on 30 Nov UTC.
    expect(await runs()).toMatchObject([
      {
        trigger: "cron",
        status: "COMPLETED",
        scheduledFor: new Date("2026-11-30T19:30:00Z"),
        dedupeKey: "t-daily:cron:2026-11-30T19:30:00.000Z",
        output: { now: "2026-11-30T19:30:00.000Z" },
      },
    ]);

    // A restart just before the next tick queues nothing; at the tick it does.
    clock.set("2026-12-02T03:29:59+08:00");
    const restarted = runner({ functions: [fn], clock });
    await restarted.tick();
    expect(await runs()).toHaveLength(1);
    clock.set("2026-12-02T03:30:00+08:00");
    await restarted.tick();
    expect(await runs()).toHaveLength(2);

    // Down for three days: only the latest missed tick runs.
    clock.set("2026-12-05T09:00:00+08:00");
    await runner({ functions: [fn], clock }).tick();
    expect((await runs()).map((r) => r.scheduledFor?.toISOString())).toEqual([
      "2026-11-30T19:30:00.000Z",
      "2026-12-01T19:30:00.000Z",
      "2026-12-04T19:30:00.000Z",
    ]);
  });

  test("a manual run executes for the chosen instant, shows in the run list and waits out a retry", async () => {
    const clock = manualClock("2026-11-25T08:00:00Z");
    let attempts = 0;
    const fn = inngest.createFunction(
      { id: "t-manual", triggers: [{ cron: "TZ=Asia/Shanghai 0 0 * * *" }] },
      async ({ event, step }) => {
        const now = await step.run("read-instant", () => scheduledInstant(event).toISOString());
        attempts += 1;
        if (attempts === 1) throw new Error("first attempt fails");
        return { now };
      },
    );
    const waited: number[] = [];
    const run = await runJobNow({
      functions: [fn],
      db: t.db,
      functionId: "t-manual",
      at: new Date("2027-01-01T00:10:00+08:00"),
      clock,
      logger: silentLogger,
      retryBaseMs: 1000,
      random: () => 0,
      wait: async (ms) => {
        waited.push(ms);
        clock.advance(ms);
      },
    });
    expect(run).toMatchObject({
      lastError: "Error: first attempt fails",
      trigger: "manual",
      status: "COMPLETED",
      attempts: 2,
      scheduledFor: new Date("2026-12-31T16:10:00Z"),
      output: { now: "2026-12-31T16:10:00.000Z" },
    });
    expect(waited).toEqual([500]);
    const { rows } = await listRecentRuns(t.db, { page: 1, pageSize: 5, functionId: "t-manual" });
    expect(rows.map((r) => [r.id, r.status, r.trigger])).toEqual([[run.id, "COMPLETED", "manual"]]);

    await expect(
      runJobNow({ functions: [fn], db: t.db, functionId: "t-nope", logger: silentLogger }),
    ).rejects.toBeInstanceOf(UnknownJobError);
    const eventOnly = inngest.createFunction(
      { id: "t-event-only", triggers: [{ event: "test/whatever" }] },
      async () => null,
    );
    await expect(
      runJobNow({ functions: [eventOnly], db: t.db, functionId: "t-event-only", logger: silentLogger }),
    ).rejects.toThrow(/no schedule/);
  });
});

describe("crash recovery", () => {
  test("a runner stopped in the middle of a function: a new runner's sweep finishes it without repeating a side effect", async () => {
    const clock = manualClock("2026-11-25T14:00:00Z");
    const reachedNotify = deferred();
    const abortFirst = deferred();
    let notifyCalls = 0;
    const fn = inngest.createFunction({ id: "t-crash", triggers: [{ event: "test/crash" }] }, async ({ step }) => {
      await step.run("charge", () => sideEffect("crash-charge"));
      await step.run("notify", async () => {
        notifyCalls += 1;
        if (notifyCalls === 1) {
          // The first runner's attempt hangs here until the test cuts it off.
          reachedNotify.resolve();
          await abortFirst.promise;
        }
        await sideEffect("crash-notify");
      });
      return "finished";
    });
    const first = runner({ functions: [fn], clock, ownerId: "runner-a", leaseMs: 30_000, pollIntervalMs: 10 });
    await sendEvent(t.db, eventType("test/crash").create({}));
    first.start();
    await reachedNotify.promise;
    const midway = await runOf("t-crash");
    expect(midway).toMatchObject({ status: "RUNNING", attempts: 1 });
    expect(midway.leaseOwner).toMatch(/^runner-a#/);
    expect(midway.steps.map((s) => s.stepId)).toEqual(["charge"]);

    // The crash: the runner stops at once, leaving its attempt behind; its lease is not renewed.
    await first.stop({ graceMs: 0 });

    const second = runner({ functions: [fn], clock, ownerId: "runner-b", leaseMs: 30_000 });
    // While the lease holds, the run is left alone.
    expect((await second.tick()).outcomes).toEqual([]);
    clock.advance(30_001);
    expect((await second.tick()).outcomes).toEqual([{ kind: "completed", output: "finished" }]);

    const done = await runOf("t-crash");
    expect(done).toMatchObject({
      status: "COMPLETED",
      attempts: 2,
      lastError: null,
      leaseOwner: null,
      output: "finished",
    });
    expect(await sideEffects("crash-charge")).toBe(1);
    expect(await sideEffects("crash-notify")).toBe(1);
    expect(notifyCalls).toBe(2);

    // The abandoned attempt wakes up (its step errors out): it can no longer write to the run.
    abortFirst.reject(new Error("connection reset"));
    // Stopping again waits for the attempts the first runner still has in flight.
    await first.stop({ graceMs: 5000 });
    expect(await runOf("t-crash")).toMatchObject({ status: "COMPLETED", attempts: 2, lastError: null });
    expect(await sideEffects("crash-notify")).toBe(1);
  });

  test("a run whose last attempt was cut off is FAILED by the sweep rather than run again", async () => {
    const clock = manualClock("2026-11-25T15:00:00Z");
    const hang = deferred();
    const fn = inngest.createFunction(
      { id: "t-poison", triggers: [{ event: "test/poison" }], retries: 0 },
      async () => {
        await hang.promise;
      },
    );
    const first = runner({ functions: [fn], clock, ownerId: "runner-a" });
    await sendEvent(t.db, eventType("test/poison").create({}));
    const abandoned = first.tick();
    await waitFor(
      () => t.db.jobRun.findFirst({ where: { functionId: "t-poison" } }),
      (r) => r?.status === "RUNNING",
    );
    clock.advance(60_000);
    expect((await runner({ functions: [fn], clock, ownerId: "runner-b" }).tick()).outcomes).toEqual([]);
    expect(await runOf("t-poison")).toMatchObject({
      status: "FAILED",
      attempts: 1,
      lastError: "the worker stopped during attempt 1 of 1 and its lease lapsed",
    });
    hang.resolve();
    expect((await abandoned).outcomes).toEqual([{ kind: "lost" }]);
    expect((await runOf("t-poison")).status).toBe("FAILED");
  });
});
