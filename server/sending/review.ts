// 乙方 3: the review queue. A send whose content matched a REVIEW term is accepted as a SendJob in
// HELD_FOR_REVIEW with its messages PENDING and its quota reserved (server/sending/accept.ts).
// COMPLIANCE (or a bureau admin) decides it here:
// - approve: the job goes on. Due now (no schedule, or its time has passed) it becomes QUEUED and
//   the `sending/job.released` event is sent in the same transaction; with a schedule still ahead
//   it becomes SCHEDULED and is released when its time comes, like any scheduled job.
// - reject (with a reason the customer reads on the job): the job ends REJECTED, its PENDING
//   messages end REJECTED (never sent, errorCode REVIEW_REJECTED), the quota reserved for them is
//   given back, and a CONTENT_REJECTED violation goes on the enterprise's record.
// The decision is on the job itself (reviewNote, reviewedAt, reviewedById, status), which the
// customer's jobs pages show.
import { type Actor, recordAudit } from "../audit/log";
import type { DbTx } from "../db";
import { AppError } from "../errors";
import type { Prisma, SendJobStatus } from "../generated/prisma/client";
import { sendEvent } from "../inngest/send";
import { jobReleasedEvent } from "./events";
import { releaseDailyQuota } from "./quota";
import { recordViolation } from "../compliance/violations";

export const REVIEW_NOTE_MAX = 1000;
/** errorCode of the messages of a job COMPLIANCE rejected. */
export const REVIEW_REJECTED_CODE = "REVIEW_REJECTED";

function inTransaction<T>(db: DbTx, work: (tx: DbTx) => Promise<T>): Promise<T> {
  return "$transaction" in db ? db.$transaction((tx) => work(tx), { timeout: 60_000 }) : work(db);
}

/** The held job, locked for the decision; REQUEST_NOT_PENDING when it was decided (or cancelled) first. */
async function lockHeld(tx: DbTx, id: string) {
  await tx.$executeRaw`SELECT 1 FROM "SendJob" WHERE id = ${id} FOR UPDATE`;
  const job = await tx.sendJob.findUnique({
    where: { id },
    select: { id: true, enterpriseId: true, status: true, scheduledAt: true, quotaDay: true, heldTerms: true },
  });
  if (!job) throw new AppError("NOT_FOUND");
  if (job.status !== "HELD_FOR_REVIEW") throw new AppError("REQUEST_NOT_PENDING");
  return job;
}

const tidyNote = (note: string | null | undefined) => note?.trim().slice(0, REVIEW_NOTE_MAX) || null;

export async function approveHeldJob(db: DbTx, actor: Actor, id: string, note: string | null | undefined, now: Date) {
  const reviewNote = tidyNote(note);
  return inTransaction(db, async (tx) => {
    const job = await lockHeld(tx, id);
    const status: SendJobStatus = job.scheduledAt && job.scheduledAt > now ? "SCHEDULED" : "QUEUED";
    await tx.sendJob.update({
      where: { id },
      data: { status, reviewNote, reviewedById: actor.userId, reviewedAt: now },
    });
    if (status === "QUEUED") await sendEvent(tx, jobReleasedEvent(id));
    await recordAudit(
      tx,
      actor,
      {
        action: "compliance.review.approved",
        entityType: "SendJob",
        entityId: id,
        enterpriseId: job.enterpriseId,
        detail: { status, heldTerms: job.heldTerms, note: reviewNote },
      },
      now,
    );
    return { status };
  });
}

