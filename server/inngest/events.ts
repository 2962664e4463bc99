// Typed events, named `domain/noun.verb`. App code sends them with sendEvent (./send.ts), built
// with `<event>.create(data, { id })` so the data is checked against its schema before it is stored.
import { eventType } from "inngest";
import { z } from "zod";

/** Run the housekeeping now (e.g. from the back office), for the given instant or the event's time. */
export const housekeepingRequested = eventType("housekeeping/run.requested", {
  schema: z.object({ scheduledFor: z.iso.datetime({ offset: true }).optional() }),
});
