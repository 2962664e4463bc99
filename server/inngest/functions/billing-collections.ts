// Daily at 00:20 China time (after the 1st's period close): payment reminders before the due date,
// on it and during grace, and suspension past the threshold (二 4). Reminders are written PENDING
// for the notifier; a second run for the same day writes nothing new.
import { cron } from "inngest";
import { runCollections } from "../../billing/collections";
import { inngest } from "../client";
import { scheduledInstant } from "../scheduled";

export const billingCollections = inngest.createFunction(
  { id: "billing-collections", name: "Billing collections", triggers: [cron("TZ=Asia/Shanghai 20 0 * * *")], concurrency: 1 },
  async ({ event, step, db }) => {
    const now = scheduledInstant(event);
    return step.run("run-collections", () => runCollections(db, now));
  },
);
