// The built-in single-machine runner: runs the app's Inngest functions in-process when no Inngest
// server is configured. Each pass dispatches stored events into runs, queues due cron ticks (China
// time, written in the trigger), and claims due runs, including running runs whose lease lapsed
// (the sweep that finishes work cut off by a crash or restart). Durability comes from the domain:
// functions are idempotent and driven by database state, and completed steps are not repeated.
import { hostname } from "node:os";
import type { InngestFunction } from "inngest";
import { type Clock, systemClock } from "../../clock";
import type { Db } from "../../db";
import { defineJobs, type JobRegistry, latestTick, nextTick } from "./definitions";
import { type Execution, type ExecutionDeps, executeRun, type RunOutcome } from "./execute";
import { consoleLogger, type JobLogger } from "./logger";
import { onNudge } from "./nudge";
import { claimDueRuns, dispatchEvents, ensureCronRun, renewLease } from "./store";

export interface JobRunnerOptions {
  functions: readonly InngestFunction.Any[];
  db: Db;
  clock?: Clock;
  /** Names this process in leases; default host:pid. */
  ownerId?: string;
  pollIntervalMs?: number;
  /** How long a claim holds a run without renewal; a run whose lease lapsed is taken over. */
  leaseMs?: number;
  /** Runs executed at once by this runner. */
  maxConcurrentRuns?: number;
  retryBaseMs?: number;
  retryMaxMs?: number;
  random?: () => number;
  logger?: JobLogger;
}

export interface TickReport {
  dispatched: number;
  scheduled: number;
  outcomes: RunOutcome[];
}

export interface JobRunner {
  readonly ownerId: string;
  readonly registry: JobRegistry;
  /** Starts polling (and renewing leases) in the background. */
  start(): void;
  /** Stops polling, waits up to graceMs for running attempts, then stops renewing their leases. */
  stop(options?: { graceMs?: number }): Promise<void>;
  /** Asks for a pass soon, e.g. after an event was stored. */
  nudge(): void;
  /** One pass, resolving when the attempts it started have ended (for tests and tools). */
  tick(): Promise<TickReport>;
}

export const DEFAULT_RUNNER_OPTIONS = {
  pollIntervalMs: 1000,
  leaseMs: 30_000,
  maxConcurrentRuns: 4,
  retryBaseMs: 10_000,
  retryMaxMs: 30 * 60_000,
} as const;

/** Waits this long after a nudge, so an event sent inside a transaction has likely been committed. */
const NUDGE_DELAY_MS = 25;

export function defaultOwnerId(): string {
  return `${hostname()}:${process.pid}`;
}

