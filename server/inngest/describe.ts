// What `npm run job -- --list` and the back office's job page say about the functions
// when the built-in runner runs them (an Inngest server has its own view, from the serve route's
// registration).
import type { InngestFunction } from "inngest";
import { defineJobs, nextTick } from "./runner/definitions";

export interface FunctionDescription {
  id: string;
  name: string;
  triggers: ({ event: string } | { cron: string })[];
  maxAttempts: number;
  concurrencyLimit: number | null;
  /** The next cron tick after `now` (null without a schedule, or when no `now` was given). */
  nextRunAt: Date | null;
}

export function describeFunctions(functions: readonly InngestFunction.Any[], now?: Date): FunctionDescription[] {
  return defineJobs(functions).list.map((def) => {
    const ticks = now ? def.schedules.map((s) => nextTick(s, now)).filter((d): d is Date => d !== null) : [];
    return {
      id: def.id,
      name: def.name,
      triggers: [...def.schedules.map((s) => ({ cron: s.expression })), ...def.events.map((event) => ({ event }))],
      maxAttempts: def.maxAttempts,
      concurrencyLimit: def.concurrencyLimit,
      nextRunAt: ticks.length > 0 ? new Date(Math.min(...ticks.map((d) => d.getTime()))) : null,
    };
  });
}
