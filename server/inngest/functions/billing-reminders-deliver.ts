// Every 5 minutes: payment reminders whose next attempt is due (retries after a failed e-mail or
// SMS hand-over, and any the collections run left undelivered). Claims make overlapping runs safe.
import { cron } from "inngest";
import { deliverPendingReminders } from "../../billing/reminders";
import { mailer } from "../../mail/transport";
import { inngest } from "../client";

export const billingRemindersDeliver = inngest.createFunction(
  {
    id: "billing-reminders-deliver",
    name: "Billing reminders: deliver and retry",
    triggers: [cron("TZ=Asia/Shanghai */5 * * * *")],
    concurrency: 1,
  },
  async ({ step, db }) =>
    step.run("deliver-reminders", () => deliverPendingReminders(db, { mailer: mailer() }, new Date())),
);