export function createJobRunner(options: JobRunnerOptions): JobRunner {
  const registry = defineJobs(options.functions);
  const clock = options.clock ?? systemClock;
  const ownerId = options.ownerId ?? defaultOwnerId();
  const pollIntervalMs = options.pollIntervalMs ?? DEFAULT_RUNNER_OPTIONS.pollIntervalMs;
  const maxConcurrentRuns = options.maxConcurrentRuns ?? DEFAULT_RUNNER_OPTIONS.maxConcurrentRuns;
  const logger = options.logger ?? consoleLogger;
  const deps: ExecutionDeps = {
    db: options.db,
    clock,
    leaseMs: options.leaseMs ?? DEFAULT_RUNNER_OPTIONS.leaseMs,
    logger,
    retryBaseMs: options.retryBaseMs ?? DEFAULT_RUNNER_OPTIONS.retryBaseMs,
    retryMaxMs: options.retryMaxMs ?? DEFAULT_RUNNER_OPTIONS.retryMaxMs,
    random: options.random ?? Math.random,
  };
  const { db } = deps;

  const inFlight = new Map<string, { execution: Execution; done: Promise<RunOutcome> }>();
  /** Per schedule, when to look again; empty after a restart, so the latest missed tick is queued once. */
  const nextCronCheck = new Map<string, number>();

  async function scheduleCronRuns(now: Date): Promise<number> {
    let created = 0;
    for (const def of registry.list) {
      for (const schedule of def.schedules) {
        const key = `${def.id}|${schedule.expression}`;
        if (now.getTime() < (nextCronCheck.get(key) ?? 0)) continue;
        const tick = latestTick(schedule, now);
        if (tick && (await ensureCronRun(db, def, schedule, tick))) created += 1;
        nextCronCheck.set(key, nextTick(schedule, now)?.getTime() ?? Number.POSITIVE_INFINITY);
      }
    }
    return created;
  }

  function launch(execution: Execution): Promise<RunOutcome> {
    const done = executeRun(deps, registry, execution)
      .catch((error: unknown): RunOutcome => {
        // The database failed under the attempt: the lease will lapse and the sweep retries it.
        logger.error(`[job runner] run ${execution.runId} stopped on an error:`, error);
        return { kind: "lost" };
      })
      .finally(() => {
        inFlight.delete(execution.runId);
        if (running) schedule(0);
      });
    inFlight.set(execution.runId, { execution, done });
    return done;
  }

  async function pass(): Promise<{ report: Omit<TickReport, "outcomes">; started: Promise<RunOutcome>[] }> {
    const now = clock.now();
    const dispatched = await dispatchEvents(db, registry, now);
    const scheduled = await scheduleCronRuns(now);
    const claims = await claimDueRuns(db, registry, {
      now,
      capacity: maxConcurrentRuns - inFlight.size,
      ownerId,
      leaseMs: deps.leaseMs,
    });
    const started = claims.map((claim) => launch({ ...claim, lost: false }));
    return { report: { dispatched, scheduled }, started };
  }

  async function renewLeases(): Promise<void> {
    const now = clock.now();
    for (const { execution } of inFlight.values()) {
      if (execution.lost) continue;
      try {
        if (!(await renewLease(db, execution, now, deps.leaseMs))) execution.lost = true;
      } catch (error) {
        logger.warn(`[job runner] could not renew the lease of run ${execution.runId}:`, error);
      }
    }
  }

  let running = false;
  let timer: NodeJS.Timeout | undefined;
  let timerDue = 0;
  let renewTimer: NodeJS.Timeout | undefined;
  let current: Promise<unknown> | null = null;
  let again = false;
  let unregister: (() => void) | undefined;

  /** Sets the next pass for `delayMs` from now unless one is already due sooner (a nudge must not be postponed). */
  function schedule(delayMs: number): void {
    if (!running) return;
    const due = Date.now() + delayMs;
    if (timer && timerDue <= due) return;
    clearTimeout(timer);
    timerDue = due;
    timer = setTimeout(() => {
      timer = undefined;
      void loop();
    }, delayMs);
    timer.unref();
  }

  async function loop(): Promise<void> {
    if (current) {
      again = true;
      return;
    }
    current = pass().catch((error: unknown) => logger.error("[job runner] pass failed:", error));
    await current;
    current = null;
    schedule(again ? 0 : pollIntervalMs);
    again = false;
  }

  return {
    ownerId,
    registry,
    start() {
      if (running) return;
      running = true;
      unregister = onNudge(() => schedule(NUDGE_DELAY_MS));
      renewTimer = setInterval(() => void renewLeases(), Math.max(1000, Math.floor(deps.leaseMs / 3)));
      renewTimer.unref();
      schedule(0);
    },
    async stop({ graceMs = 10_000 } = {}) {
      running = false;
      clearTimeout(timer);
      timer = undefined;
      unregister?.();
      await current;
      const pending = [...inFlight.values()].map((f) => f.done);
      let graceTimer: NodeJS.Timeout | undefined;
      await Promise.race([
        Promise.allSettled(pending),
        new Promise((resolve) => {
          graceTimer = setTimeout(resolve, graceMs);
        }),
      ]);
      clearTimeout(graceTimer);
      clearInterval(renewTimer);
    },
    nudge() {
      schedule(NUDGE_DELAY_MS);
    },
    async tick() {
      while (current) await current;
      const { report, started } = await pass();
      return { ...report, outcomes: await Promise.all(started) };
    },
  };
}
