// Message states and the rules between them. The read side (jobs with their counts, messages,
// for the portal, the export and the HTTP API) is server/api-v1/views.ts. Imports only types, so
// client components can use these rules too.
//
//   PENDING ──claim──► SUBMITTING ──pool outcome──► SUBMITTED ──receipts──► DELIVERED | UNDELIVERED | EXPIRED | REJECTED
//      ▲                   │                    ├─► REJECTED (carrier refused a segment at submit)
//      └── never sent ─────┤ (POOL_CLOSED, QUEUE_TIMEOUT, other retryable refusals)
//                          └─► UNKNOWN (written, never answered; or cut off by a crash) ──receipts / sweep──► final
//   PENDING ──► FAILED (could not be sent: retries exhausted, contract stopped) | CANCELLED (job cancelled)
//           └─► REJECTED (held job rejected in review: errorCode REVIEW_REJECTED, quota given back)
//   OPTED_OUT, NOT_ALLOWED: written final at acceptance (skipped recipients).
import type { MessageStatus, SendJobStatus } from "../generated/prisma/enums";

/** Not yet final: the pipeline still owes these an outcome. */
export const OPEN_STATUSES = [
  "PENDING",
  "SUBMITTING",
  "SUBMITTED",
  "UNKNOWN",
] as const satisfies readonly MessageStatus[];

export function isFinalStatus(status: MessageStatus): boolean {
  return !(OPEN_STATUSES as readonly string[]).includes(status);
}

/** Outcomes a segment can get from a receipt. */
export type ReceiptOutcome = "DELIVERED" | "UNDELIVERED" | "EXPIRED" | "REJECTED";

/**
 * A receipt's SMPP message_state as a segment outcome; null for states that are not final
 * (enroute, scheduled, unknown, accepted), which change nothing. SMPP 3.4 calls ACCEPTED final
 * (read by customer service on the subscriber's behalf), but real SMSCs send ACCEPTD when they have
 * taken the message and the real outcome later: taking it as delivered would keep the later
 * UNDELIV from counting. DELETED and SKIPPED count as undelivered.
 */
export function receiptOutcome(state: string): ReceiptOutcome | null {
  switch (state) {
    case "delivered":
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
export const SEGMENT_SEVERITY: Record<ReceiptOutcome, number> = {
  DELIVERED: 0,
  EXPIRED: 1,
  UNDELIVERED: 2,
  REJECTED: 3,
};

export function messageOutcome(segments: readonly ReceiptOutcome[]): ReceiptOutcome {
  let worst: ReceiptOutcome = "DELIVERED";
  for (const s of segments) if (SEGMENT_SEVERITY[s] > SEGMENT_SEVERITY[worst]) worst = s;
  return worst;
}

/** Job states from which the job can still be cancelled (nothing has been handed to the carrier). */
export const CANCELLABLE_JOB_STATUSES = [
  "SCHEDULED",
  "HELD_FOR_REVIEW",
  "QUEUED",
] as const satisfies readonly SendJobStatus[];

export function isCancellableJob(status: SendJobStatus): boolean {
  return (CANCELLABLE_JOB_STATUSES as readonly string[]).includes(status);
}

/** Jobs whose progress can still change: the cancellable ones and those sending. */
export function isLiveJob(status: SendJobStatus): boolean {
  return status === "SENDING" || isCancellableJob(status);
}

/** The largest message the platform accepts, in segments (signature included). */
export const MAX_SEGMENTS_PER_MESSAGE = 10;
