// On the 1st at 00:10 China time: close the month that has just ended (二 3). By hand for any period:
// `npm run job -- billing-close-period --at 2026-12-01T00:10:00+08:00` closes 2026-11 (the month
// before the instant's China date). Closing is idempotent, so a retry or a second run changes nothing.
import { cron } from "inngest";
import { closePeriod } from "../../billing/close";
import { formatPeriod, previousPeriod } from "../../billing/rules";
import { toChinaDate } from "../../clock";
import { inngest } from "../client";
import { scheduledInstant } from "../scheduled";

export const billingClosePeriod = inngest.createFunction(
  {
    id: "billing-close-period",
    name: "Billing period close",
    triggers: [cron("TZ=Asia/Shanghai 10 0 1 * *")],
    concurrency: 1,
  },
  async ({ event, step, db }) => {
    const now = scheduledInstant(event);
    const period = formatPeriod(previousPeriod(toChinaDate(now)));
    return step.run(`close-period-${period}`, () => closePeriod(db, { period, now }));
  },
);
