// Delivery receipts, applied in batches, set-based, however many: one statement per batch changes
// the segments, finalises the messages all of whose segments it holds and queues their webhooks; a
// second completes finished jobs; a third, only when the batch touched long messages it could not
// finalise, rolls them up from the table.
//
// A receipt names one segment by its SMSC message id (normalised by the SMPP layer, so the id in
// submit_sm_resp and in the receipt compare equal). It finishes that segment; a message is final
// once all its segments are: DELIVERED if every one was, else the worst (see ./status.ts). Only
// open segments (SUBMITTED or UNKNOWN) change: a final state is never overwritten, so a receipt
// the SMSC delivers twice changes nothing. Should an SMSC reuse ids (the simulator restarts its
// counter), the most recently submitted open segment with that id is the one meant.
//
// Receipts that match no open segment are orphans. The receipt applier (./inbound.ts) offers them
// to adoptOrphanReceipts (the rule for UNKNOWN submissions, see ./submit.ts) and refuses the rest,
// so the SMSC redelivers them once their submission has been recorded.
import { type DbTx, type Db, rawQuery } from "../db";
import { normalizeMobile } from "../phone";
import { Prisma } from "../generated/prisma/client";
import { completeFinishedJobs, webhookDeliveryInsert } from "./finalize";
import { type ReceiptOutcome, receiptOutcome } from "./status";

export interface ReceiptInput {
  /** The normalised SMSC message id. */
  smscId: string;
  /** The SMPP message state (delivered, undeliverable, ...). */
  state: string;
  /** The raw stat word, kept on the segment (carrier-specific words included). */
  stat: string | null;
  errorCode: string | null;
  /** The handset (the receipt's source address): used only to adopt an orphan. */
  recipient: string;
}

export interface ApplyResult {
  /** Segments changed. */
  applied: number;
  /** Messages that reached their final state. */
  finalised: number;
  /**
   * Receipts that matched no open segment: orphans. Usually the submission they report on is still
   * being recorded (or was cut off: see adoptOrphanReceipts); the caller refuses them so the SMSC
   * redelivers them. A receipt applied before and delivered again (the acknowledgement was lost in
   * a crash) lands here too and is dropped after the give-up time: ids are not unique enough to
   * tell it apart, because an SMSC (the simulator at every restart) may reuse them.
   */
  unknown: ReceiptInput[];
}

/** Applies final receipts. Non-final receipts (enroute, ...) are ignored. */
export async function applyReceipts(db: Db, receipts: readonly ReceiptInput[], now: Date): Promise<ApplyResult> {
  const relevant: { receipt: ReceiptInput; outcome: ReceiptOutcome }[] = [];
  for (const receipt of receipts) {
    const outcome = receiptOutcome(receipt.state);
    if (outcome) relevant.push({ receipt, outcome });
  }
  if (relevant.length === 0) return { applied: 0, finalised: 0, unknown: [] };
  // One statement changes the segments, finalises the messages whose segments are all in this
  // batch (every one-segment message) and queues their webhooks.
  const rows = await applyStatement(db, relevant, now);
  // A message with several segments in the batch has a row for each.
  const finalised = [...new Map(rows.flatMap((r) => (r.finalJobId ? [[r.messageId, { id: r.messageId, jobId: r.finalJobId }] as const] : []))).values()];
  // Long messages with segments outside this batch are rolled up from the table after the commit:
  // their other segments may have been finished by an earlier batch, or by one applied side by
  // side (./inbound.ts, or another process) that saw this one's still open; after both commits the
  // later roll-up sees both. Should the process stop in between, the expiry sweep rolls such a
  // message up before it would expire it.
  const stillOpen = [...new Set(rows.filter((r) => !r.finalJobId).map((r) => r.messageId))];
  if (stillOpen.length > 0) finalised.push(...(await rollUpMessages(db, stillOpen, now)));
  // After the commit, for the same reason: the last messages of a job may be finalised side by side.
  await completeFinishedJobs(db, finalised.map((m) => m.jobId), now);
  const matched = new Set(rows.map((r) => r.smscId));
  return { applied: rows.length, finalised: finalised.length, unknown: relevant.map((r) => r.receipt).filter((r) => !matched.has(r.smscId)) };
}

/**
 * The segments of one message (`messageId`, a column of the enclosing query), for a LATERAL join:
 * OFFSET 0 keeps the subquery from being flattened into a join, so each message costs one probe of
 * the primary key, never a scan of the whole table (which the planner picks when its statistics
 * lag behind a table that grows fast, as during a big send).
 */
function segmentsOf(messageId: Prisma.Sql): Prisma.Sql {
  return Prisma.sql`SELECT s."messageId", s."seq", s."status", s."errorCode" FROM "MessageSegment" s WHERE s."messageId" = ${messageId} OFFSET 0`;
}

