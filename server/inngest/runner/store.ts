// The runner's rows: events waiting to be dispatched, runs to claim, leases to renew. A claim writes
// a fresh lease token into leaseOwner and every later write of that execution is conditional on it,
// so a runner that lost its lease (stopped, stalled, crashed) can no longer change the run.
import { randomBytes, randomUUID } from "node:crypto";
import type { Db, DbTx } from "../../db";
import { JobRunStatus, type Prisma } from "../../generated/prisma/client";
import { SCHEDULED_EVENT_NAME, type ScheduledEventData } from "../scheduled";
import type { ConcurrencyKey, CronSchedule, JobDefinition, JobRegistry } from "./definitions";

/** An event as sent: Inngest's payload fields that the runner keeps. */
export interface EventInput {
  name: string;
  data?: unknown;
  /** Inngest's event id: an event with an id already received is accepted once. */
  id?: string;
  ts?: number;
}

/** Stores events for the runner; returns each event's id (its own, or the new row's). */
export async function insertJobEvents(db: DbTx, events: readonly EventInput[]): Promise<string[]> {
  const rows = events.map((event) => ({
    id: randomUUID(),
    name: event.name,
    data: (event.data ?? {}) as Prisma.InputJsonValue,
    idempotencyKey: event.id ?? null,
    ...(event.ts !== undefined ? { receivedAt: new Date(event.ts) } : {}),
  }));
  if (rows.length > 0) await db.jobEvent.createMany({ data: rows, skipDuplicates: true });
  return rows.map((row) => row.idempotencyKey ?? row.id);
}

/**
 * Turns undispatched events into one queued run per matching function; safe to run concurrently.
 * Only events some registered function listens to are taken, so a runner with an older function
 * list (during a deploy) leaves newer events for the runner that knows them.
 */
export async function dispatchEvents(db: Db, registry: JobRegistry, now: Date, batch = 100): Promise<number> {
  const names = [...registry.byEvent.keys()];
  if (names.length === 0) return 0;
  const events = await db.jobEvent.findMany({
    where: { dispatchedAt: null, name: { in: names } },
    orderBy: { receivedAt: "asc" },
    take: batch,
  });
  if (events.length === 0) return 0;
  const runs = events.flatMap((event) =>
    (registry.byEvent.get(event.name) ?? []).map((def) => ({
      functionId: def.id,
      eventId: event.id,
      eventName: event.name,
      eventData: (event.data ?? {}) as Prisma.InputJsonValue,
      trigger: "event",
      dedupeKey: `${def.id}:${event.id}`,
      status: JobRunStatus.QUEUED,
      maxAttempts: def.maxAttempts,
      nextAttemptAt: now,
    })),
  );
  const [created] = await db.$transaction([
    db.jobRun.createMany({ data: runs, skipDuplicates: true }),
    db.jobEvent.updateMany({
      where: { id: { in: events.map((e) => e.id) }, dispatchedAt: null },
      data: { dispatchedAt: now },
    }),
  ]);
  return created.count;
}

/** Queues the run for one cron tick; the dedupe key makes a tick fire once across runners and restarts. */
export async function ensureCronRun(db: Db, def: JobDefinition, schedule: CronSchedule, tick: Date): Promise<boolean> {
  const scheduledFor = tick.toISOString();
  const data: ScheduledEventData = { cron: schedule.expression, scheduledFor };
  const { count } = await db.jobRun.createMany({
    data: [
      {
        functionId: def.id,
        eventName: SCHEDULED_EVENT_NAME,
        eventData: data as Prisma.InputJsonValue,
        scheduledFor: tick,
        trigger: "cron",
        dedupeKey: `${def.id}:cron:${scheduledFor}`,
        status: JobRunStatus.QUEUED,
        maxAttempts: def.maxAttempts,
        nextAttemptAt: tick,
      },
    ],
    skipDuplicates: true,
  });
  return count === 1;
}

/** A run this process holds: `token` is the lease owner written by the claim. */
export interface Claim {
  runId: string;
  token: string;
}

export function leaseToken(ownerId: string): string {
  return `${ownerId}#${randomBytes(4).toString("hex")}`;
}

interface Candidate {
  id: string;
  functionId: string;
  status: JobRunStatus;
  attempts: number;
  maxAttempts: number;
  startedAt: Date | null;
  eventData: Prisma.JsonValue;
}

const candidateSelect = {
  id: true,
  functionId: true,
  status: true,
  attempts: true,
  maxAttempts: true,
  startedAt: true,
  eventData: true,
} as const;

function dueWhere(now: Date): Prisma.JobRunWhereInput {
  return {
    OR: [
      { status: JobRunStatus.QUEUED, nextAttemptAt: { lte: now } },
      // The sweep: a running run whose lease lapsed was cut off (crash, restart, stall).
      { status: JobRunStatus.RUNNING, leaseUntil: { lt: now } },
    ],
  };
}

export interface ClaimOptions {
  now: Date;
  capacity: number;
  ownerId: string;
  leaseMs: number;
}

