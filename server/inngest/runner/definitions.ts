// The function definitions as the built-in runner sees them: triggers, schedules, retries,
// concurrency and throttle read from each Inngest function's options. Options the runner cannot honour are
// refused when it starts, rather than silently ignored.
import { Cron } from "croner";
import { durationToMs, type InngestFunction } from "inngest";

/** Inngest's default: 4 retries, i.e. 5 attempts. */
export const DEFAULT_RETRIES = 4;

const UNSUPPORTED_OPTIONS = [
  "batchEvents",
  "cancelOn",
  "debounce",
  "idempotency",
  "middleware",
  "onFailure",
  "priority",
  "rateLimit",
  "singleton",
  "timeouts",
] as const;

export interface CronSchedule {
  /** As written in the trigger, e.g. "TZ=Asia/Shanghai 30 3 * * *". */
  expression: string;
  timezone: string;
  cron: Cron;
}

/** The handler as the runner calls it: Inngest's context, built by the runner. */
export type JobHandler = (ctx: Record<string, unknown>) => unknown;

export interface JobDefinition {
  id: string;
  name: string;
  handler: JobHandler;
  events: string[];
  schedules: CronSchedule[];
  maxAttempts: number;
  /** Runs of this function allowed at once across all runners; null for no limit. */
  concurrencyLimit: number | null;
  /** Keyed limits (Inngest's `concurrency: [{ key, limit }]`): at most `limit` running runs share a key's value. */
  concurrencyKeys: ConcurrencyKey[];
  /** New runs started per period across all runners (Inngest's `throttle`); retries are not counted. */
  throttle: { limit: number; periodMs: number } | null;
}

export interface ConcurrencyKey {
  /** As written, e.g. "event.data.enterpriseId". */
  expression: string;
  limit: number;
  /** The key's value for a run's event data ("" when the event lacks it). */
  valueOf(eventData: unknown): string;
}

export interface JobRegistry {
  list: JobDefinition[];
  byId: Map<string, JobDefinition>;
  byEvent: Map<string, JobDefinition[]>;
}

export function defineJobs(functions: readonly InngestFunction.Any[]): JobRegistry {
  const list = functions.map(toDefinition);
  const byId = new Map<string, JobDefinition>();
  const byEvent = new Map<string, JobDefinition[]>();
  for (const def of list) {
    if (byId.has(def.id)) throw new Error(`two job functions share the id "${def.id}"`);
    byId.set(def.id, def);
    for (const name of def.events) byEvent.set(name, [...(byEvent.get(name) ?? []), def]);
  }
  return { list, byId, byEvent };
}

function toDefinition(fn: InngestFunction.Any): JobDefinition {
  const opts = fn.opts;
  const id = opts.id;
  const unsupported = UNSUPPORTED_OPTIONS.filter((key) => opts[key] !== undefined);
  if (unsupported.length > 0) {
    throw new Error(`job function "${id}": the built-in runner does not support ${unsupported.join(", ")}`);
  }
  const events: string[] = [];
  const schedules: CronSchedule[] = [];
  for (const trigger of opts.triggers ?? []) {
    if ("cron" in trigger && typeof trigger.cron === "string") {
      schedules.push(parseSchedule(id, trigger.cron));
    } else if ("event" in trigger && trigger.event !== undefined) {
      if (trigger.if !== undefined)
        throw new Error(`job function "${id}": the built-in runner does not evaluate trigger "if" expressions`);
      events.push(typeof trigger.event === "string" ? trigger.event : trigger.event.name);
    }
  }
  const handler = (fn as unknown as { fn: unknown }).fn;
  if (typeof handler !== "function") throw new Error(`job function "${id}" has no handler`);
  return {
    id,
    name: opts.name ?? id,
    handler: handler as JobHandler,
    events,
    schedules,
    maxAttempts: (opts.retries ?? DEFAULT_RETRIES) + 1,
    ...concurrencyOf(id, opts.concurrency),
    throttle: throttleOf(id, opts.throttle),
  };
}

