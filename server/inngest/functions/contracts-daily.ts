// Daily at 00:05 China time: activate contracts whose start has come, end mutual terminations that
// are due, renew or expire contracts whose validity ended at 24:00. The lifecycle is driven by
// contract state, so running it again for the same instant changes nothing.
import { cron } from "inngest";
import { runContractLifecycle } from "../../contracts/lifecycle";
import { inngest } from "../client";
import { scheduledInstant } from "../scheduled";

export const contractsDaily = inngest.createFunction(
  { id: "contracts-daily", name: "Contract lifecycle", triggers: [cron("TZ=Asia/Shanghai 5 0 * * *")], concurrency: 1 },
  async ({ event, step, db }) => {
    const now = scheduledInstant(event);
    return step.run("run-contract-lifecycle", () => runContractLifecycle(db, now));
  },
);
