// Delivery receipts, applied in batches (set-based: one statement per step, however many).
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
import type { DbTx, Db } from "../db";
import { normalizeMobile } from "../phone";
import { completeFinishedJobs, queueWebhookDeliveries } from "./finalize";
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

/** Applies final receipts in one transaction. Non-final receipts (enroute, ...) are ignored. */
export async function applyReceipts(db: Db, receipts: readonly ReceiptInput[], now: Date): Promise<ApplyResult> {
  const relevant: { receipt: ReceiptInput; outcome: ReceiptOutcome }[] = [];
  for (const receipt of receipts) {
    const outcome = receiptOutcome(receipt.state);
    if (outcome) relevant.push({ receipt, outcome });
  }
  if (relevant.length === 0) return { applied: 0, finalised: 0, unknown: [] };
  const result = await db.$transaction(
    async (tx) => {
      const matched = await updateSegments(tx, relevant, now);
      // One-segment messages were finalised by the same statement; long ones are rolled up here.
      const finalised = matched.flatMap((m) => (m.finalJobId ? [{ id: m.messageId, jobId: m.finalJobId }] : []));
      const done = new Set(finalised.map((m) => m.id));
      finalised.push(...(await rollUpMessages(tx, [...new Set(matched.filter((m) => !done.has(m.messageId)).map((m) => m.messageId))], now)));
      await queueWebhookDeliveries(tx, finalised.map((m) => m.id), now);
      const matchedIds = new Set(matched.map((m) => m.smscId));
      return { matched, finalised, unknown: relevant.map((r) => r.receipt).filter((r) => !matchedIds.has(r.smscId)) };
    },
    { timeout: 60_000, maxWait: 30_000 },
  );
  // After the commit: two batches applied side by side (./inbound.ts) may each finish one segment
  // of the same long message, or the last messages of the same job, and each saw the other's still
  // open inside its transaction; here the later one sees both. (Should the process stop in between,
  // the expiry sweep rolls such a message up before it would expire it.)
  const finalisedIds = new Set(result.finalised.map((m) => m.id));
  const stillOpen = [...new Set(result.matched.filter((m) => !m.finalJobId && !finalisedIds.has(m.messageId)).map((m) => m.messageId))];
  if (stillOpen.length > 0) {
    const late = await db.$transaction(async (tx) => {
      const rolled = await rollUpMessages(tx, stillOpen, now);
      await queueWebhookDeliveries(tx, rolled.map((m) => m.id), now);
      return rolled;
    });
    result.finalised.push(...late);
  }
  await completeFinishedJobs(db, result.finalised.map((m) => m.jobId), now);
  return { applied: result.matched.length, finalised: result.finalised.length, unknown: result.unknown };
}

async function updateSegments(tx: DbTx, relevant: { receipt: ReceiptInput; outcome: ReceiptOutcome }[], now: Date) {
  const ids = relevant.map((r) => r.receipt.smscId);
  const statuses = relevant.map((r) => r.outcome);
  const stats = relevant.map((r) => r.receipt.stat);
  const errors = relevant.map((r) => r.receipt.errorCode);
  return tx.$queryRaw<{ messageId: string; smscId: string; finalJobId: string | null }[]>`
    WITH r AS (
      SELECT * FROM unnest(${ids}::text[], ${statuses}::text[], ${stats}::text[], ${errors}::text[]) AS r(smsc_id, status, stat, err)
    ), t AS (
      SELECT DISTINCT ON (s."smscId") s."messageId", s."seq", r.status, r.stat, r.err
      FROM "MessageSegment" s JOIN r ON s."smscId" = r.smsc_id
      WHERE s."status" IN ('SUBMITTED', 'UNKNOWN')
      ORDER BY s."smscId", s."submittedAt" DESC NULLS LAST, s."messageId" DESC
    ), seg AS (
      UPDATE "MessageSegment" s
      SET "status" = t.status::"MessageStatus", "receiptAt" = ${now}::timestamp, "receiptStat" = t.stat, "errorCode" = t.err
      FROM t WHERE s."messageId" = t."messageId" AND s."seq" = t."seq"
      RETURNING s."messageId", s."smscId", s."status", s."errorCode"
    ), single AS (
      -- A one-segment message takes its segment's state at once.
      UPDATE "Message" m
      SET "status" = seg."status", "finalAt" = ${now}::timestamp,
          "errorCode" = CASE WHEN seg."status" = 'DELIVERED' THEN NULL ELSE seg."errorCode" END
      FROM seg WHERE m."id" = seg."messageId" AND m."segments" = 1 AND m."status" IN ('SUBMITTED', 'UNKNOWN')
      RETURNING m."id", m."jobId"
    )
    SELECT seg."messageId"::text AS "messageId", seg."smscId", single."jobId" AS "finalJobId"
    FROM seg LEFT JOIN single ON single."id" = seg."messageId"`;
}

