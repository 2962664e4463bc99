// Every minute: release scheduled send jobs that came due, and expire messages with no receipt
// after SENDING_RECEIPT_TIMEOUT_MINUTES, complete jobs left with nothing open (server/sending/sweep.ts).
import { cron } from "inngest";
import { inngest } from "../client";
import { scheduledInstant } from "../scheduled";
import { sendingConfig } from "../../sending/config";
import { completeSendingJobs, expireOverdueMessages, releaseDueJobs } from "../../sending/sweep";

export const sendingSweep = inngest.createFunction(
  {
    id: "sending-sweep",
    name: "Sending: release due jobs, expire overdue messages",
    triggers: [cron("TZ=Asia/Shanghai * * * * *")],
    concurrency: 1,
    retries: 2,
  },
  async ({ event, step, db }) => {
    const now = scheduledInstant(event);
    const released = await step.run("release-due-jobs", () => releaseDueJobs(db, now));
    const expired = await step.run("expire-overdue-messages", () => expireOverdueMessages(db, now, sendingConfig().receiptTimeoutMs));
    const completed = await step.run("complete-finished-jobs", () => completeSendingJobs(db, now));
    return { scheduledFor: now.toISOString(), released: released.length, expired, completed: completed.length };
  },
);
