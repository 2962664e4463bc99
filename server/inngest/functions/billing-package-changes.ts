// On the 1st at 00:01 China time: apply the package change forms due that day (二 6), so the day's
// sends already count against the new package's daily cap. Applying is driven by the forms' state:
// running it again changes nothing.
import { cron } from "inngest";
import { applyDuePackageChanges } from "../../billing/package-changes";
import { inngest } from "../client";
import { scheduledInstant } from "../scheduled";

export const billingPackageChanges = inngest.createFunction(
  {
    id: "billing-package-changes",
    name: "Apply package changes",
    triggers: [cron("TZ=Asia/Shanghai 1 0 1 * *")],
    concurrency: 1,
  },
  async ({ event, step, db }) => {
    const now = scheduledInstant(event);
    return step.run("apply-due-package-changes", () => applyDuePackageChanges(db, now));
  },
);