/** Claims up to `capacity` due runs of the registry's functions, within each function's concurrency limit and throttle. */
export async function claimDueRuns(db: Db, registry: JobRegistry, options: ClaimOptions): Promise<Claim[]> {
  if (options.capacity <= 0) return [];
  const candidates = await db.jobRun.findMany({
    where: { functionId: { in: [...registry.byId.keys()] }, ...dueWhere(options.now) },
    orderBy: { nextAttemptAt: "asc" },
    take: options.capacity * 4,
    select: candidateSelect,
  });
  const byFunction = new Map<string, Candidate[]>();
  for (const c of candidates) byFunction.set(c.functionId, [...(byFunction.get(c.functionId) ?? []), c]);

  const claims: Claim[] = [];
  for (const [functionId, list] of byFunction) {
    const room = options.capacity - claims.length;
    if (room <= 0) break;
    const def = registry.byId.get(functionId);
    const limit = def?.concurrencyLimit ?? null;
    const throttle = def?.throttle ?? null;
    const keys = def?.concurrencyKeys ?? [];
    if (limit === null && throttle === null && keys.length === 0) {
      for (const c of list) {
        if (claims.length >= options.capacity) break;
        const claim = await tryClaim(db, c, options);
        if (claim) claims.push(claim);
      }
      continue;
    }
    // Counting the running (or recently started) runs and claiming more must not interleave with
    // another runner doing the same: a transaction-scoped advisory lock per function serialises them.
    const claimed = await db.$transaction(async (tx) => {
      await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext(${`qxt-job-concurrency:${functionId}`}))`;
      const active =
        limit === null
          ? 0
          : await tx.jobRun.count({
              where: { functionId, status: JobRunStatus.RUNNING, leaseUntil: { gte: options.now } },
            });
      // Keyed limits: the running runs per key value, from their events.
      const running = new Map<string, number>();
      const slot = (key: ConcurrencyKey, eventData: unknown) => `${key.expression}\u0000${key.valueOf(eventData)}`;
      if (keys.length > 0) {
        const runs = await tx.jobRun.findMany({
          where: { functionId, status: JobRunStatus.RUNNING, leaseUntil: { gte: options.now } },
          select: { eventData: true },
        });
        for (const run of runs)
          for (const key of keys)
            running.set(slot(key, run.eventData), (running.get(slot(key, run.eventData)) ?? 0) + 1);
      }
      // Throttle: new runs started within the last period (a retry or a takeover is not a new start).
      let starts =
        throttle === null
          ? 0
          : await tx.jobRun.count({
              where: { functionId, startedAt: { gt: new Date(options.now.getTime() - throttle.periodMs) } },
            });
      const result: Claim[] = [];
      for (const c of list) {
        if (result.length >= Math.min(limit === null ? room : limit - active, room)) break;
        const isNew = c.startedAt === null;
        if (throttle !== null && isNew && starts >= throttle.limit) continue;
        // A run being taken over from a lapsed lease is not counted as running above, so it fits here too.
        if (keys.some((key) => (running.get(slot(key, c.eventData)) ?? 0) >= key.limit)) continue;
        const claim = await tryClaim(tx, c, options);
        if (claim) {
          result.push(claim);
          if (isNew) starts++;
          for (const key of keys) running.set(slot(key, c.eventData), (running.get(slot(key, c.eventData)) ?? 0) + 1);
        }
      }
      return result;
    });
    claims.push(...claimed);
  }
  return claims;
}

/** Claims one run by id if it is due (the CLI drives its manual run this way). */
export async function claimRun(db: Db, runId: string, options: Omit<ClaimOptions, "capacity">): Promise<Claim | null> {
  const candidate = await db.jobRun.findFirst({
    where: { id: runId, ...dueWhere(options.now) },
    select: candidateSelect,
  });
  return candidate ? tryClaim(db, candidate, options) : null;
}

async function tryClaim(db: DbTx, c: Candidate, options: Omit<ClaimOptions, "capacity">): Promise<Claim | null> {
  const { now, leaseMs } = options;
  // Every claim counts as an attempt, so a run that keeps killing its worker still ends.
  if (c.status === JobRunStatus.RUNNING && c.attempts >= c.maxAttempts) {
    await db.jobRun.updateMany({
      where: { id: c.id, status: JobRunStatus.RUNNING, attempts: c.attempts, leaseUntil: { lt: now } },
      data: {
        status: JobRunStatus.FAILED,
        finishedAt: now,
        leaseOwner: null,
        leaseUntil: null,
        lastError: `the worker stopped during attempt ${c.attempts} of ${c.maxAttempts} and its lease lapsed`,
      },
    });
    return null;
  }
  const token = leaseToken(options.ownerId);
  // Conditional on the state read: of two runners reading the same candidate, one update matches.
  const { count } = await db.jobRun.updateMany({
    where: { id: c.id, attempts: c.attempts, ...dueWhere(now) },
    data: {
      status: JobRunStatus.RUNNING,
      attempts: { increment: 1 },
      leaseOwner: token,
      leaseUntil: new Date(now.getTime() + leaseMs),
      startedAt: c.startedAt ?? now,
    },
  });
  return count === 1 ? { runId: c.id, token } : null;
}

export function fenceWhere(claim: Claim): Prisma.JobRunWhereInput {
  return { id: claim.runId, status: JobRunStatus.RUNNING, leaseOwner: claim.token };
}

/** Extends the lease; false when the run is no longer this claim's. */
export async function renewLease(db: DbTx, claim: Claim, now: Date, leaseMs: number): Promise<boolean> {
  const { count } = await db.jobRun.updateMany({
    where: fenceWhere(claim),
    data: { leaseUntil: new Date(now.getTime() + leaseMs) },
  });
  return count === 1;
}
