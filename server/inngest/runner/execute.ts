// One attempt of one claimed run: call the function's handler with step tools backed by JobRunStep
// rows, then record the outcome. A step with a stored row is never executed again, so an attempt
// that replaces one cut off by a crash resumes after the last completed step.
import { durationToMs, NonRetriableError } from "inngest";
import type { Clock } from "../../clock";
import type { Db } from "../../db";
import { JobRunStatus, type Prisma } from "../../generated/prisma/client";
import { deliverEvents } from "../send";
import { type BackoffOptions, requestedRetryAt, retryDelayMs } from "./backoff";
import type { JobRegistry } from "./definitions";
import { type JsonValue, jsonColumn, toJson } from "./json";
import { type JobLogger, prefixedLogger } from "./logger";
import { type Claim, fenceWhere, renewLease } from "./store";

export interface ExecutionDeps extends BackoffOptions {
  db: Db;
  clock: Clock;
  leaseMs: number;
  logger: JobLogger;
}

/** A claim being executed; `lost` is set once the lease is found taken, so no step starts after that. */
export interface Execution extends Claim {
  lost: boolean;
}

export type RunOutcome =
  | { kind: "completed"; output: JsonValue }
  | { kind: "retry"; error: string; nextAttemptAt: Date }
  | { kind: "failed"; error: string }
  | { kind: "sleeping"; wakeAt: Date }
  /** Another runner holds the run now; this attempt wrote nothing more. */
  | { kind: "lost" };

class LeaseLostError extends Error {
  constructor(runId: string) {
    super(`run ${runId}: the lease was taken over; this attempt stops`);
    this.name = "LeaseLostError";
  }
}

/** Thrown through the handler to end the attempt while a step.sleep waits. */
class SleepSignal extends Error {
  constructor(readonly wakeAt: Date) {
    super(`sleeping until ${wakeAt.toISOString()}`);
    this.name = "SleepSignal";
  }
}

type StepIdOrOptions = string | { id: string; name?: string };

const MAX_ERROR_LENGTH = 4000;

export function describeError(error: unknown): string {
  const text = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
  return text.length > MAX_ERROR_LENGTH ? `${text.slice(0, MAX_ERROR_LENGTH)}…` : text;
}

