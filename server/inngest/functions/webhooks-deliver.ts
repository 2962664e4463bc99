// Every minute: POST the delivery-receipt webhooks that are due (new ones, and failed ones whose
// backoff ran out: 1, 2, 4, 8, 16 minutes). Rows are claimed with a lease in the database, so a run
// cut off by a crash neither loses nor doubles a delivery; one run at a time keeps the order.
import { cron } from "inngest";
import { deliverDueWebhooks } from "../../webhooks/delivery";
import { inngest } from "../client";
import { scheduledInstant } from "../scheduled";

/** Claimed batches per run: up to this many times DELIVERY_BATCH rows. */
const MAX_BATCHES_PER_RUN = 10;

export const webhooksDeliver = inngest.createFunction(
  {
    id: "webhooks-deliver",
    name: "Deliver receipt webhooks",
    triggers: [cron("TZ=Asia/Shanghai * * * * *")],
    concurrency: 1,
    retries: 2,
  },
  async ({ event, step, db }) => {
    const now = scheduledInstant(event);
    const totals = { claimed: 0, delivered: 0, retrying: 0, failed: 0 };
    for (let batch = 0; batch < MAX_BATCHES_PER_RUN; batch++) {
      const result = await step.run(`deliver-${batch}`, () => deliverDueWebhooks(db, now));
      totals.claimed += result.claimed;
      totals.delivered += result.delivered;
      totals.retrying += result.retrying;
      totals.failed += result.failed;
      if (result.claimed === 0) break;
    }
    return totals;
  },
);
