// Daily at 03:30 China time, or when asked (housekeeping/run.requested): prune ended sessions,
// clear lockouts that ran out, prune old job history. Every step is idempotent for its instant.
import { cron } from "inngest";
import { clearExpiredLockouts, pruneAuthThrottles, pruneExpiredSessions } from "../../housekeeping/service";
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
    return { scheduledFor: now.toISOString(), ...sessions, ...lockouts, ...throttles, ...history };
  },
);
