// Delivery receipts, matched and applied from the carrier inbox (the CarrierInbox table; the
// process side is ./inbox.ts). Set-based however many: one statement stores a batch of receipts in
// the inbox and applies those whose segment is known, finalises the messages all of whose segments
// it holds and queues their webhooks; a second completes finished jobs; a third, only when the
// batch touched long messages it could not finalise, rolls them up from the table.
//
// Matching. A receipt names one segment by its SMSC message id (normalised by the SMPP layer, so
// the id in submit_sm_resp and in the receipt compare equal) AND its handset (the receipt's source
// address). SMSC ids are unique only per SMSC and per time window (an SMSC may start again from 0
// after a restart), so among the open segments (SUBMITTED or UNKNOWN) with that id submitted within
// the receipt timeout, the one to the receipt's handset is taken, the most recent first. When the
// only candidates go to another handset the receipt is recorded (note HANDSET_MISMATCH), never
// applied. A receipt whose handset cannot be read as a mobile number is matched by id alone.
//
// A receipt is final or not by its state (./status.ts receiptOutcome): ACCEPTD, ENROUTE and the like
// are kept as INTERMEDIATE and change nothing. A final receipt finishes its segment; a message is
// final once all its segments are: DELIVERED if every one was, else the worst (./status.ts). Only
// open segments change: a final state is never overwritten, so a receipt delivered twice changes
// nothing (the inbox marks the second DUPLICATE).
//
// A receipt that names no open segment yet stays PENDING in the inbox: usually its submit outcome
// is still being recorded (some SMSCs send the receipt before their own submit_sm_resp). It is
// applied the moment the outcome is (applyPendingReceipts, called by ./submit.ts with the ids it
// just recorded) or by the inbox sweep; one that reports on an UNKNOWN submission (written, never
// answered) adopts it by handset (adoptPendingReceipts). Whatever never matches is purged with the
// rest of the inbox after the receipt timeout.
import { type DbTx, type Db, rawQuery } from "../db";
import { normalizeMobile } from "../phone";
import { Prisma } from "../generated/prisma/client";
import { completeFinishedJobs, webhookDeliveryInsert } from "./finalize";
import { receiptOutcome } from "./status";

/** Why a PENDING receipt is not applied yet (CarrierInbox.note). */
export const PENDING_RECEIPT_NOTES = ["NO_SUBMISSION", "HANDSET_MISMATCH"] as const;
export type PendingReceiptNote = (typeof PENDING_RECEIPT_NOTES)[number];

/** A receipt as it arrived, for the inbox. */
export interface ReceiptInput {
  /** The normalised SMSC message id. */
  smscId: string;
  /** The SMPP message state (delivered, undeliverable, accepted, ...). */
  state: string;
  /** The raw stat word, kept on the segment (carrier-specific words included). */
  stat: string | null;
  errorCode: string | null;
  /** The handset (the receipt's source address), as sent. */
  recipient: string;
  /** Our address (the receipt's destination address). */
  address?: string;
  /** The upstream link it came on (e.g. "smpp:qixintong#1"). */
  link?: string;
  /** The whole deliver_sm. */
  raw?: Buffer;
  /** When it arrived (default: now). */
  receivedAt?: Date;
}

export interface ReceiveResult {
  /** Receipts applied to their segment now. */
  applied: number;
  /** Messages that reached their final state. */
  finalised: number;
  /** Final receipts that named no open segment yet: waiting in the inbox. */
  pending: number;
  /** Non-final receipts (ACCEPTD, ENROUTE, ...), kept. */
  intermediate: number;
}

export interface MatchOptions {
  /** Segments submitted longer ago than this are not candidates (the receipt timeout). */
  windowMs: number;
}

/**
 * The SMSC ids of receipts this process wrote as PENDING, with when: after recording outcomes,
 * ./submit.ts looks for waiting receipts only when one of its new ids is here, which spares a
 * statement per outcome batch when (as nearly always) none waits. Receipts another process wrote
 * are found by the inbox sweep (every second) instead.
 */
const pendingHere = new Map<string, number>();
const PENDING_HINT_MS = 10 * 60_000;

