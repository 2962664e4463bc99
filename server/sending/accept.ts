// Accepting a send job (Compose, the HTTP API): every rule a send must pass, then the job and all
// its messages in one transaction with the quota reservation and the one event that starts it.
//
// Order of the checks (the first that fails is the error):
//   1. contract gate (assertCanSend: CONTRACT_NOT_ACTIVE / ACCOUNT_SUSPENDED)
//   2. an approved signature (SIGNATURE_MISSING)
//   3. content screening: BLOCK -> CONTENT_BLOCKED {terms} (a CONTENT_BLOCKED violation recorded,
//      audited); REVIEW -> the job is held
//   4. length with the signature (CONTENT_TOO_LONG above MAX_SEGMENTS_PER_MESSAGE)
//   5. recipients: resolved from groups/contacts/numbers, then classified (address book or consent,
//      opt-outs). Refused ones are skipped and reported per recipient; the send fails only when
//      nobody is left: NO_RECIPIENTS, INVALID_NUMBER, OPTED_OUT or RECIPIENT_NOT_ALLOWED
//   6. the daily cap for accepted x segments (DAILY_CAP_EXCEEDED {remaining, requested}), reserved
//      atomically in the same transaction that writes the job
// Skipped recipients get Message rows in their final state (OPTED_OUT / NOT_ALLOWED) so the
// customer sees them in the job; invalid numbers have no row (there is no number to show).
import { type Actor, recordAudit } from "../audit/log";
import { type ChinaDate, formatChinaDate, toChinaDate, toDbDate } from "../clock";
import { resolveRecipients } from "../addressbook/recipients";
import { approvedSignature, classifyRecipients, recordViolation, screenContent } from "../compliance";
import { assertCanSend } from "../contracts/lifecycle";
import type { Db, DbTx } from "../db";
import { AppError } from "../errors";
import type { MessagePurpose, SendJobStatus, SendSource } from "../generated/prisma/enums";
import { sendEvent } from "../inngest/send";
import { measureMessage, withSignature } from "../smpp/codec";
import { jobAcceptedEvent } from "./events";
import { contractDailyCap, reserveDailyQuota, reservedOn } from "./quota";
import { MAX_SEGMENTS_PER_MESSAGE } from "./status";

export interface SendJobInput {
  source: SendSource;
  apiKeyId?: string;
  purpose: MessagePurpose;
  content: string;
  recipients: { groupIds?: string[]; contactIds?: string[]; numbers?: string[] };
  scheduleAt?: Date;
  clientRef?: string;
}

export type RecipientOutcome = "ACCEPTED" | "OPTED_OUT" | "NOT_ALLOWED" | "INVALID_NUMBER";

export interface AcceptedSendJob {
  jobId: string;
  status: SendJobStatus;
  segmentsPerMessage: number;
  accepted: number;
  skipped: number;
  recipients: { to: string; status: RecipientOutcome; messageId?: string }[];
}

export interface SendPreview {
  signature: string;
  fullText: string;
  encoding: "gsm7" | "ucs2";
  characters: number;
  segmentsPerMessage: number;
  recipients: number;
  accepted: number;
  optedOut: number;
  notAllowed: number;
  invalid: number;
  /** Segments the send would reserve (accepted x segments per message). */
  segments: number;
  /** Quota left on the day the send counts against, before this send. */
  quotaRemaining: number;
  dailyCap: number;
  quotaDay: string;
  verdict: "OK" | "BLOCK" | "REVIEW";
  blockTerms: string[];
  reviewTerms: string[];
}

/** A send can be scheduled at most this far ahead. */
export const MAX_SCHEDULE_DAYS = 30;
/** A schedule closer than this is sent at once (the release cron runs every minute anyway); a time
 * earlier than now by more than this is refused rather than sent at once (a stale form, a wrong date). */
const SCHEDULE_MIN_LEAD_MS = 60_000;

export type ScheduleProblem = { code: "SCHEDULE_IN_PAST" } | { code: "SCHEDULE_TOO_FAR"; days: number };

/** Why a requested send time cannot be used, if it cannot: the one rule for the portal and the API. */
export function scheduleProblem(scheduleAt: Date, now: Date): ScheduleProblem | null {
  const lead = scheduleAt.getTime() - now.getTime();
  if (lead < -SCHEDULE_MIN_LEAD_MS) return { code: "SCHEDULE_IN_PAST" };
  if (lead > MAX_SCHEDULE_DAYS * 86_400_000) return { code: "SCHEDULE_TOO_FAR", days: MAX_SCHEDULE_DAYS };
  return null;
}

/** The instant a job waits for: null (send now) when none was asked for or it is within a minute of now. */
function scheduledInstant(scheduleAt: Date | undefined, now: Date): Date | null {
  if (!scheduleAt) return null;
  const problem = scheduleProblem(scheduleAt, now);
  if (problem) throw new AppError(problem.code, problem.code === "SCHEDULE_TOO_FAR" ? { days: problem.days } : {});
  return scheduleAt.getTime() - now.getTime() >= SCHEDULE_MIN_LEAD_MS ? scheduleAt : null;
}

