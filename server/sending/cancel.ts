// Cancelling a job before it starts (scheduled, held for review, or queued and not yet picked up):
// its PENDING messages become CANCELLED and the quota reserved for them is given back. A job the
// pipeline has started (SENDING) can no longer be cancelled: segments may be with the carrier.
import { type Actor, recordAudit } from "../audit/log";
import type { Db } from "../db";
import { AppError } from "../errors";
import type { SendJobStatus } from "../generated/prisma/enums";
import { isCancellableJob } from "./status";
import { releaseDailyQuota } from "./quota";

export async function cancelSendJob(
  db: Db,
  actor: Actor & { enterpriseId: string },
  jobId: string,
  now: Date,
): Promise<{ messages: number; releasedSegments: number }> {
  return db.$transaction(async (tx) => {
    // Locks the job against the pipeline's start (which moves QUEUED to SENDING under the same lock).
    const [job] = await tx.$queryRaw<{ id: string; enterpriseId: string; status: SendJobStatus; quotaDay: Date }[]>`
      SELECT id, "enterpriseId", status::text, "quotaDay" FROM "SendJob" WHERE id = ${jobId} FOR UPDATE`;
    if (!job || job.enterpriseId !== actor.enterpriseId) throw new AppError("NOT_FOUND");
    if (!isCancellableJob(job.status)) throw new AppError("JOB_NOT_CANCELLABLE", { status: job.status });
    await tx.sendJob.update({
      where: { id: jobId },
      data: { status: "CANCELLED", cancelledAt: now, completedAt: now },
    });
    const [closed] = await tx.$queryRaw<{ messages: number; segments: number }[]>`
      WITH c AS (
        UPDATE "Message" SET status = 'CANCELLED', "finalAt" = ${now}::timestamp
        WHERE "jobId" = ${jobId} AND status = 'PENDING'
        RETURNING segments)
      SELECT count(*)::int AS messages, COALESCE(sum(segments), 0)::int AS segments FROM c`;
    const messages = closed?.messages ?? 0;
    const releasedSegments = closed?.segments ?? 0;
    await releaseDailyQuota(tx, job.enterpriseId, job.quotaDay, releasedSegments);
    await recordAudit(
      tx,
      actor,
      {
        action: "sending.job.cancelled",
        entityType: "SendJob",
        entityId: jobId,
        enterpriseId: job.enterpriseId,
        detail: { previousStatus: job.status, messages, releasedSegments },
      },
      now,
    );
    return { messages, releasedSegments };
  });
}