/**
 * Open messages among these whose segments are now all final get their message state. Returns
 * the messages finalised, with their jobs.
 */
export async function rollUpMessages(tx: DbTx, messageIds: readonly string[], now: Date): Promise<{ id: string; jobId: string }[]> {
  if (messageIds.length === 0) return [];
  return tx.$queryRaw<{ id: string; jobId: string }[]>`
    WITH agg AS (
      SELECT s."messageId" AS id,
             bool_and(s."status" IN ('DELIVERED', 'UNDELIVERED', 'EXPIRED', 'REJECTED')) AS done,
             max(CASE s."status" WHEN 'REJECTED' THEN 3 WHEN 'UNDELIVERED' THEN 2 WHEN 'EXPIRED' THEN 1 ELSE 0 END) AS worst,
             (array_agg(s."errorCode" ORDER BY s."seq") FILTER (WHERE s."status" <> 'DELIVERED'))[1] AS err,
             count(*) AS n
      FROM "MessageSegment" s
      WHERE s."messageId" = ANY(${messageIds}::bigint[])
      GROUP BY s."messageId"
    )
    UPDATE "Message" m
    SET "status" = (CASE agg.worst WHEN 3 THEN 'REJECTED' WHEN 2 THEN 'UNDELIVERED' WHEN 1 THEN 'EXPIRED' ELSE 'DELIVERED' END)::"MessageStatus",
        "finalAt" = ${now}::timestamp,
        "errorCode" = agg.err
    FROM agg
    WHERE m."id" = agg.id AND agg.done AND agg.n = m."segments" AND m."status" IN ('SUBMITTED', 'UNKNOWN')
    RETURNING m."id"::text AS id, m."jobId"`;
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
  return db.$transaction(async (tx) => {
    const adopted = await tx.$queryRaw<{ smscId: string; messageId: string }[]>`
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
      )
      UPDATE "MessageSegment" s SET "smscId" = o.smsc_id
      FROM o JOIN c ON c."mobile" = o."mobile" AND c.rn = o.rn
      WHERE s."messageId" = c."messageId" AND s."seq" = c."seq"
      RETURNING o.smsc_id AS "smscId", s."messageId"::text AS "messageId"`;
    if (adopted.length > 0) {
      // Metered now, on the China day it was submitted.
      await tx.$executeRaw`
        INSERT INTO "DailyUsage" ("enterpriseId", "day", "submittedSegments")
        SELECT m."enterpriseId", (s."submittedAt" + interval '8 hours')::date, count(*)::int
        FROM "MessageSegment" s JOIN "Message" m ON m."id" = s."messageId"
        WHERE s."smscId" = ANY(${adopted.map((a) => a.smscId)}::text[]) AND s."status" = 'UNKNOWN'
        GROUP BY 1, 2
        ON CONFLICT ("enterpriseId", "day") DO UPDATE SET "submittedSegments" = "DailyUsage"."submittedSegments" + EXCLUDED."submittedSegments"`;
    }
    return new Set(adopted.map((a) => a.smscId));
  });
}