interface Prepared {
  signature: string;
  fullText: string;
  encoding: "gsm7" | "ucs2";
  characters: number;
  segmentsPerMessage: number;
  screen: { verdict: "OK" | "BLOCK" | "REVIEW"; blockTerms: string[]; reviewTerms: string[] };
  /** Valid numbers in the order resolved, each once. */
  mobiles: string[];
  invalid: string[];
  classes: Map<string, "ALLOWED" | "NOT_ALLOWED" | "OPTED_OUT">;
  accepted: string[];
  optedOut: number;
  notAllowed: number;
  cap: number;
  quotaDay: ChinaDate;
  scheduledAt: Date | null;
}

async function prepare(
  db: DbTx,
  enterpriseId: string,
  input: SendJobInput,
  now: Date,
  mode: "accept" | "preview",
): Promise<Prepared> {
  const content = input.content.trim();
  if (!content) throw new AppError("CONTENT_EMPTY");
  const scheduledAt = scheduledInstant(input.scheduleAt, now);

  const contract = await assertCanSend(db, enterpriseId, now);
  const signature = await approvedSignature(db, enterpriseId);
  if (!signature) throw new AppError("SIGNATURE_MISSING");

  const screen = await screenContent(db, content);
  const fullText = withSignature(content, signature);
  const measure = measureMessage(fullText);
  if (mode === "accept" && measure.segmentCount > MAX_SEGMENTS_PER_MESSAGE) {
    throw new AppError("CONTENT_TOO_LONG", { segments: measure.segmentCount, max: MAX_SEGMENTS_PER_MESSAGE });
  }

  const resolved = await resolveRecipients(db, enterpriseId, input.recipients);
  const mobiles = [...new Set(resolved.mobiles)];
  const classes =
    mobiles.length > 0
      ? await classifyRecipients(db, enterpriseId, mobiles, now)
      : new Map<string, "ALLOWED" | "NOT_ALLOWED" | "OPTED_OUT">();
  const accepted: string[] = [];
  let optedOut = 0;
  let notAllowed = 0;
  for (const mobile of mobiles) {
    const verdict = classes.get(mobile) ?? "NOT_ALLOWED";
    if (verdict === "ALLOWED") accepted.push(mobile);
    else if (verdict === "OPTED_OUT") optedOut++;
    else notAllowed++;
  }
  return {
    signature,
    fullText,
    encoding: measure.encoding,
    characters: [...fullText].length,
    segmentsPerMessage: measure.segmentCount,
    screen,
    mobiles,
    invalid: resolved.invalid,
    classes,
    accepted,
    optedOut,
    notAllowed,
    // The day the messages go out (a scheduled send: the China date it is scheduled for) decides the cap.
    cap: await contractDailyCap(db, contract.id, toChinaDate(scheduledAt ?? now)),
    quotaDay: toChinaDate(scheduledAt ?? now),
    scheduledAt,
  };
}

/** What a send would do, without doing it: counts of who is skipped and why, segments and quota. */
export async function previewSendJob(
  db: DbTx,
  enterpriseId: string,
  input: SendJobInput,
  now: Date,
): Promise<SendPreview> {
  const p = await prepare(db, enterpriseId, input, now, "preview");
  const reserved = await reservedOn(db, enterpriseId, p.quotaDay);
  return {
    signature: p.signature,
    fullText: p.fullText,
    encoding: p.encoding,
    characters: p.characters,
    segmentsPerMessage: p.segmentsPerMessage,
    recipients: p.mobiles.length + p.invalid.length,
    accepted: p.accepted.length,
    optedOut: p.optedOut,
    notAllowed: p.notAllowed,
    invalid: p.invalid.length,
    segments: p.accepted.length * p.segmentsPerMessage,
    quotaRemaining: Math.max(0, p.cap - reserved),
    dailyCap: p.cap,
    quotaDay: formatChinaDate(p.quotaDay),
    verdict: p.screen.verdict,
    blockTerms: p.screen.blockTerms,
    reviewTerms: p.screen.reviewTerms,
  };
}

/** The refusal when no recipient is left: the one reason all of them share, else the broadest. */
function noRecipientError(p: Prepared): AppError {
  const counts = { optedOut: p.optedOut, notAllowed: p.notAllowed, invalid: p.invalid.length };
  if (p.mobiles.length === 0 && p.invalid.length === 0) return new AppError("NO_RECIPIENTS");
  if (p.mobiles.length === 0) return new AppError("INVALID_NUMBER", counts);
  if (p.notAllowed === 0) return new AppError("OPTED_OUT", counts);
  return new AppError("RECIPIENT_NOT_ALLOWED", counts);
}