function notePending(smscIds: readonly string[], at: number): void {
  for (const id of smscIds) pendingHere.set(id, at);
  if (pendingHere.size > 100_000) {
    for (const [id, t] of pendingHere)
      if (at - t > PENDING_HINT_MS || pendingHere.size > 100_000) pendingHere.delete(id);
  }
}

/** Text from the carrier without NUL, which PostgreSQL text refuses (the raw PDU keeps the exact bytes). */
export function withoutNul(value: string): string;
export function withoutNul(value: string | null | undefined): string | null;
export function withoutNul(value: string | null | undefined): string | null {
  return value == null ? null : value.replace(/\u0000/g, "");
}
const clean = withoutNul;

/**
 * Stores receipts in the inbox and applies every final one whose segment is known, in one
 * statement: the receipt is durable and applied together, or neither. The rest wait (PENDING).
 */
export async function receiveReceipts(
  db: Db,
  receipts: readonly ReceiptInput[],
  now: Date,
  options: MatchOptions,
): Promise<ReceiveResult> {
  if (receipts.length === 0) return { applied: 0, finalised: 0, pending: 0, intermediate: 0 };
  const keys = receipts.map((_, i) => i);
  const outcomes = receipts.map((r) => receiptOutcome(r.state));
  const source = Prisma.sql`
    SELECT * FROM unnest(${keys}::bigint[], ${receipts.map((r) => clean(r.smscId))}::text[], ${outcomes}::text[],
                         ${receipts.map((r) => clean(r.stat))}::text[], ${receipts.map((r) => clean(r.errorCode))}::text[],
                         ${receipts.map((r) => normalizeMobile(r.recipient))}::text[], ${receipts.map((r) => clean(r.recipient) ?? "")}::text[],
                         ${receipts.map((r) => clean(r.address) ?? "")}::text[], ${receipts.map((r) => clean(r.link) ?? "")}::text[],
                         ${receipts.map((r) => clean(r.state) ?? "")}::text[], ${receipts.map((r) => (r.raw ?? Buffer.alloc(0)).toString("hex"))}::text[],
                         ${receipts.map((r) => r.receivedAt ?? now)}::timestamp[])
      AS r(key, smsc_id, outcome, stat, err, mobile, handset, address, link, state, raw, received_at)`;
  const record = Prisma.sql`
    INSERT INTO "CarrierInbox" ("kind", "status", "note", "link", "receivedAt", "handset", "mobile", "address", "smscId", "state", "outcome", "stat", "errorCode", "raw", "doneAt", "messageId", "seq")
    SELECT 'RECEIPT',
           (CASE WHEN seg.key IS NOT NULL THEN 'APPLIED' WHEN r.outcome IS NULL THEN 'INTERMEDIATE' ELSE 'PENDING' END)::"CarrierInboxStatus",
           CASE WHEN seg.key IS NULL AND r.outcome IS NOT NULL THEN (CASE WHEN c.agrees = false THEN 'HANDSET_MISMATCH' ELSE 'NO_SUBMISSION' END) END,
           r.link, r.received_at, r.handset, r.mobile, r.address, r.smsc_id, r.state, r.outcome::"MessageStatus", r.stat, r.err,
           decode(r.raw, 'hex'), CASE WHEN seg.key IS NOT NULL OR r.outcome IS NULL THEN ${now}::timestamp END, seg."messageId", seg."seq"
    FROM r LEFT JOIN seg ON seg.key = r.key LEFT JOIN c ON c.key = r.key`;
  const rows = await applyStatement(db, source, [record], now, options);
  const applied = rows.length;
  const done = new Set(rows.map((r) => Number(r.key)));
  notePending(
    receipts.flatMap((r, i) => (outcomes[i] !== null && !done.has(i) ? [r.smscId] : [])),
    now.getTime(),
  );
  const finalised = await afterApply(db, rows, now);
  const intermediate = outcomes.filter((o) => o === null).length;
  return { applied, finalised, pending: receipts.length - applied - intermediate, intermediate };
}

/**
 * Applies PENDING receipts of the inbox (those with these SMSC ids when given: the outcomes just
 * recorded; else the oldest `limit`). Receipts another process is applying are skipped. With
 * `onlyWrittenHere`, only ids this process wrote as pending are looked for (see pendingHere).
 */
