// The instant a scheduled run is for. Scheduled functions compute "now" from it, never from the
// wall clock, so a run that is retried, finished after a restart or run by hand for a chosen
// instant (`npm run job -- <id> --at <ISO time>`) does the same work.
import type { internalEvents } from "inngest";

/** The event name Inngest gives cron-triggered runs; the built-in runner uses it for cron and manual runs. */
export const SCHEDULED_EVENT_NAME = "inngest/scheduled.timer" satisfies `${internalEvents.ScheduledTimer}`;

/** Event data the built-in runner gives cron and manual runs (an Inngest server sends only `cron`). */
export interface ScheduledEventData {
  cron?: string;
  scheduledFor?: string;
}

/**
 * `data.scheduledFor` when the built-in runner (or a sender) set it, else the event's timestamp,
 * which an Inngest server sets to the cron tick.
 */
export function scheduledInstant(event: { data?: unknown; ts?: number }): Date {
  const data = event.data as ScheduledEventData | undefined;
  if (typeof data?.scheduledFor === "string") {
    const at = new Date(data.scheduledFor);
    if (Number.isNaN(at.getTime())) throw new RangeError(`scheduledFor is not an instant: ${data.scheduledFor}`);
    return at;
  }
  if (typeof event.ts === "number") return new Date(event.ts);
  throw new RangeError("the event carries neither data.scheduledFor nor ts");
}
