// Daily at 03:30 China time, or when asked (housekeeping/run.requested): prune ended sessions,
// clear lockouts that ran out, prune old job history, stored idempotent API responses, caught mail
// and finished webhook deliveries. Every step is idempotent for its instant.
import { cron } from "inngest";
import { pruneIdempotencyRecords } from "../../api-v1/idempotency";
import {
  clearExpiredLockouts,
  pruneAuthThrottles,
  pruneCaughtMail,
  pruneExpiredSessions,
  pruneWebhookDeliveries,
} from "../../housekeeping/prune";
import { inngest } from "../client";
import { housekeepingRequested } from "../events";
import { pruneJobHistory } from "../runs";
import { scheduledInstant } from "../scheduled";

export const housekeepingDaily = inngest.createFunction(
  {
    id: "housekeeping-daily",
    name: "Daily housekeeping",
    triggers: [cron("TZ=Asia/Shanghai 30 3 * * *"), { event: housekeepingRequested }],
    concurrency: 1,
    retries: 3,
  },
  async ({ event, step, db }) => {
    const now = scheduledInstant(event);
    const sessions = await step.run("prune-expired-sessions", () => pruneExpiredSessions(db, now));
    const lockouts = await step.run("clear-expired-lockouts", () => clearExpiredLockouts(db, now));
    const throttles = await step.run("prune-auth-throttles", () => pruneAuthThrottles(db, now));
    const history = await step.run("prune-job-history", () => pruneJobHistory(db, now));
    const idempotency = await step.run("prune-idempotency-records", () => pruneIdempotencyRecords(db, now));
    const mail = await step.run("prune-caught-mail", () => pruneCaughtMail(db, now));
    const webhooks = await step.run("prune-webhook-deliveries", () => pruneWebhookDeliveries(db, now));
    return {
      scheduledFor: now.toISOString(),
      ...sessions,
      ...lockouts,
      ...throttles,
      ...history,
      ...idempotency,
      ...mail,
      ...webhooks,
    };
  },
);