export async function executeRun(
  deps: ExecutionDeps,
  registry: JobRegistry,
  execution: Execution,
): Promise<RunOutcome> {
  const { db, clock } = deps;
  const run = await db.jobRun.findFirst({ where: fenceWhere(execution), include: { event: true, steps: true } });
  if (!run) return { kind: "lost" };
  const logger = prefixedLogger(deps.logger, `[job ${run.functionId} ${run.id}]`);

  const settle = async (data: Prisma.JobRunUpdateManyMutationInput): Promise<boolean> => {
    const { count } = await db.jobRun.updateMany({ where: fenceWhere(execution), data });
    if (count === 0) execution.lost = true;
    return count === 1;
  };
  const releaseLease = { leaseOwner: null, leaseUntil: null };

  const def = registry.byId.get(run.functionId);
  if (!def) {
    const error = `no function "${run.functionId}" is registered in this process`;
    return (await settle({ status: JobRunStatus.FAILED, lastError: error, finishedAt: clock.now(), ...releaseLease }))
      ? { kind: "failed", error }
      : { kind: "lost" };
  }

  const event = {
    name: run.eventName,
    data: run.eventData ?? {},
    id: run.event?.idempotencyKey ?? run.eventId ?? run.dedupeKey ?? run.id,
    ts: (run.event?.receivedAt ?? run.scheduledFor ?? run.createdAt).getTime(),
  };
  const memo = new Map<string, JsonValue>(run.steps.map((s) => [s.stepId, s.output]));

  const checkLease = async () => {
    if (!execution.lost && !(await renewLease(db, execution, clock.now(), deps.leaseMs))) execution.lost = true;
    if (execution.lost) throw new LeaseLostError(run.id);
  };
  /**
   * Writes a step's row only while the lease is still this execution's, in one transaction with
   * whatever `produce` writes through the same handle (step.sendEvent's events).
   */
  const recordStep = async (
    stepId: string,
    produce: (tx: Prisma.TransactionClient) => Promise<JsonValue>,
  ): Promise<JsonValue> => {
    if (execution.lost) throw new LeaseLostError(run.id);
    const output = await db.$transaction(async (tx) => {
      if (!(await renewLease(tx, execution, clock.now(), deps.leaseMs))) {
        execution.lost = true;
        throw new LeaseLostError(run.id);
      }
      const value = await produce(tx);
      await tx.jobRunStep.create({
        data: { runId: run.id, stepId, output: jsonColumn(value), completedAt: clock.now() },
      });
      return value;
    });
    memo.set(stepId, output);
    return output;
  };

  // Inngest gives repeated ids a counter suffix ("id", "id:1", ...); a deterministic handler gets
  // the same ids on every attempt, which is what makes the memo work.
  const seen = new Map<string, number>();
  const stepId = (idOrOptions: StepIdOrOptions) => {
    const base = typeof idOrOptions === "string" ? idOrOptions : idOrOptions.id;
    const n = seen.get(base) ?? 0;
    seen.set(base, n + 1);
    return n === 0 ? base : `${base}:${n}`;
  };

  const waitUntil = async (id: string, wakeAtIfNew: () => Date) => {
    const stored = memo.get(id) as { wakeAt?: string } | undefined;
    if (stored?.wakeAt !== undefined) {
      const wakeAt = new Date(stored.wakeAt);
      if (clock.now() >= wakeAt) return;
      throw new SleepSignal(wakeAt);
    }
    await checkLease();
    const wakeAt = wakeAtIfNew();
    await recordStep(id, async () => ({ wakeAt: wakeAt.toISOString() }));
    if (clock.now() < wakeAt) throw new SleepSignal(wakeAt);
  };

  const tools = {
    async run(idOrOptions: StepIdOrOptions, fn: (...input: unknown[]) => unknown, ...input: unknown[]) {
      const id = stepId(idOrOptions);
      if (memo.has(id)) return memo.get(id);
      await checkLease();
      const output = toJson(await fn(...input));
      return recordStep(id, async () => output);
    },
    async sleep(idOrOptions: StepIdOrOptions, duration: unknown) {
      const id = stepId(idOrOptions);
      await waitUntil(id, () => new Date(clock.now().getTime() + durationToMs(duration)));
    },
    async sleepUntil(idOrOptions: StepIdOrOptions, time: unknown) {
      const id = stepId(idOrOptions);
      await waitUntil(id, () => {
        const at = time instanceof Date ? time : new Date(String(time));
        if (Number.isNaN(at.getTime()))
          throw new NonRetriableError(`step.sleepUntil("${id}"): not an instant: ${String(time)}`);
        return at;
      });
    },
    async sendEvent(idOrOptions: StepIdOrOptions, payload: unknown) {
      const id = stepId(idOrOptions);
      if (memo.has(id)) return memo.get(id);
      await checkLease();
      const events = (Array.isArray(payload) ? payload : [payload]) as (Parameters<typeof deliverEvents>[1][number] & {
        validate?: () => Promise<void>;
      })[];
      for (const e of events) if (typeof e.validate === "function") await e.validate();
      // Default ids make the events idempotent even if they reach an Inngest server twice.
      const withIds = events.map(({ name, data, id: eventId, ts }, i) => ({
        name,
        data,
        ts,
        id: eventId ?? `${run.id}:${id}:${i}`,
      }));
      return recordStep(id, async (tx) => toJson(await deliverEvents(tx, withIds)));
    },
  };
  // Other step tools (waitForEvent, invoke, ...) need an Inngest server: fail clearly, not retried.
  const step = new Proxy(tools, {
    get(target, prop, receiver) {
      if (typeof prop === "symbol" || prop in target || prop === "then") return Reflect.get(target, prop, receiver);
      return () => {
        throw new NonRetriableError(`step.${prop} is not supported by the built-in job runner`);
      };
    },
  });

  try {
    const result = await def.handler({
      event,
      events: [event],
      step,
      runId: run.id,
      attempt: run.attempts - 1,
      maxAttempts: run.maxAttempts,
      logger,
      db,
    });
    const output = toJson(result);
    if (execution.lost) return { kind: "lost" };
    const done = await settle({
      status: JobRunStatus.COMPLETED,
      output: jsonColumn(output),
      finishedAt: clock.now(),
      ...releaseLease,
    });
    return done ? { kind: "completed", output } : { kind: "lost" };
  } catch (error) {
    if (error instanceof LeaseLostError || execution.lost) return { kind: "lost" };
    if (error instanceof SleepSignal) {
      // A sleep is not a failed attempt: give the attempt back.
      const slept = await settle({
        status: JobRunStatus.QUEUED,
        nextAttemptAt: error.wakeAt,
        attempts: { decrement: 1 },
        ...releaseLease,
      });
      return slept ? { kind: "sleeping", wakeAt: error.wakeAt } : { kind: "lost" };
    }
    const message = describeError(error);
    const now = clock.now();
    const final =
      error instanceof NonRetriableError ||
      (error instanceof Error && error.name === "NonRetriableError") ||
      run.attempts >= run.maxAttempts;
    if (final) {
      logger.error(`failed after attempt ${run.attempts} of ${run.maxAttempts}:`, error);
      const failed = await settle({
        status: JobRunStatus.FAILED,
        lastError: message,
        finishedAt: now,
        ...releaseLease,
      });
      return failed ? { kind: "failed", error: message } : { kind: "lost" };
    }
    const nextAttemptAt = requestedRetryAt(error, now) ?? new Date(now.getTime() + retryDelayMs(run.attempts, deps));
    logger.warn(
      `attempt ${run.attempts} of ${run.maxAttempts} failed, retrying at ${nextAttemptAt.toISOString()}:`,
      error,
    );
    const queued = await settle({ status: JobRunStatus.QUEUED, lastError: message, nextAttemptAt, ...releaseLease });
    return queued ? { kind: "retry", error: message, nextAttemptAt } : { kind: "lost" };
  }
}