export async function applyPendingReceipts(
  db: Db,
  now: Date,
  options: MatchOptions & { smscIds?: readonly string[]; onlyWrittenHere?: boolean; limit?: number },
): Promise<{ applied: number; finalised: number }> {
  const smscIds =
    options.smscIds && options.onlyWrittenHere ? options.smscIds.filter((id) => pendingHere.has(id)) : options.smscIds;
  if (smscIds && smscIds.length === 0) return { applied: 0, finalised: 0 };
  for (const id of smscIds ?? []) pendingHere.delete(id);
  const since = new Date(now.getTime() - options.windowMs);
  const byId = smscIds ? Prisma.sql`AND i."smscId" = ANY(${[...new Set(smscIds)]}::text[])` : Prisma.empty;
  const source = Prisma.sql`
    SELECT i."id" AS key, i."smscId" AS smsc_id, i."outcome"::text AS outcome, i."stat", i."errorCode" AS err, i."mobile"
    FROM "CarrierInbox" i
    WHERE i."status" = 'PENDING' AND i."kind" = 'RECEIPT' AND i."receivedAt" >= ${since}::timestamp ${byId}
    ORDER BY i."id" LIMIT ${options.limit ?? 5000}::int
    FOR UPDATE SKIP LOCKED`;
  // Two updates of the inbox, on different rows: the applied ones, and those whose only candidate
  // goes to another handset (noted for the gateway page).
  const applied = Prisma.sql`
    UPDATE "CarrierInbox" i SET "status" = 'APPLIED', "note" = NULL, "doneAt" = ${now}::timestamp, "messageId" = seg."messageId", "seq" = seg."seq"
    FROM seg WHERE i."id" = seg.key`;
  const noted = Prisma.sql`
    UPDATE "CarrierInbox" i SET "note" = 'HANDSET_MISMATCH'
    FROM c WHERE i."id" = c.key AND c.agrees = false AND i."note" IS DISTINCT FROM 'HANDSET_MISMATCH'`;
  const rows = await applyStatement(db, source, [applied, noted], now, options);
  return { applied: rows.length, finalised: await afterApply(db, rows, now) };
}

interface AppliedRow {
  /** The receipt's key in the statement's source. */
  key: string;
  messageId: string;
  finalJobId: string | null;
}