export async function acceptSendJob(
  db: Db,
  actor: Actor & { enterpriseId: string },
  input: SendJobInput,
  now: Date,
): Promise<AcceptedSendJob> {
  const enterpriseId = actor.enterpriseId;
  const p = await prepare(db, enterpriseId, input, now, "accept");
  if (p.screen.verdict === "BLOCK") {
    // Nothing is sent, but the attempt goes on the enterprise's record (乙方 3: violations are
    // recorded against the enterprise) and on the audit trail, together.
    const terms = p.screen.blockTerms.join("、");
    await db.$transaction(async (tx) => {
      await recordAudit(
        tx,
        actor,
        {
          action: "sending.content.blocked",
          entityType: "SendJob",
          enterpriseId,
          detail: { terms: p.screen.blockTerms, source: input.source, apiKeyId: input.apiKeyId ?? null },
        },
        now,
      );
      await recordViolation(tx, actor, { enterpriseId, kind: "CONTENT_BLOCKED", detail: terms }, now);
    });
    throw new AppError("CONTENT_BLOCKED", { terms });
  }
  if (p.accepted.length === 0) throw noRecipientError(p);

  const requested = p.accepted.length * p.segmentsPerMessage;
  // Cheap early refusal before writing a large job; the conditional UPDATE in the transaction is
  // what actually guarantees the cap.
  const reservedBefore = await reservedOn(db, enterpriseId, p.quotaDay);
  if (reservedBefore + requested > p.cap) {
    throw new AppError("DAILY_CAP_EXCEEDED", { remaining: Math.max(0, p.cap - reservedBefore), requested, cap: p.cap });
  }

  const status: SendJobStatus =
    p.screen.verdict === "REVIEW" ? "HELD_FOR_REVIEW" : p.scheduledAt ? "SCHEDULED" : "QUEUED";
  const skipped = p.optedOut + p.notAllowed + p.invalid.length;
  const mobiles: string[] = [];
  const statuses: string[] = [];
  const references: number[] = [];
  p.mobiles.forEach((mobile, i) => {
    const verdict = p.classes.get(mobile) ?? "NOT_ALLOWED";
    mobiles.push(mobile);
    statuses.push(verdict === "ALLOWED" ? "PENDING" : verdict);
    // The concatenation reference only has to differ between long messages to the same handset
    // that could be in flight together; rotating through the job does that.
    references.push(i % 256);
  });

  const { jobId, ids } = await db.$transaction(
    async (tx) => {
      const job = await tx.sendJob.create({
        data: {
          enterpriseId,
          source: input.source,
          createdById: actor.userId,
          apiKeyId: input.apiKeyId ?? null,
          clientRef: input.clientRef ?? null,
          purpose: input.purpose,
          content: input.content.trim(),
          signature: p.signature,
          fullText: p.fullText,
          encoding: p.encoding,
          segmentsPerMessage: p.segmentsPerMessage,
          status,
          scheduledAt: p.scheduledAt,
          recipientCount: p.mobiles.length + p.invalid.length,
          acceptedCount: p.accepted.length,
          skippedCount: skipped,
          reservedSegments: requested,
          quotaDay: toDbDate(p.quotaDay),
          heldTerms: p.screen.reviewTerms,
          createdAt: now,
        },
        select: { id: true },
      });
      // One set-based statement for all the job's messages, however many.
      const rows = await tx.$queryRaw<{ id: string; mobile: string }[]>`
        INSERT INTO "Message" ("jobId", "enterpriseId", "mobile", "status", "segments", "udhReference", "finalAt", "createdAt")
        SELECT ${job.id}, ${enterpriseId}, r.mobile, r.status::"MessageStatus", ${p.segmentsPerMessage}::int, r.ref,
               CASE WHEN r.status = 'PENDING' THEN NULL ELSE ${now}::timestamp END, ${now}::timestamp
        FROM unnest(${mobiles}::text[], ${statuses}::text[], ${references}::int[]) AS r(mobile, status, ref)
        RETURNING "id"::text AS id, "mobile"`;
      await reserveDailyQuota(tx, enterpriseId, p.quotaDay, requested, p.cap);
      if (status === "QUEUED") await sendEvent(tx, jobAcceptedEvent(job.id));
      await recordAudit(
        tx,
        actor,
        {
          action: "sending.job.accepted",
          entityType: "SendJob",
          entityId: job.id,
          enterpriseId,
          detail: {
            source: input.source,
            status,
            purpose: input.purpose,
            accepted: p.accepted.length,
            skipped,
            segments: requested,
            heldTerms: p.screen.reviewTerms,
            scheduledAt: p.scheduledAt?.toISOString() ?? null,
          },
        },
        now,
      );
      return { jobId: job.id, ids: new Map(rows.map((r) => [r.mobile, r.id])) };
    },
    { timeout: 120_000, maxWait: 30_000 },
  );

  const recipients: AcceptedSendJob["recipients"] = p.mobiles.map((mobile) => {
    const verdict = p.classes.get(mobile) ?? "NOT_ALLOWED";
    const messageId = ids.get(mobile);
    return { to: mobile, status: verdict === "ALLOWED" ? "ACCEPTED" : verdict, ...(messageId ? { messageId } : {}) };
  });
  for (const raw of p.invalid) recipients.push({ to: raw, status: "INVALID_NUMBER" });
  return { jobId, status, segmentsPerMessage: p.segmentsPerMessage, accepted: p.accepted.length, skipped, recipients };
}
