// What /api/inngest and `npm run job -- --list` say about the functions when the built-in runner
// runs them (an Inngest server has its own view, from the serve route's registration).
import type { InngestFunction } from "inngest";
import { defineJobs } from "./runner/definitions";

export interface FunctionDescription {
  id: string;
  name: string;
  triggers: ({ event: string } | { cron: string })[];
  maxAttempts: number;
  concurrencyLimit: number | null;
}

export function describeFunctions(functions: readonly InngestFunction.Any[]): FunctionDescription[] {
  return defineJobs(functions).list.map((def) => ({
    id: def.id,
    name: def.name,
    triggers: [...def.schedules.map((s) => ({ cron: s.expression })), ...def.events.map((event) => ({ event }))],
    maxAttempts: def.maxAttempts,
    concurrencyLimit: def.concurrencyLimit,
  }));
}
