// Every minute: release scheduled send jobs that came due, and expire messages with no receipt
// after SENDING_RECEIPT_TIMEOUT_MINUTES, complete jobs left with nothing open (server/sending/sweep.ts);
// sweep the carrier inbox (each process with a gateway also does, every second) and purge what is
// older than the receipt timeout (server/sending/inbox.ts).
import { cron } from "inngest";
import { inngest } from "../client";
import { scheduledInstant } from "../scheduled";
import { sendingConfig } from "../../sending/config";
import { INBOX_GRACE_MS, REPLY_ASSEMBLY_MS, purgeCarrierInbox, sweepCarrierInbox } from "../../sending/inbox";
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
    const windowMs = sendingConfig().receiptTimeoutMs;
    // Before the expiry: a receipt waiting in the inbox is applied rather than its message expired.
    const inbox = await step.run("sweep-carrier-inbox", () =>
      sweepCarrierInbox(db, now, { windowMs, graceMs: INBOX_GRACE_MS, replyAssemblyMs: REPLY_ASSEMBLY_MS }),
    );
    const purged = await step.run("purge-carrier-inbox", () => purgeCarrierInbox(db, now, windowMs));
    const expired = await step.run("expire-overdue-messages", () =>
      expireOverdueMessages(db, now, sendingConfig().receiptTimeoutMs),
    );
    const completed = await step.run("complete-finished-jobs", () => completeSendingJobs(db, now));
    return {
      scheduledFor: now.toISOString(),
      released: released.length,
      inbox,
      purged,
      expired,
      completed: completed.length,
    };
  },
);