/** Long messages with segments outside the batch, and the jobs: after the commit (see below). */
async function afterApply(db: Db, rows: readonly AppliedRow[], now: Date): Promise<number> {
  if (rows.length === 0) return 0;
  // A message with several segments in the batch has a row for each.
  const finalised = [
    ...new Map(
      rows.flatMap((r) => (r.finalJobId ? [[r.messageId, { id: r.messageId, jobId: r.finalJobId }] as const] : [])),
    ).values(),
  ];
  // Long messages with segments outside this batch are rolled up from the table after the commit:
  // their other segments may have been finished by an earlier batch, or by one applied side by
  // side (another process, or the sweep) that saw this one's still open; after both commits the
  // later roll-up sees both. Should the process stop in between, the expiry sweep rolls such a
  // message up before it would expire it.
  const stillOpen = [...new Set(rows.filter((r) => !r.finalJobId).map((r) => r.messageId))];
  if (stillOpen.length > 0) finalised.push(...(await rollUpMessages(db, stillOpen, now)));
  // After the commit, for the same reason: the last messages of a job may be finalised side by side.
  await completeFinishedJobs(
    db,
    finalised.map((m) => m.jobId),
    now,
  );
  return finalised.length;
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

/**
 * The matching and applying statement. `source` gives the receipts as rows (key, smsc_id, outcome,
 * stat, err, mobile: the outcome null for a non-final receipt, the mobile null when unreadable);
 * `writes` are the data-modifying CTE bodies that write the inbox side (they may use r, c and seg).
 *
 * A data-modifying CTE's changes are invisible to the rest of its statement (all parts see one
 * snapshot), so the message state comes from seg's RETURNING, for the messages all of whose
 * segments are in it (m.segments = n); the rest, and the job completion, are statements of their
 * own (afterApply). The UPDATE finds each segment by the row version (ctid) the same statement
 * just read, and repeats the open-status test: should a concurrent batch have finished the segment
 * meanwhile, PostgreSQL re-checks the test on the newest version and leaves it alone (exactly once).
 */
async function applyStatement(
  db: Db,
  source: Prisma.Sql,
  writes: readonly Prisma.Sql[],
  now: Date,
  options: MatchOptions,
): Promise<AppliedRow[]> {
  const since = new Date(now.getTime() - options.windowMs);
  const inbox = Prisma.join(
    writes.map(
      (w, i) => Prisma.sql`, ${Prisma.raw(`inbox${i}`)} AS (${w}
)`,
    ),
    "",
  );
  return rawQuery<AppliedRow>(
    db,
    Prisma.sql`
    WITH r AS (${source}
    ), c AS (
      -- Per final receipt, its best candidate by the smscId index (LATERAL ... LIMIT 1: index
      -- probes, never a scan of the table): an open segment with that id submitted within the
      -- window, to the receipt's handset first, then the most recent.
      SELECT r.key, x.tid, x.agrees
      FROM r CROSS JOIN LATERAL (
        SELECT s.ctid AS tid, (r.mobile IS NULL OR m."mobile" = r.mobile) AS agrees
        FROM "MessageSegment" s JOIN "Message" m ON m."id" = s."messageId"
        WHERE s."smscId" = r.smsc_id AND s."status" IN ('SUBMITTED', 'UNKNOWN') AND s."submittedAt" >= ${since}::timestamp
        ORDER BY (r.mobile IS NULL OR m."mobile" = r.mobile) DESC, s."submittedAt" DESC, s."messageId" DESC, s."seq" DESC
        LIMIT 1) x
      WHERE r.outcome IS NOT NULL
    ), t AS (
      -- The same receipt twice in one batch (delivered again meanwhile) is applied once: the first.
      SELECT DISTINCT ON (c.tid) c.key, c.tid, r.outcome, r.stat, r.err
      FROM c JOIN r ON r.key = c.key
      WHERE c.agrees
      ORDER BY c.tid, c.key
    ), seg AS (
      UPDATE "MessageSegment" s
      SET "status" = t.outcome::"MessageStatus", "receiptAt" = ${now}::timestamp, "receiptStat" = t.stat, "errorCode" = t.err
      FROM t WHERE s.ctid = t.tid AND s."status" IN ('SUBMITTED', 'UNKNOWN')
      RETURNING s."messageId", s."seq", s."smscId", s."status", s."errorCode", t.key
    ), agg AS (${rollUpAggregate(Prisma.sql`seg`)}
    ), msg AS (${rollUpUpdate(now)}
    ), hooks AS (${webhookDeliveryInsert(Prisma.sql`msg`, now)}
    )${inbox}
    SELECT seg.key::text AS key, seg."messageId"::text AS "messageId", msg."jobId" AS "finalJobId"
    FROM seg LEFT JOIN msg ON msg."id" = seg."messageId"`,
  );
}

/**
 * Open messages among these whose segments are now all final get their message state (and their
 * webhooks queued), in one statement. Returns the messages finalised, with their jobs.
 */
export async function rollUpMessages(
  tx: DbTx,
  messageIds: readonly string[],
  now: Date,
): Promise<{ id: string; jobId: string }[]> {
  if (messageIds.length === 0) return [];
  return rawQuery<{ id: string; jobId: string }>(
    tx,
    Prisma.sql`
    WITH agg AS (${rollUpAggregate(Prisma.sql`(SELECT o.* FROM unnest(${messageIds}::bigint[]) g(id) CROSS JOIN LATERAL (${segmentsOf(Prisma.sql`g.id`)}) o)`)}
    ), msg AS (${rollUpUpdate(now)}
    ), hooks AS (${webhookDeliveryInsert(Prisma.sql`msg`, now)}
    )
    SELECT msg."id"::text AS id, msg."jobId" FROM msg`,
  );
}

/**
 * The rule for UNKNOWN submissions, applied to PENDING receipts that arrived at least `graceMs` ago
 * (so their own submission had time to be recorded): a segment whose submit_sm was written but
 * never answered has no SMSC id, yet the carrier may have taken it and now reports on it. Such a
 * receipt adopts an UNKNOWN segment (of an UNKNOWN message) to the same handset submitted within
 * the window: receipts and candidates are paired per handset in order of arrival and of submission.
 * The segment takes the receipt's id (and is metered then: the carrier evidently had it), and the
 * receipt is applied. Returns the receipts adopted.
 */
export async function adoptPendingReceipts(
  db: Db,
  now: Date,
  options: MatchOptions & { graceMs: number; limit?: number },
): Promise<number> {
  const since = new Date(now.getTime() - options.windowMs);
  const settled = new Date(now.getTime() - options.graceMs);
  // One statement: the adoption and its metering commit together. The UPDATE re-checks that the
  // segment is still UNKNOWN without an id, so two adoptions side by side never take one segment.
  const adopted = await rawQuery<{ smscId: string }>(
    db,
    Prisma.sql`
    WITH p AS (
      SELECT i."id", i."smscId" AS smsc_id, i."mobile"
      FROM "CarrierInbox" i
      WHERE i."status" = 'PENDING' AND i."kind" = 'RECEIPT' AND i."outcome" IS NOT NULL AND i."mobile" IS NOT NULL
        AND i."receivedAt" >= ${since}::timestamp AND i."receivedAt" < ${settled}::timestamp
        -- An id an open segment already has is not an orphan (it is applied by id).
        AND NOT EXISTS (SELECT 1 FROM "MessageSegment" x WHERE x."smscId" = i."smscId" AND x."status" IN ('SUBMITTED', 'UNKNOWN'))
      ORDER BY i."id" LIMIT ${options.limit ?? 5000}::int
      FOR UPDATE SKIP LOCKED
    ), o AS (
      SELECT p.smsc_id, p.mobile, row_number() OVER (PARTITION BY p.mobile ORDER BY p."id") AS rn FROM p
    ), c AS (
      SELECT s."messageId", s."seq", m."mobile",
             row_number() OVER (PARTITION BY m."mobile" ORDER BY s."submittedAt", s."messageId", s."seq") AS rn
      FROM "Message" m JOIN "MessageSegment" s ON s."messageId" = m."id"
      WHERE m."status" = 'UNKNOWN' AND m."submittedAt" >= ${since}::timestamp AND m."mobile" IN (SELECT mobile FROM p)
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
    SELECT "smscId" FROM adopted`,
  );
  if (adopted.length === 0) return 0;
  const result = await applyPendingReceipts(db, now, {
    windowMs: options.windowMs,
    smscIds: adopted.map((a) => a.smscId),
  });
  return result.applied;
}

/**
 * PENDING receipts at least `graceMs` old whose segment (same id and handset) is already final
 * were delivered again (an acknowledgement lost, or the SMSC's own retry): DUPLICATE, done.
 */
export async function markDuplicateReceipts(
  db: Db,
  now: Date,
  options: MatchOptions & { graceMs: number; limit?: number },
): Promise<number> {
  const since = new Date(now.getTime() - options.windowMs);
  const settled = new Date(now.getTime() - options.graceMs);
  const rows = await rawQuery<{ id: string }>(
    db,
    Prisma.sql`
    WITH p AS (
      SELECT i."id", i."smscId", i."mobile" FROM "CarrierInbox" i
      WHERE i."status" = 'PENDING' AND i."kind" = 'RECEIPT' AND i."receivedAt" >= ${since}::timestamp AND i."receivedAt" < ${settled}::timestamp
      ORDER BY i."id" LIMIT ${options.limit ?? 5000}::int
      FOR UPDATE SKIP LOCKED
    ), d AS (
      SELECT p."id", x."messageId", x."seq" FROM p CROSS JOIN LATERAL (
        SELECT s."messageId", s."seq" FROM "MessageSegment" s JOIN "Message" m ON m."id" = s."messageId"
        WHERE s."smscId" = p."smscId" AND s."status" NOT IN ('SUBMITTED', 'UNKNOWN') AND s."receiptAt" IS NOT NULL
          AND (p."mobile" IS NULL OR m."mobile" = p."mobile") AND s."submittedAt" >= ${since}::timestamp
        ORDER BY s."submittedAt" DESC LIMIT 1) x
    )
    UPDATE "CarrierInbox" i SET "status" = 'DUPLICATE', "note" = NULL, "doneAt" = ${now}::timestamp, "messageId" = d."messageId", "seq" = d."seq"
    FROM d WHERE i."id" = d."id"
    RETURNING i."id"::text AS id`,
  );
  return rows.length;
}
