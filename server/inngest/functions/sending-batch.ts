// One batch of a send job: its PENDING messages submitted through the process's SMPP pool, each
// outcome recorded as it comes back (server/sending/submit.ts has the crash rules). As many batches
// run at once as the account has binds (SENDING_BATCH_CONCURRENCY); the pool's token buckets pace
// the segments to the account's per-bind and per-account limits.
//
// Deliberately no per-enterprise concurrency key and no throttle (issue 5 review):
// - `concurrency: [{ key: "event.data.enterpriseId", limit }]` is what Inngest v4 offers for
//   fairness between enterprises, but the built-in runner refuses keyed concurrency at start
//   (server/inngest/runner/definitions.ts: "supports only a plain concurrency limit per
//   function"), and the batch event carries no enterpriseId (server/sending/events.ts). Both
//   would have to change first; configuring it here would stop every app process without an
//   Inngest server.
// - A throttle counts runs, while the account limit (SMPP_ACCOUNT_MAX_PER_SECOND, per bind
//   SMPP_BIND_MAX_PER_SECOND) counts segments, and batches range from one message to
//   SENDING_BATCH_MAX segments: a run throttle sized for full batches would hold a one-message
//   job behind a big one for tens of seconds, one sized for small batches limits nothing. The
//   segments are paced where they are counted: the pool's token buckets, and batches sized to
//   take about SENDING_BATCH_SECONDS at that rate (../../sending/config.ts segmentsPerBatch).
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