const FINAL_SEGMENT = Prisma.sql`('DELIVERED', 'UNDELIVERED', 'EXPIRED', 'REJECTED')`;

/**
 * A message's state from its segments (rows `messageId, seq, status, errorCode` of `segments`):
 * the CTE body `agg` of the roll-up. Done when every segment given is final and they are as many
 * as the message has (rollUpUpdate checks); then DELIVERED if every one was, else the worst
 * (../status.ts SEGMENT_SEVERITY), with the first failed segment's error code.
 */
function rollUpAggregate(segments: Prisma.Sql): Prisma.Sql {
  return Prisma.sql`
    SELECT x."messageId" AS id,
           bool_and(x."status" IN ${FINAL_SEGMENT}) AS done,
           max(CASE x."status" WHEN 'REJECTED' THEN 3 WHEN 'UNDELIVERED' THEN 2 WHEN 'EXPIRED' THEN 1 ELSE 0 END) AS worst,
           (array_agg(x."errorCode" ORDER BY x."seq") FILTER (WHERE x."status" <> 'DELIVERED'))[1] AS err,
           count(*) AS n
    FROM ${segments} x
    GROUP BY x."messageId"`;
}

/** The UPDATE finalising the open messages that `agg` says are done. */
function rollUpUpdate(now: Date): Prisma.Sql {
  return Prisma.sql`
    UPDATE "Message" m
    SET "status" = (CASE agg.worst WHEN 3 THEN 'REJECTED' WHEN 2 THEN 'UNDELIVERED' WHEN 1 THEN 'EXPIRED' ELSE 'DELIVERED' END)::"MessageStatus",
        "finalAt" = ${now}::timestamp,
        "errorCode" = agg.err
    FROM agg
    WHERE m."id" = agg.id AND agg.done AND agg.n = m."segments" AND m."status" IN ('SUBMITTED', 'UNKNOWN')
    RETURNING m.*`;
}

interface AppliedRow {
  messageId: string;
  smscId: string;
  finalJobId: string | null;
}

async function applyStatement(db: Db, all: { receipt: ReceiptInput; outcome: ReceiptOutcome }[], now: Date): Promise<AppliedRow[]> {
  // The same receipt twice in one batch (redelivered meanwhile) is applied once: the first.
  const seen = new Set<string>();
  const relevant = all.filter((r) => !seen.has(r.receipt.smscId) && seen.add(r.receipt.smscId));
  const ids = relevant.map((r) => r.receipt.smscId);
  const statuses = relevant.map((r) => r.outcome);
  const stats = relevant.map((r) => r.receipt.stat);
  const errors = relevant.map((r) => r.receipt.errorCode);
  // A data-modifying CTE's changes are invisible to the rest of its statement (all parts see one
  // snapshot), so the message state comes from seg's RETURNING, for the messages all of whose
  // segments are in it (m.segments = n); the rest, and the job completion, are statements of their
  // own (applyReceipts). The UPDATE finds each segment by the row version (ctid) the same statement just read, and
  // repeats the open-status test: should a concurrent batch have finished the segment meanwhile,
  // PostgreSQL re-checks the test on the newest version and leaves it alone (exactly once).
  return rawQuery<AppliedRow>(db, Prisma.sql`
    WITH r AS (
      SELECT * FROM unnest(${ids}::text[], ${statuses}::text[], ${stats}::text[], ${errors}::text[]) AS r(smsc_id, status, stat, err)
    ), t AS (
      -- Per receipt, its segment by the smscId index (LATERAL ... LIMIT 1: index probes, never a
      -- scan of the table), addressed by its row version for the UPDATE below.
      SELECT x.ctid AS tid, r.status, r.stat, r.err
      FROM r CROSS JOIN LATERAL (
        SELECT s.ctid FROM "MessageSegment" s
        WHERE s."smscId" = r.smsc_id AND s."status" IN ('SUBMITTED', 'UNKNOWN')
        ORDER BY s."submittedAt" DESC NULLS LAST, s."messageId" DESC
        LIMIT 1) x
    ), seg AS (
      UPDATE "MessageSegment" s
      SET "status" = t.status::"MessageStatus", "receiptAt" = ${now}::timestamp, "receiptStat" = t.stat, "errorCode" = t.err
      FROM t WHERE s.ctid = t.tid AND s."status" IN ('SUBMITTED', 'UNKNOWN')
      RETURNING s."messageId", s."seq", s."smscId", s."status", s."errorCode"
    ), agg AS (${rollUpAggregate(Prisma.sql`seg`)}
    ), msg AS (${rollUpUpdate(now)}
    ), hooks AS (${webhookDeliveryInsert(Prisma.sql`msg`, now)}
    )
    SELECT seg."messageId"::text AS "messageId", seg."smscId", msg."jobId" AS "finalJobId"
    FROM seg LEFT JOIN msg ON msg."id" = seg."messageId"`);
}

