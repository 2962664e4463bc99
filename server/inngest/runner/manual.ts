// Running a scheduled function by hand for a chosen instant (`npm run job -- <id> --at <ISO time>`).
// The run is an ordinary JobRun (trigger "manual") that this process claims and drives to the end:
// retries wait out their backoff and sleeps their wake time. If this process dies, the lease lapses
// and a runner's sweep finishes the run like any other. Concurrency limits do not apply: an
// operator asked for this run.
import type { InngestFunction } from "inngest";
import { type Clock, systemClock } from "../../clock";
import type { Db, DbTx } from "../../db";
import { type JobRun, JobRunStatus, type Prisma } from "../../generated/prisma/client";
import { SCHEDULED_EVENT_NAME, type ScheduledEventData } from "../scheduled";
import { defineJobs } from "./definitions";
import { type ExecutionDeps, executeRun, type RunOutcome } from "./execute";
import { consoleLogger, type JobLogger } from "./logger";
import { defaultOwnerId, DEFAULT_RUNNER_OPTIONS } from "./runner";
import { claimRun, renewLease } from "./store";

export interface ManualRunOptions {
  functions: readonly InngestFunction.Any[];
  db: Db;
  functionId: string;
  /** The instant the run is for; default now. */
  at?: Date;
  clock?: Clock;
  ownerId?: string;
  leaseMs?: number;
  retryBaseMs?: number;
  retryMaxMs?: number;
  random?: () => number;
  logger?: JobLogger;
  /** Called after each attempt (the CLI prints it). */
  onAttempt?: (outcome: RunOutcome) => void;
  /** How the process waits for a retry or a wake time. */
  wait?: (ms: number) => Promise<void>;
}

export class UnknownJobError extends Error {
  constructor(functionId: string, known: string[]) {
    super(`unknown function "${functionId}"; known: ${known.join(", ")}`);
    this.name = "UnknownJobError";
  }
}

/**
 * Queues a run of a scheduled function for the instant `at` (trigger "manual"). A runner claims it
 * like any other run; `runJobNow` claims it itself.
 */
export async function queueManualRun(
  db: DbTx,
  functions: readonly InngestFunction.Any[],
  functionId: string,
  at: Date,
  now: Date,
): Promise<JobRun> {
  const registry = defineJobs(functions);
  const def = registry.byId.get(functionId);
  if (!def) throw new UnknownJobError(functionId, [...registry.byId.keys()]);
  const firstSchedule = def.schedules[0];
  if (!firstSchedule) {
    throw new Error(
      `"${def.id}" has no schedule; it runs on the events ${def.events.join(", ")}: send one of those instead`,
    );
  }
  const data: ScheduledEventData = { cron: firstSchedule.expression, scheduledFor: at.toISOString() };
  return db.jobRun.create({
    data: {
      functionId: def.id,
      eventName: SCHEDULED_EVENT_NAME,
      eventData: data as Prisma.InputJsonValue,
      scheduledFor: at,
      trigger: "manual",
      status: JobRunStatus.QUEUED,
      maxAttempts: def.maxAttempts,
      nextAttemptAt: now,
    },
  });
}

/** Creates a manual run for `at` and executes it here until it is COMPLETED or FAILED. */
export async function runJobNow(options: ManualRunOptions): Promise<JobRun> {
  const registry = defineJobs(options.functions);
  const clock = options.clock ?? systemClock;
  const deps: ExecutionDeps = {
    db: options.db,
    clock,
    leaseMs: options.leaseMs ?? DEFAULT_RUNNER_OPTIONS.leaseMs,
    logger: options.logger ?? consoleLogger,
    retryBaseMs: options.retryBaseMs ?? DEFAULT_RUNNER_OPTIONS.retryBaseMs,
    retryMaxMs: options.retryMaxMs ?? DEFAULT_RUNNER_OPTIONS.retryMaxMs,
    random: options.random ?? Math.random,
  };
  const ownerId = options.ownerId ?? `job-cli@${defaultOwnerId()}`;
  const wait = options.wait ?? ((ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms)));
  const { db } = options;
  const created = await queueManualRun(
    db,
    options.functions,
    options.functionId,
    options.at ?? clock.now(),
    clock.now(),
  );

  for (;;) {
    const run = await db.jobRun.findUniqueOrThrow({ where: { id: created.id } });
    if (run.status === JobRunStatus.COMPLETED || run.status === JobRunStatus.FAILED) return run;
    const claim = await claimRun(db, run.id, { now: clock.now(), ownerId, leaseMs: deps.leaseMs });
    if (!claim) {
      // Not due yet, or another runner holds it: look again shortly.
      const dueIn = run.status === JobRunStatus.QUEUED ? run.nextAttemptAt.getTime() - clock.now().getTime() : 1000;
      await wait(Math.min(Math.max(dueIn, 50), 1000));
      continue;
    }
    const execution = { ...claim, lost: false };
    const renewal = setInterval(
      () => {
        renewLease(db, execution, clock.now(), deps.leaseMs)
          .then((held) => {
            if (!held) execution.lost = true;
          })
          .catch((error: unknown) => deps.logger.warn(`[job] could not renew the lease of run ${run.id}:`, error));
      },
      Math.max(1000, Math.floor(deps.leaseMs / 3)),
    );
    try {
      // Not `onAttempt?.(await executeRun(…))`: optional chaining would skip the attempt itself.
      const outcome = await executeRun(deps, registry, execution);
      options.onAttempt?.(outcome);
    } finally {
      clearInterval(renewal);
    }
  }
}