type ThrottleOption = InngestFunction.Any["opts"]["throttle"];

/** Inngest's `throttle` without a key or burst: at most `limit` new runs start per `period`. */
function throttleOf(id: string, option: ThrottleOption): { limit: number; periodMs: number } | null {
  if (option === undefined) return null;
  const value = option as { limit: number; period: Parameters<typeof durationToMs>[0]; key?: string; burst?: number };
  if (value.key !== undefined || (value.burst !== undefined && value.burst > 1)) {
    throw new Error(`job function "${id}": the built-in runner supports only throttle { limit, period }`);
  }
  const periodMs = durationToMs(value.period);
  if (!(value.limit > 0) || !(periodMs > 0))
    throw new Error(`job function "${id}": throttle needs a limit and a period above 0`);
  return { limit: value.limit, periodMs };
}

/**
 * Inngest reads a cron without a TZ= prefix as UTC. Every schedule here is China time, so the
 * zone must be written out: the schedule then means the same to the runner and to Inngest.
 */
function parseSchedule(id: string, expression: string): CronSchedule {
  const match = /^(?:CRON_TZ|TZ)=(\S+)\s+(.+)$/.exec(expression.trim());
  if (!match?.[1] || !match[2]) {
    throw new Error(`job function "${id}": write the cron's zone, e.g. "TZ=Asia/Shanghai ${expression.trim()}"`);
  }
  return { expression, timezone: match[1], cron: new Cron(match[2], { timezone: match[1] }) };
}

type ConcurrencyOption = InngestFunction.Any["opts"]["concurrency"];

/** A key the runner can evaluate: a property path into the event's data, e.g. `event.data.enterpriseId`. */
const KEY_EXPRESSION = /^event\.data((?:\.[A-Za-z_$][\w$]*)+)$/;

function concurrencyKey(id: string, expression: string, limit: number): ConcurrencyKey {
  const match = KEY_EXPRESSION.exec(expression.trim());
  if (!match?.[1])
    throw new Error(
      `job function "${id}": the built-in runner evaluates only concurrency keys of the form event.data.<field>, not "${expression}"`,
    );
  const path = match[1].slice(1).split(".");
  return {
    expression,
    limit,
    valueOf(eventData) {
      let value: unknown = eventData;
      for (const part of path)
        value = value !== null && typeof value === "object" ? (value as Record<string, unknown>)[part] : undefined;
      return value === undefined || value === null ? "" : String(value);
    },
  };
}

/** Inngest's `concurrency`: a plain limit per function, and limits per key value (scope "fn"). */
function concurrencyOf(
  id: string,
  option: ConcurrencyOption,
): { concurrencyLimit: number | null; concurrencyKeys: ConcurrencyKey[] } {
  if (option === undefined) return { concurrencyLimit: null, concurrencyKeys: [] };
  const entries = Array.isArray(option) ? option : [option];
  let limit: number | null = null;
  const keys: ConcurrencyKey[] = [];
  for (const entry of entries as (number | { limit: number; key?: string; scope?: string })[]) {
    const value = typeof entry === "number" ? { limit: entry } : entry;
    if (value.scope !== undefined && value.scope !== "fn") {
      throw new Error(`job function "${id}": the built-in runner supports concurrency scoped to the function only`);
    }
    // 0 means "no limit" in Inngest.
    if (!(value.limit > 0)) continue;
    if (value.key !== undefined) keys.push(concurrencyKey(id, value.key, value.limit));
    else limit = limit === null ? value.limit : Math.min(limit, value.limit);
  }
  return { concurrencyLimit: limit, concurrencyKeys: keys };
}

/** The latest tick at or before `now` (cron works in whole seconds). */
export function latestTick(schedule: CronSchedule, now: Date): Date | null {
  const reference = new Date(Math.floor(now.getTime() / 1000) * 1000 + 1000);
  return schedule.cron.previousRuns(1, reference)[0] ?? null;
}

/** The first tick after `now`. */
export function nextTick(schedule: CronSchedule, now: Date): Date | null {
  return schedule.cron.nextRun(now);
}