/**
 * Open messages among these whose segments are now all final get their message state (and their
 * webhooks queued), in one statement. Returns the messages finalised, with their jobs.
 */
export async function rollUpMessages(tx: DbTx, messageIds: readonly string[], now: Date): Promise<{ id: string; jobId: string }[]> {
  if (messageIds.length === 0) return [];
  return rawQuery<{ id: string; jobId: string }>(tx, Prisma.sql`
    WITH agg AS (${rollUpAggregate(Prisma.sql`(SELECT o.* FROM unnest(${messageIds}::bigint[]) g(id) CROSS JOIN LATERAL (${segmentsOf(Prisma.sql`g.id`)}) o)`)}
    ), msg AS (${rollUpUpdate(now)}
    ), hooks AS (${webhookDeliveryInsert(Prisma.sql`msg`, now)}
    )
    SELECT msg."id"::text AS id, msg."jobId" FROM msg`);
}

/**
 * The rule for UNKNOWN submissions, applied to orphan receipts: a segment whose submit_sm was
 * written but never answered has no SMSC id, yet the carrier may have taken it and now reports on
 * it. An orphan receipt is matched to an UNKNOWN segment (of an UNKNOWN message) to the same
 * handset submitted within `windowMs`: orphans and candidates are paired per handset in order of
 * arrival and of submission. The segment takes the receipt's id (and is metered then: the carrier
 * evidently had it); the caller applies the receipt again, which now finds it. Returns the ids adopted.
 */
export async function adoptOrphanReceipts(db: Db, orphans: readonly ReceiptInput[], now: Date, windowMs: number): Promise<Set<string>> {
  const usable = orphans
    .map((r, ord) => ({ smscId: r.smscId, mobile: normalizeMobile(r.recipient), ord }))
    .filter((r): r is { smscId: string; mobile: string; ord: number } => r.mobile !== null);
  if (usable.length === 0) return new Set();
  const since = new Date(now.getTime() - windowMs);
  const ids = usable.map((r) => r.smscId);
  const mobiles = usable.map((r) => r.mobile);
  const order = usable.map((r) => r.ord);
  // One statement: the adoption and its metering commit together. The UPDATE re-checks that the
  // segment is still UNKNOWN without an id, so two adoptions side by side never take one segment.
  const adopted = await rawQuery<{ smscId: string }>(db, Prisma.sql`
    WITH o AS (
      SELECT r.smsc_id, r.mobile, row_number() OVER (PARTITION BY r.mobile ORDER BY r.ord) AS rn
      FROM unnest(${ids}::text[], ${mobiles}::text[], ${order}::int[]) AS r(smsc_id, mobile, ord)
      -- An id an open segment already has is not an orphan (its submission was just recorded).
      WHERE NOT EXISTS (SELECT 1 FROM "MessageSegment" x WHERE x."smscId" = r.smsc_id AND x.status IN ('SUBMITTED', 'UNKNOWN'))
    ), c AS (
      SELECT s."messageId", s."seq", m."mobile",
             row_number() OVER (PARTITION BY m."mobile" ORDER BY s."submittedAt", s."messageId", s."seq") AS rn
      FROM "Message" m JOIN "MessageSegment" s ON s."messageId" = m."id"
      WHERE m."status" = 'UNKNOWN' AND m."submittedAt" >= ${since}::timestamp AND m."mobile" = ANY(${mobiles}::text[])
        AND s."status" = 'UNKNOWN' AND s."smscId" IS NULL
    ), adopted AS (
      UPDATE "MessageSegment" s SET "smscId" = o.smsc_id
      FROM o JOIN c ON c."mobile" = o."mobile" AND c.rn = o.rn
      WHERE s."messageId" = c."messageId" AND s."seq" = c."seq" AND s."status" = 'UNKNOWN' AND s."smscId" IS NULL
      RETURNING s."smscId", s."messageId", s."submittedAt"
    ), metered AS (
      -- Metered now, on the China day it was submitted; the bureau's own notices (SendJob.system)
      -- are not the customer's usage and are never metered.
      INSERT INTO "DailyUsage" ("enterpriseId", "day", "submittedSegments")
      SELECT m."enterpriseId", (a."submittedAt" + interval '8 hours')::date, count(*)::int
      FROM adopted a JOIN "Message" m ON m."id" = a."messageId" JOIN "SendJob" j ON j."id" = m."jobId"
      WHERE NOT j."system"
      GROUP BY 1, 2
      ON CONFLICT ("enterpriseId", "day") DO UPDATE SET "submittedSegments" = "DailyUsage"."submittedSegments" + EXCLUDED."submittedSegments"
    )
    SELECT "smscId" FROM adopted`);
  return new Set(adopted.map((a) => a.smscId));
}
