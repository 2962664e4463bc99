// The one way app code sends events. Without an Inngest server the event becomes a JobEvent row,
// written with the caller's handle: pass a transaction and the event is stored if and only if the
// domain change commits. With an Inngest server configured it goes to that server.
import type { DbTx } from "../db";
import { inngestServerConfigured } from "../env";
import { inngest } from "./client";
import { nudgeRunners } from "./runner/nudge";
import { type EventInput, insertJobEvents } from "./runner/store";

/** An event made by a typed event's `create(data, { id })` (see ./events.ts): it can check its data. */
export interface TypedEvent extends EventInput {
  validate(): Promise<void>;
}

/**
 * Sends events, each checked against its schema first. An event with an `id` is accepted once, as
 * Inngest does. With an Inngest server the send is not part of the caller's transaction: the
 * functions find their work in database state, so a run for a change that rolled back does nothing.
 */
export async function sendEvent(db: DbTx, events: TypedEvent | readonly TypedEvent[]): Promise<{ ids: string[] }> {
  const list: readonly TypedEvent[] = Array.isArray(events) ? events : [events as TypedEvent];
  for (const event of list) await event.validate();
  return deliverEvents(db, list);
}

/** Sends already-checked events (the runner's step.sendEvent comes here too). */
export async function deliverEvents(db: DbTx, events: readonly EventInput[]): Promise<{ ids: string[] }> {
  if (events.length === 0) return { ids: [] };
  if (inngestServerConfigured()) {
    const payload = events.map(({ name, data, id, ts }) => ({
      name,
      data: (data ?? {}) as Record<string, unknown>,
      id,
      ts,
    }));
    const { ids } = await inngest.send(payload);
    return { ids };
  }
  const ids = await insertJobEvents(db, events);
  nudgeRunners();
  return { ids };
}
