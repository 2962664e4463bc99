// Run history recorded by the built-in runner (and manual runs), for the back office, and its pruning.
import type { InngestFunction } from "inngest";
import { type Actor, recordAudit } from "../audit/log";
import type { Db, DbTx } from "../db";
import { AppError } from "../errors";
import { JobRunStatus, type Prisma } from "../generated/prisma/client";
import { defineJobs } from "./runner/definitions";
import { queueManualRun } from "./runner/manual";
import { nudgeRunners } from "./runner/nudge";

export interface RunListQuery {
  page: number;
  pageSize: number;
  status?: JobRunStatus;
  functionId?: string;
}

const listSelect = {
  id: true,
  functionId: true,
  trigger: true,
  eventName: true,
  status: true,
  attempts: true,
  maxAttempts: true,
  lastError: true,
  scheduledFor: true,
  nextAttemptAt: true,
  leaseOwner: true,
  createdAt: true,
  startedAt: true,
  finishedAt: true,
} as const satisfies Prisma.JobRunSelect;

export type RunListRow = Prisma.JobRunGetPayload<{ select: typeof listSelect }>;

/** Newest first, with the total for paging. */
export async function listRecentRuns(db: DbTx, query: RunListQuery): Promise<{ total: number; rows: RunListRow[] }> {
  const where: Prisma.JobRunWhereInput = {
    ...(query.status ? { status: query.status } : {}),
    ...(query.functionId ? { functionId: query.functionId } : {}),
  };
  const [total, rows] = await Promise.all([
    db.jobRun.count({ where }),
    db.jobRun.findMany({
      where,
      orderBy: [{ createdAt: "desc" }, { id: "desc" }],
      skip: (query.page - 1) * query.pageSize,
      take: query.pageSize,
      select: listSelect,
    }),
  ]);
  return { total, rows };
}

/** One run with its event data, output and completed steps in order; null if there is none. */
export async function getRun(db: DbTx, id: string) {
  return db.jobRun.findUnique({
    where: { id },
    include: { steps: { orderBy: { completedAt: "asc" }, select: { stepId: true, output: true, completedAt: true } } },
  });
}

const DAY_MS = 24 * 60 * 60 * 1000;

/** Finished runs and past events are kept this long. */
export const JOB_HISTORY_RETENTION_DAYS = 90;

/**
 * Deletes finished runs (with their steps) and events without runs older than the retention. The
 * newest cron run of each function stays: its dedupe key is what stops the runner from queuing the
 * latest tick again after a restart.
 */
export async function pruneJobHistory(db: DbTx, now: Date): Promise<{ runsDeleted: number; eventsDeleted: number }> {
  const cutoff = new Date(now.getTime() - JOB_HISTORY_RETENTION_DAYS * DAY_MS);
  const newestCron = await db.jobRun.findMany({
    where: { trigger: "cron" },
    distinct: ["functionId"],
    orderBy: [{ functionId: "asc" }, { scheduledFor: "desc" }],
    select: { id: true },
  });
  const runs = await db.jobRun.deleteMany({
    where: {
      status: { in: [JobRunStatus.COMPLETED, JobRunStatus.FAILED] },
      finishedAt: { lt: cutoff },
      id: { notIn: newestCron.map((r) => r.id) },
    },
  });
  // Undispatched ones too: an event no function listens to would otherwise stay for ever.
  const events = await db.jobEvent.deleteMany({ where: { receivedAt: { lt: cutoff }, runs: { none: {} } } });
  return { runsDeleted: runs.count, eventsDeleted: events.count };
}

/**
 * A bureau admin asks for a run of a scheduled function now (the back office's "run now"): queued
 * as a manual run for `now`, which the process's runner picks up, and audited.
 */
export async function requestManualRun(
  db: Db,
  functions: readonly InngestFunction.Any[],
  actor: Actor,
  functionId: string,
  now: Date,
): Promise<{ runId: string }> {
  const known = defineJobs(functions).byId.get(functionId);
  if (!known) throw new AppError("NOT_FOUND");
  if (known.schedules.length === 0) throw new AppError("INVALID_REQUEST");
  const runId = await db.$transaction(async (tx) => {
    const run = await queueManualRun(tx, functions, functionId, now, now);
    await recordAudit(
      tx,
      actor,
      { action: "jobs.run.requested", entityType: "JobRun", entityId: run.id, detail: { functionId } },
      now,
    );
    return run.id;
  });
  nudgeRunners();
  return { runId };
}
