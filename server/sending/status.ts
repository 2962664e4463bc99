// Message states and the rules between them, and the read side of a job (getJobSummary,
// getMessageStatus: the portal and the HTTP API). Imports only types, so the portal's client
// components can use the pure parts too.
//
//   PENDING ──claim──► SUBMITTING ──pool outcome──► SUBMITTED ──receipts──► DELIVERED | UNDELIVERED | EXPIRED | REJECTED
//      ▲                   │                    ├─► REJECTED (carrier refused a segment at submit)
//      └── never sent ─────┤ (POOL_CLOSED, QUEUE_TIMEOUT, other retryable refusals)
//                          └─► UNKNOWN (written, never answered; or cut off by a crash) ──receipts / sweep──► final
//   PENDING ──► FAILED (could not be sent: retries exhausted, contract stopped) | CANCELLED (job cancelled / rejected in review)
//   OPTED_OUT, NOT_ALLOWED: written final at acceptance (skipped recipients).
import type { DbTx } from "../db";
import type { MessageStatus, SendJobStatus } from "../generated/prisma/enums";

export const MESSAGE_STATUSES = [
  "PENDING",
  "SUBMITTING",
  "SUBMITTED",
  "UNKNOWN",
  "DELIVERED",
  "UNDELIVERED",
  "EXPIRED",
  "REJECTED",
  "FAILED",
  "OPTED_OUT",
  "NOT_ALLOWED",
  "CANCELLED",
] as const satisfies readonly MessageStatus[];

/** Not yet final: the pipeline still owes these an outcome. */
export const OPEN_STATUSES = ["PENDING", "SUBMITTING", "SUBMITTED", "UNKNOWN"] as const satisfies readonly MessageStatus[];

export const FINAL_STATUSES = MESSAGE_STATUSES.filter((s) => !(OPEN_STATUSES as readonly string[]).includes(s)) as Exclude<
  MessageStatus,
  (typeof OPEN_STATUSES)[number]
>[];

export function isFinalStatus(status: MessageStatus): boolean {
  return !(OPEN_STATUSES as readonly string[]).includes(status);
}

/** Outcomes a segment can get from a receipt. */
export type ReceiptOutcome = "DELIVERED" | "UNDELIVERED" | "EXPIRED" | "REJECTED";

/**
 * A receipt's SMPP message_state as a segment outcome; null for states that are not final
 * (enroute, scheduled, unknown), which change nothing. ACCEPTED (read by the carrier's customer
 * service on the subscriber's behalf) counts as delivered; DELETED and SKIPPED as undelivered.
 */
export function receiptOutcome(state: string): ReceiptOutcome | null {
  switch (state) {
    case "delivered":
    case "accepted":
      return "DELIVERED";
    case "expired":
      return "EXPIRED";
    case "rejected":
      return "REJECTED";
    case "undeliverable":
    case "deleted":
    case "skipped":
      return "UNDELIVERED";
    default:
      return null;
  }
}

/**
 * A long message's state from its segments' (all final): DELIVERED only if every segment was;
 * otherwise the worst, REJECTED > UNDELIVERED > EXPIRED. The handset shows a long message only
 * when every part arrived, so one lost part loses the message; among failures, a refusal says the
 * most (the carrier will not take it), an expiry the least (it may have been a switched-off phone).
 */
export const SEGMENT_SEVERITY: Record<ReceiptOutcome, number> = { DELIVERED: 0, EXPIRED: 1, UNDELIVERED: 2, REJECTED: 3 };

export function messageOutcome(segments: readonly ReceiptOutcome[]): ReceiptOutcome {
  let worst: ReceiptOutcome = "DELIVERED";
  for (const s of segments) if (SEGMENT_SEVERITY[s] > SEGMENT_SEVERITY[worst]) worst = s;
  return worst;
}

/** Job states from which the job can still be cancelled (nothing has been handed to the carrier). */
export const CANCELLABLE_JOB_STATUSES = ["SCHEDULED", "HELD_FOR_REVIEW", "QUEUED"] as const;

