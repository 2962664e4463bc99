// One batch of a send job: its PENDING messages submitted through the process's SMPP pool, each
// outcome recorded as it comes back (server/sending/submit.ts has the crash rules). As many batches
// run at once as the account has binds (SENDING_BATCH_CONCURRENCY); the pool's token buckets pace
// the segments to the account's per-bind and per-account limits.
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
    concurrency: { limit: sendingConfig().batchConcurrency },
    retries: 8,
  },
  async ({ event, step, db, attempt, maxAttempts }) => {
    const { jobId, fromId, toId } = event.data as { jobId: string; fromId: string; toId: string };
    const lastAttempt = maxAttempts !== undefined && attempt + 1 >= maxAttempts;
    return step.run("submit-batch", async () => {
      const gateway = await sendingGateway(db);
      const config = sendingConfig();
      return submitBatch(
        { db, pool: gateway.pool, chunk: config.chunk, chunksInFlight: config.chunksInFlight, now: () => new Date() },
        jobId,
        { fromId: BigInt(fromId), toId: BigInt(toId) },
        { lastAttempt },
      );
    });
  },
);
