// A send job was accepted for sending now, came due (scheduled) or was approved in review: mark it
// SENDING, split its PENDING messages into batches and fan them out, one event per batch.
import { inngest } from "../client";
import { loadSmppConfig } from "../../smpp/config";
import { segmentsPerBatch, sendingConfig } from "../../sending/config";
import { batchRequestedEvent, sendJobAccepted, sendJobReleased } from "../../sending/events";
import { startJob } from "../../sending/submit";

export const sendingJobStarted = inngest.createFunction(
  {
    id: "sending-job-started",
    name: "Send job: plan and fan out batches",
    triggers: [{ event: sendJobAccepted }, { event: sendJobReleased }],
    retries: 10,
  },
  async ({ event, step, db }) => {
    const { jobId } = event.data;
    const plan = await step.run("plan-batches", async () => {
      const { status, enterpriseId, batches } = await startJob(
        db,
        jobId,
        segmentsPerBatch(loadSmppConfig(), sendingConfig()),
        new Date(),
      );
      return {
        status,
        enterpriseId,
        batches: batches.map((b) => ({ batch: b.batch, fromId: b.fromId.toString(), toId: b.toId.toString() })),
      };
    });
    const { enterpriseId } = plan;
    if (plan.batches.length > 0 && enterpriseId) {
      await step.sendEvent(
        "fan-out-batches",
        plan.batches.map((b) => batchRequestedEvent(jobId, enterpriseId, b.batch, BigInt(b.fromId), BigInt(b.toId))),
      );
    }
    return { jobId, status: plan.status, batches: plan.batches.length };
  },
);