/** The largest message the platform accepts, in segments (signature included). */
export const MAX_SEGMENTS_PER_MESSAGE = 10;

export interface JobSummary {
  id: string;
  status: SendJobStatus;
  source: string;
  purpose: string;
  clientRef: string | null;
  content: string;
  fullText: string;
  segmentsPerMessage: number;
  recipientCount: number;
  acceptedCount: number;
  skippedCount: number;
  reservedSegments: number;
  scheduledAt: Date | null;
  createdAt: Date;
  startedAt: Date | null;
  completedAt: Date | null;
  cancelledAt: Date | null;
  reviewNote: string | null;
  /** Messages per state (every state present, 0 when none). */
  counts: Record<MessageStatus, number>;
  /** Messages in a final state, of all the job's messages. */
  finished: number;
  total: number;
  /** finished / total, 0..1 (1 for a job with no messages). */
  progress: number;
}

/** A job of the enterprise with its counts per state; null when there is none (or it is another's). */
export async function getJobSummary(db: DbTx, enterpriseId: string, jobId: string): Promise<JobSummary | null> {
  const job = await db.sendJob.findFirst({ where: { id: jobId, enterpriseId } });
  if (!job) return null;
  const groups = await db.message.groupBy({ by: ["status"], where: { jobId }, _count: { _all: true } });
  const counts = Object.fromEntries(MESSAGE_STATUSES.map((s) => [s, 0])) as Record<MessageStatus, number>;
  for (const g of groups) counts[g.status] = g._count._all;
  const total = MESSAGE_STATUSES.reduce((sum, s) => sum + counts[s], 0);
  const finished = total - OPEN_STATUSES.reduce((sum, s) => sum + counts[s], 0);
  return {
    id: job.id,
    status: job.status,
    source: job.source,
    purpose: job.purpose,
    clientRef: job.clientRef,
    content: job.content,
    fullText: job.fullText,
    segmentsPerMessage: job.segmentsPerMessage,
    recipientCount: job.recipientCount,
    acceptedCount: job.acceptedCount,
    skippedCount: job.skippedCount,
    reservedSegments: job.reservedSegments,
    scheduledAt: job.scheduledAt,
    createdAt: job.createdAt,
    startedAt: job.startedAt,
    completedAt: job.completedAt,
    cancelledAt: job.cancelledAt,
    reviewNote: job.reviewNote,
    counts,
    finished,
    total,
    progress: total === 0 ? 1 : finished / total,
  };
}

export interface MessageStatusView {
  id: string;
  jobId: string;
  mobile: string;
  status: MessageStatus;
  final: boolean;
  segments: number;
  errorCode: string | null;
  createdAt: Date;
  submittedAt: Date | null;
  finalAt: Date | null;
  parts: { seq: number; status: MessageStatus; smscId: string | null; receiptStat: string | null; errorCode: string | null; receiptAt: Date | null }[];
}

/** One message of the enterprise (id as a decimal string) with its segments; null when there is none. */
export async function getMessageStatus(db: DbTx, enterpriseId: string, messageId: string): Promise<MessageStatusView | null> {
  if (!/^\d{1,19}$/.test(messageId)) return null;
  const message = await db.message.findFirst({
    where: { id: BigInt(messageId), enterpriseId },
    include: { segmentRows: { orderBy: { seq: "asc" } } },
  });
  if (!message) return null;
  return {
    id: message.id.toString(),
    jobId: message.jobId,
    mobile: message.mobile,
    status: message.status,
    final: isFinalStatus(message.status),
    segments: message.segments,
    errorCode: message.errorCode,
    createdAt: message.createdAt,
    submittedAt: message.submittedAt,
    finalAt: message.finalAt,
    parts: message.segmentRows.map((s) => ({ seq: s.seq, status: s.status, smscId: s.smscId, receiptStat: s.receiptStat, errorCode: s.errorCode, receiptAt: s.receiptAt })),
  };
}
