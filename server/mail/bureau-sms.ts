// The bureau's own SMS notices (payment reminders), sent through the platform's sending pipeline
// as a SendJob with system=true. Such a job is the bureau's, not a customer's:
// - its job and messages carry BUREAU_SENDER_ID as enterpriseId (there is no Enterprise row of that
//   id; the columns have no foreign key), so they never show among a customer's jobs, usage reports,
//   webhooks or reply attribution;
// - it is signed 【企信通】 as the bureau sender, bypasses the customer's signature, screening,
//   address book and opt-out scope (it is the bureau writing to its own customer's contact);
// - it reserves no daily quota and is never metered into DailyUsage (server/sending/submit.ts and
//   receipts.ts skip system jobs), and the contract gate does not apply: the SUSPENSION notice must
//   reach a suspended customer.
import { randomInt } from "node:crypto";
import { toChinaDate, toDbDate } from "../clock";
import type { DbTx } from "../db";
import { AppError } from "../errors";
import { sendEvent } from "../inngest/send";
import { measureMessage, withSignature } from "../smpp/codec";
import { jobAcceptedEvent } from "../sending/events";
import { MAX_SEGMENTS_PER_MESSAGE } from "../sending/status";

/** The enterpriseId of the bureau's own send jobs and messages. */
export const BUREAU_SENDER_ID = "bureau";
/** The signature the bureau's notices go out under. */
export const BUREAU_SMS_SIGNATURE = "企信通";

/**
 * Queues one SMS from the bureau to a handset: a QUEUED system job with one PENDING message, and
 * the event that starts it, written with the caller's handle (pass a transaction to make the send
 * part of it). Returns the job id.
 */
export async function queueBureauSms(db: DbTx, input: { mobile: string; text: string }, now: Date): Promise<string> {
  const content = input.text.trim();
  const fullText = withSignature(content, BUREAU_SMS_SIGNATURE);
  const measure = measureMessage(fullText);
  if (measure.segmentCount > MAX_SEGMENTS_PER_MESSAGE)
    throw new AppError("CONTENT_TOO_LONG", { segments: measure.segmentCount, max: MAX_SEGMENTS_PER_MESSAGE });
  const job = await db.sendJob.create({
    data: {
      enterpriseId: BUREAU_SENDER_ID,
      system: true,
      source: "PORTAL",
      purpose: "NOTICE",
      content,
      signature: BUREAU_SMS_SIGNATURE,
      fullText,
      encoding: measure.encoding,
      segmentsPerMessage: measure.segmentCount,
      status: "QUEUED",
      recipientCount: 1,
      acceptedCount: 1,
      skippedCount: 0,
      reservedSegments: 0,
      quotaDay: toDbDate(toChinaDate(now)),
      heldTerms: [],
      createdAt: now,
      // Any reference will do for a single message, but two long notices to one handset in flight
      // together must not share one.
      messages: {
        create: {
          enterpriseId: BUREAU_SENDER_ID,
          mobile: input.mobile,
          status: "PENDING",
          segments: measure.segmentCount,
          udhReference: randomInt(256),
          createdAt: now,
        },
      },
    },
    select: { id: true },
  });
  await sendEvent(db, jobAcceptedEvent(job.id));
  return job.id;
}
