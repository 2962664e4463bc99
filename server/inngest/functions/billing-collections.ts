// Daily at 00:20 China time (after the 1st's period close): payment reminders before the due date,
// on it and during grace, and suspension past the threshold (二 4); then the reminders are delivered
// by e-mail and SMS. A second run for the same day writes nothing new and sends nothing twice.
// Failed deliveries are retried by billing-reminders-deliver.
import { cron } from "inngest";
import { runCollections } from "../../billing/collections";
import { deliverPendingReminders } from "../../billing/reminders";
import { mailer } from "../../mail/transport";
import { inngest } from "../client";
import { scheduledInstant } from "../scheduled";

export const billingCollections = inngest.createFunction(
  {
    id: "billing-collections",
    name: "Billing collections",
    triggers: [cron("TZ=Asia/Shanghai 20 0 * * *")],
    concurrency: 1,
  },
  async ({ event, step, db }) => {
    const now = scheduledInstant(event);
    const collections = await step.run("run-collections", () => runCollections(db, now));
    // Delivery happens now, whatever day the run is for: leases and back-off are real time.
    const delivery = await step.run("deliver-reminders", () =>
      deliverPendingReminders(db, { mailer: mailer() }, new Date()),
    );
    return { ...collections, delivery };
  },
);
