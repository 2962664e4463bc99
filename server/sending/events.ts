// The sending pipeline's events (typed, `domain/noun.verb`). Ids are deterministic so that each is
// accepted once, by the built-in runner and by an Inngest server alike: a job starts once and each
// batch is submitted by exactly one run.
import { eventType } from "inngest";
import { z } from "zod";

const jobRef = z.object({ jobId: z.string().min(1) });

/** A job was accepted for sending now (sent in the acceptance transaction). */
export const sendJobAccepted = eventType("sending/job.accepted", { schema: jobRef });

/** A scheduled job came due, or COMPLIANCE approved a held one. */
export const sendJobReleased = eventType("sending/job.released", { schema: jobRef });

/**
 * One batch of a job: the PENDING messages with ids in [fromId, toId]. Ids are decimal strings. The
 * job's enterprise is the batch runs' concurrency key (one enterprise cannot take every batch slot).
 */
export const sendBatchRequested = eventType("sending/batch.requested", {
  schema: z.object({
    jobId: z.string().min(1),
    enterpriseId: z.string().min(1),
    batch: z.number().int().min(0),
    fromId: z.string().regex(/^\d+$/),
    toId: z.string().regex(/^\d+$/),
  }),
});

export const jobAcceptedEvent = (jobId: string) =>
  sendJobAccepted.create({ jobId }, { id: `sending-job-accepted:${jobId}` });
export const jobReleasedEvent = (jobId: string) =>
  sendJobReleased.create({ jobId }, { id: `sending-job-released:${jobId}` });
export const batchRequestedEvent = (jobId: string, enterpriseId: string, batch: number, fromId: bigint, toId: bigint) =>
  sendBatchRequested.create(
    { jobId, enterpriseId, batch, fromId: fromId.toString(), toId: toId.toString() },
    { id: `sending-batch:${jobId}:${batch}` },
  );