export async function rejectHeldJob(db: DbTx, actor: Actor, id: string, reason: string, now: Date) {
  const reviewNote = tidyNote(reason);
  if (!reviewNote) throw new AppError("REASON_REQUIRED");
  return inTransaction(db, async (tx) => {
    const job = await lockHeld(tx, id);
    await tx.sendJob.update({
      where: { id },
      data: { status: "REJECTED", reviewNote, reviewedById: actor.userId, reviewedAt: now, completedAt: now },
    });
    // Set-based: a held job may have 100,000 messages. Only PENDING ones held quota; skipped
    // recipients (OPTED_OUT, NOT_ALLOWED) are already final and reserved nothing.
    const [released] = await tx.$queryRaw<{ messages: number; segments: number }[]>`
      WITH closed AS (
        UPDATE "Message" SET status = 'REJECTED', "errorCode" = ${REVIEW_REJECTED_CODE}, "finalAt" = ${now}
        WHERE "jobId" = ${id} AND status = 'PENDING'
        RETURNING segments
      )
      SELECT count(*)::int AS messages, COALESCE(sum(segments), 0)::int AS segments FROM closed`;
    const messages = released?.messages ?? 0;
    const segments = released?.segments ?? 0;
    await releaseDailyQuota(tx, job.enterpriseId, job.quotaDay, segments);
    const terms = job.heldTerms.join("、");
    await recordViolation(
      tx,
      actor,
      {
        enterpriseId: job.enterpriseId,
        kind: "CONTENT_REJECTED",
        detail: terms ? `${reviewNote}（${terms}）` : reviewNote,
        jobId: id,
      },
      now,
    );
    await recordAudit(
      tx,
      actor,
      {
        action: "compliance.review.rejected",
        entityType: "SendJob",
        entityId: id,
        enterpriseId: job.enterpriseId,
        detail: { reason: reviewNote, heldTerms: job.heldTerms, messages, releasedSegments: segments },
      },
      now,
    );
    return { messages, releasedSegments: segments };
  });
}

export const REVIEW_QUEUE_STATES = ["HELD", "DECIDED"] as const;
export type ReviewQueueState = (typeof REVIEW_QUEUE_STATES)[number];

export interface ReviewQueueQuery {
  page: number;
  pageSize: number;
  state: ReviewQueueState;
  enterpriseId?: string;
}

/**
 * COMPLIANCE's queue: held jobs oldest first, or decided ones (reviewed, newest first), with the
 * content and the matched terms. Staff reading customers' message content is audited (甲方 3).
 */
export async function listReviewQueue(db: DbTx, actor: Actor, query: ReviewQueueQuery, now: Date) {
  const where: Prisma.SendJobWhereInput = {
    ...(query.state === "HELD" ? { status: "HELD_FOR_REVIEW" } : { reviewedAt: { not: null } }),
    ...(query.enterpriseId ? { enterpriseId: query.enterpriseId } : {}),
  };
  const [total, rows] = await Promise.all([
    db.sendJob.count({ where }),
    db.sendJob.findMany({
      where,
      orderBy: query.state === "HELD" ? [{ createdAt: "asc" }, { id: "asc" }] : [{ reviewedAt: "desc" }, { id: "asc" }],
      skip: (query.page - 1) * query.pageSize,
      take: query.pageSize,
      select: {
        id: true,
        enterpriseId: true,
        source: true,
        purpose: true,
        content: true,
        fullText: true,
        signature: true,
        status: true,
        scheduledAt: true,
        acceptedCount: true,
        skippedCount: true,
        segmentsPerMessage: true,
        reservedSegments: true,
        heldTerms: true,
        reviewNote: true,
        reviewedAt: true,
        reviewedById: true,
        createdAt: true,
      },
    }),
  ]);
  const [enterprises, people] = await Promise.all([
    db.enterprise.findMany({
      where: { id: { in: [...new Set(rows.map((r) => r.enterpriseId))] } },
      select: { id: true, name: true },
    }),
    db.user.findMany({
      where: { id: { in: rows.map((r) => r.reviewedById).filter((v): v is string => v !== null) } },
      select: { id: true, name: true, email: true },
    }),
  ]);
  if (rows.length > 0) {
    await recordAudit(
      db,
      actor,
      {
        action: "compliance.review.viewed",
        entityType: "SendJob",
        detail: { state: query.state, page: query.page, jobIds: rows.map((r) => r.id) },
      },
      now,
    );
  }
  return {
    total,
    rows: rows.map(({ reviewedById, ...r }) => ({
      ...r,
      enterprise: enterprises.find((e) => e.id === r.enterpriseId) ?? { id: r.enterpriseId, name: "—" },
      reviewedBy: people.find((p) => p.id === reviewedById) ?? null,
    })),
  };
}
