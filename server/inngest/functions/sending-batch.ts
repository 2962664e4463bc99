// One batch of a send job: its PENDING messages submitted through the process's SMPP pool, each
// outcome recorded as it comes back (server/sending/submit.ts has the crash rules). As many batches
// run at once as the account has binds (SENDING_BATCH_CONCURRENCY); the pool's token buckets pace
// the segments to the account's per-bind and per-account limits.
//
// Concurrency: at most SENDING_BATCH_CONCURRENCY batch runs at once, and at most
// SENDING_ENTERPRISE_BATCH_CONCURRENCY of one enterprise (keyed on the event's enterpriseId), so a
// 100,000-recipient send leaves room for everybody else's verification codes.
//
// No Inngest throttle: a throttle counts runs, while the account limit (SMPP_ACCOUNT_MAX_PER_SECOND,
// per bind SMPP_BIND_MAX_PER_SECOND) counts segments, and batches range from one message to
// SENDING_BATCH_MAX segments: a run throttle sized for full batches would hold a one-message job
// behind a big one for tens of seconds, one sized for small batches limits nothing. The segments
// are paced where they are counted: the pool's token buckets, and batches sized to take about
// SENDING_BATCH_SECONDS at that rate (../../sending/config.ts segmentsPerBatch).
import { inngest } from "../client";
import { sendingConfig } from "../../sending/config";
import { sendBatchRequested } from "../../sending/events";
import { sendingGateway } from "../../sending/gateway";
import { submitBatch } from "../../sending/submit";

export const sendingBatch = inngest.createFunction(
  {
    id: "sending-batch",
    name: "Send job: submit one batch",
    triggers: [{ event: sendBatchRequested }],
    concurrency: [
      { limit: sendingConfig().batchConcurrency },
      { key: "event.data.enterpriseId", limit: sendingConfig().enterpriseBatchConcurrency },
    ],
    retries: 8,
  },
  async ({ event, step, db, attempt, maxAttempts }) => {
    const { jobId, fromId, toId } = event.data;
    const lastAttempt = maxAttempts !== undefined && attempt + 1 >= maxAttempts;
    return step.run("submit-batch", async () => {
      const gateway = await sendingGateway(db);
      const config = sendingConfig();
      return submitBatch(
        {
          db,
          pool: gateway.pool,
          chunk: config.chunk,
          chunksInFlight: config.chunksInFlight,
          recordMs: config.recordMs,
          receiptWindowMs: config.receiptTimeoutMs,
          now: () => new Date(),
          log: (message, fields) => console.warn(`[sending] ${message}`, fields ?? ""),
        },
        jobId,
        { fromId: BigInt(fromId), toId: BigInt(toId) },
        { lastAttempt },
      );
    });
  },
);
