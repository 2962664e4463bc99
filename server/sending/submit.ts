// Handing a job's messages to the carrier: planning batches, and submitting one batch through the
// SMPP pool, recording what came back. All writes are set-based, one statement per chunk and step.
//
// Crash safety (the rule for work cut off midway):
// - A message is claimed (PENDING -> SUBMITTING, committed) before any of its segments is handed to
//   the pool, and its outcome is recorded as soon as the pool has answered for all its segments:
//   outcomes are written in small batches by time (every SENDING_RECORD_MS, or at once when a
//   chunk's worth is ready), not once a whole chunk is answered, so a receipt rarely arrives before
//   its segment's carrier id is known (one that does waits in the carrier inbox and is applied right
//   after its outcome is recorded: applyPendingReceipts, when this process wrote it; else within a
//   second by the inbox sweep). So after a crash, PENDING
//   means "never handed to the pool" and is submitted when the batch resumes; SUBMITTING means "may
//   have reached the carrier".
// - A batch is run by exactly one function run (the batch event's id is deterministic), so when the
//   batch starts again (a retry, or the runner's sweep after a crash) any SUBMITTING message of its
//   range was cut off: it becomes UNKNOWN, with UNKNOWN segment rows, and is NEVER submitted again.
// - The same holds for outcomes the pool reports as unknown (written, never answered: the link
//   dropped or the response timed out).
// - An UNKNOWN segment is reconciled by the carrier's own report: a receipt whose SMSC id we never
//   recorded (an orphan) is matched to an UNKNOWN segment to the same handset submitted within the
//   receipt timeout (./receipts.ts adoptPendingReceipts), and then applied like any receipt. One
//   that no receipt claims becomes EXPIRED by the sweep after SENDING_RECEIPT_TIMEOUT_MINUTES
//   (./sweep.ts). Its quota stays used (it may have been sent); it is metered only once adopted.
// - Segments the pool says it never sent (QUEUE_TIMEOUT, POOL_CLOSED, or a retryable refusal)
//   go back to PENDING and are submitted again by a later attempt of the batch; a message that is
//   still not sent on the batch's last attempt becomes FAILED and its quota is given back.
//
// The bureau's own notices (SendJob.system, server/mail/bureau-sms.ts) go the same way, except that
// they pass no contract gate (a suspension notice must reach a suspended customer), reserve no
// quota to give back and are never metered into DailyUsage.
import { toChinaDate, toDbDate } from "../clock";
import { assertCanSend } from "../contracts/lifecycle";
import { type Db, type DbTx, rawQuery } from "../db";
import { isAppError } from "../errors";
import { type SegmentOutcome, type SegmentSubmission, type SmppPool } from "../smpp";
import { encodeMessage, type EncodedMessage } from "../smpp/codec";
import { Prisma } from "../generated/prisma/client";
import { afterMessagesFinal, completeFinishedJobs } from "./finalize";
import { releaseDailyQuota } from "./quota";
import { applyPendingReceipts } from "./receipts";

export interface BatchRange {
  batch: number;
  fromId: bigint;
  toId: bigint;
}

/**
 * Marks a QUEUED job SENDING and splits its PENDING messages into batches of about
 * `segmentsPerBatch` segments (contiguous id ranges). A job already SENDING (the step cut off before it was recorded) is
 * planned again the same way; any other state plans nothing.
 */
export async function startJob(
  db: Db,
  jobId: string,
  segmentsPerBatch: number,
  now: Date,
): Promise<{ status: string; enterpriseId: string | null; batches: BatchRange[] }> {
  return db.$transaction(async (tx) => {
    // Conditional, so a cancellation holding the job's lock wins or loses cleanly.
    await tx.$executeRaw`UPDATE "SendJob" SET status = 'SENDING', "startedAt" = ${now}::timestamp WHERE id = ${jobId} AND status = 'QUEUED'`;
    const job = await tx.sendJob.findUnique({
      where: { id: jobId },
      select: { status: true, segmentsPerMessage: true, enterpriseId: true },
    });
    if (!job) return { status: "MISSING", enterpriseId: null, batches: [] };
    if (job.status !== "SENDING") return { status: job.status, enterpriseId: job.enterpriseId, batches: [] };
    const messagesPerBatch = Math.max(1, Math.floor(segmentsPerBatch / job.segmentsPerMessage));
    const rows = await tx.$queryRaw<{ batch: number; fromId: bigint; toId: bigint }[]>`
      SELECT b AS batch, min(id) AS "fromId", max(id) AS "toId"
      FROM (SELECT id, ((row_number() OVER (ORDER BY id)) - 1) / ${messagesPerBatch}::int AS b
            FROM "Message" WHERE "jobId" = ${jobId} AND status = 'PENDING') t
      GROUP BY b ORDER BY b`;
    if (rows.length === 0) await completeFinishedJobs(tx, [jobId], now);
    return {
      status: "SENDING",
      enterpriseId: job.enterpriseId,
      batches: rows.map((r) => ({ batch: Number(r.batch), fromId: BigInt(r.fromId), toId: BigInt(r.toId) })),
    };
  });
}

export interface BatchDeps {
  db: Db;
  pool: SmppPool;
  /** Messages claimed and recorded together. */
  chunk: number;
  /** Chunks handed to the pool before the oldest is recorded. */
  chunksInFlight: number;
  /** Outcomes come back one by one and are recorded at least this often (ms). */
  recordMs: number;
  /** The receipt timeout: how far back a pending receipt's segment may have been submitted. */
  receiptWindowMs: number;
  now: () => Date;
  log?: (message: string, fields?: Record<string, unknown>) => void;
}

export interface BatchReport {
  submitted: number;
  accepted: number;
  rejected: number;
  unknown: number;
  /** Messages the pool never sent; back to PENDING (or FAILED on the last attempt). */
  notSent: number;
  failed: number;
  /** Messages found SUBMITTING from an attempt cut off before: now UNKNOWN. */
  cutOff: number;
  stopped: string | null;
}

/** Thrown when messages of the batch could not be handed over and a later attempt should try again. */
export class BatchIncompleteError extends Error {
  constructor(readonly notSent: number) {
    super(`${notSent} messages could not be handed to the carrier yet; the batch will try again`);
    this.name = "BatchIncompleteError";
  }
}

interface Claimed {
  id: string;
  mobile: string;
  udhReference: number;
}

/**
 * Submits the PENDING messages of one batch. Returns what happened; throws BatchIncompleteError
 * when some could not be handed over and this is not the last attempt.
 */
export async function submitBatch(
  deps: BatchDeps,
  jobId: string,
  range: { fromId: bigint; toId: bigint },
  options: { lastAttempt: boolean },
): Promise<BatchReport> {
  const { db } = deps;
  const report: BatchReport = {
    submitted: 0,
    accepted: 0,
    rejected: 0,
    unknown: 0,
    notSent: 0,
    failed: 0,
    cutOff: 0,
    stopped: null,
  };
  const job = await db.sendJob.findUnique({
    where: { id: jobId },
    select: {
      status: true,
      enterpriseId: true,
      fullText: true,
      segmentsPerMessage: true,
      quotaDay: true,
      system: true,
    },
  });
  if (!job || job.status !== "SENDING") {
    report.stopped = job?.status ?? "MISSING";
    return report;
  }
  report.cutOff = await markCutOffUnknown(db, jobId, range, deps.now());

  try {
    if (!job.system) await assertCanSend(db, job.enterpriseId, deps.now());
  } catch (error) {
    if (!isAppError(error)) throw error;
    // Suspended or ended while the job was sending: what is not yet sent is not sent.
    report.failed = await failPending(db, jobId, range, error.code, deps.now());
    report.stopped = error.code;
    return report;
  }

  const encodings = new Map<number, EncodedMessage>();
  const encoded = (reference: number) => {
    let e = encodings.get(reference);
    if (!e) {
      e = encodeMessage(job.fullText, { reference });
      encodings.set(reference, e);
    }
    return e;
  };

  const recorder = new OutcomeRecorder(
    deps,
    { jobId, enterpriseId: job.enterpriseId, quotaDay: job.quotaDay, system: job.system },
    report,
  );
  const inFlight: Promise<void>[] = [];
  try {
    for (;;) {
      // Claim no further ahead than the pool can send: what is claimed but not yet written to the
      // carrier is what a crash turns into UNKNOWN (see the header), so with a rate-limited account
      // the next chunk waits until the pool's queue has drained below one chunk.
      while (inFlight.length > 0 && deps.pool.status().queued >= deps.chunk) await inFlight.shift();
      const claimed = await claimChunk(db, jobId, range, deps.chunk, deps.now());
      if (claimed.length === 0) break;
      const submissions: SegmentSubmission[] = [];
      for (const m of claimed) {
        const e = encoded(m.udhReference);
        for (const s of e.segments) {
          submissions.push({
            segmentKey: `${m.id}:${s.sequence}`,
            destination: m.mobile,
            dataCoding: e.dataCoding,
            udh: s.udh,
            shortMessage: s.payload,
          });
        }
        recorder.expect(m, e.segments.length);
      }
      report.submitted += claimed.length;
      const chunkRecorded = recorder.chunk();
      // Outcomes are recorded as they come back (OutcomeRecorder), while later chunks are on the wire.
      void deps.pool.submit(submissions, { onOutcome: (outcome) => recorder.settled(outcome) });
      inFlight.push(chunkRecorded);
      if (inFlight.length >= deps.chunksInFlight) await inFlight.shift();
    }
    await Promise.all(inFlight);
  } finally {
    // A failed recording leaves its messages SUBMITTING: the next attempt makes them UNKNOWN.
    for (const p of inFlight) p.catch(() => {});
  }

  if (report.notSent > 0) {
    if (!options.lastAttempt) throw new BatchIncompleteError(report.notSent);
    report.failed += await failPending(db, jobId, range, "NOT_SENT", deps.now());
  }
  return report;
}

type JobRef = { jobId: string; enterpriseId: string; quotaDay: Date; system?: boolean };

interface Tracked {
  claimed: Claimed;
  segments: number;
  outcomes: SegmentOutcome[];
  chunk: ChunkProgress;
}

interface ChunkProgress {
  remaining: number;
  resolve: () => void;
  reject: (error: Error) => void;
}

/**
 * Records a batch's outcomes as the pool settles them: a message is ready once every one of its
 * segments has its outcome, and ready messages are written together (recordOutcomes) at most
 * `recordMs` after the first of them, or at once when a chunk's worth is ready; one write at a time.
 * Then any receipt that came before its outcome and waits in the carrier inbox is applied.
 */
class OutcomeRecorder {
  private readonly messages = new Map<string, Tracked>();
  private ready: Tracked[] = [];
  private timer: NodeJS.Timeout | null = null;
  private writing: Promise<void> = Promise.resolve();
  private pendingChunk: ChunkProgress | null = null;

  constructor(
    private readonly deps: BatchDeps,
    private readonly job: JobRef,
    private readonly report: BatchReport,
  ) {}

  /** Before the pool gets the message's segments. */
  expect(claimed: Claimed, segments: number): void {
    this.pendingChunk ??= { remaining: 0, resolve: () => {}, reject: () => {} };
    this.pendingChunk.remaining++;
    this.messages.set(claimed.id, { claimed, segments, outcomes: [], chunk: this.pendingChunk });
  }

  /** Resolves once every message expected since the last call has been recorded. */
  chunk(): Promise<void> {
    const progress = this.pendingChunk;
    this.pendingChunk = null;
    if (!progress || progress.remaining === 0) return Promise.resolve();
    return new Promise<void>((resolve, reject) => {
      progress.resolve = resolve;
      progress.reject = reject;
    });
  }

  settled(outcome: SegmentOutcome): void {
    const id = outcome.segmentKey.slice(0, outcome.segmentKey.lastIndexOf(":"));
    const tracked = this.messages.get(id);
    if (!tracked) return;
    tracked.outcomes.push(outcome);
    if (tracked.outcomes.length < tracked.segments) return;
    this.messages.delete(id);
    this.ready.push(tracked);
    if (this.ready.length >= this.deps.chunk) this.flush();
    else this.timer ??= setTimeout(() => this.flush(), this.deps.recordMs);
  }

  private flush(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    const batch = this.ready;
    this.ready = [];
    if (batch.length === 0) return;
    this.writing = this.writing.then(() => this.write(batch));
  }

  private async write(batch: Tracked[]): Promise<void> {
    const { db } = this.deps;
    try {
      const now = this.deps.now();
      const outcomes = batch.flatMap((t) => t.outcomes);
      const counts = await recordOutcomes(
        db,
        this.job,
        batch.map((t) => t.claimed),
        outcomes,
        now,
      );
      this.report.accepted += counts.accepted;
      this.report.rejected += counts.rejected;
      this.report.unknown += counts.unknown;
      this.report.notSent += counts.notSent;
      const ids = outcomes.flatMap((o) => (o.status === "accepted" ? [o.messageId] : []));
      await applyPendingReceipts(db, now, {
        windowMs: this.deps.receiptWindowMs,
        smscIds: ids,
        onlyWrittenHere: true,
      }).catch((error: unknown) => {
        // They stay in the inbox; its sweep applies them.
        this.deps.log?.("pending receipts not applied yet", { error: String(error) });
      });
      for (const t of batch) if (--t.chunk.remaining === 0) t.chunk.resolve();
    } catch (error) {
      const failure = error instanceof Error ? error : new Error(String(error));
      for (const t of batch) t.chunk.reject(failure);
    }
  }
}

/** PENDING -> SUBMITTING for up to `limit` messages of the range, in id order. */
async function claimChunk(
  db: DbTx,
  jobId: string,
  range: { fromId: bigint; toId: bigint },
  limit: number,
  now: Date,
): Promise<Claimed[]> {
  return rawQuery<Claimed>(
    db,
    Prisma.sql`
    UPDATE "Message" m SET status = 'SUBMITTING', "submittedAt" = ${now}::timestamp
    WHERE m.id IN (
      SELECT id FROM "Message"
      WHERE "jobId" = ${jobId} AND id BETWEEN ${range.fromId} AND ${range.toId} AND status = 'PENDING'
      ORDER BY id LIMIT ${limit}::int
      FOR UPDATE SKIP LOCKED)
    RETURNING m.id::text AS id, m.mobile, m."udhReference"`,
  );
}

/** SUBMITTING messages of the range (an attempt cut off) become UNKNOWN, with UNKNOWN segment rows. */
export async function markCutOffUnknown(
  db: Db,
  jobId: string,
  range: { fromId: bigint; toId: bigint },
  now: Date,
): Promise<number> {
  return db.$transaction(async (tx) => {
    const rows = await tx.$queryRaw<{ id: bigint }[]>`
      UPDATE "Message" SET status = 'UNKNOWN', "errorCode" = 'CUT_OFF'
      WHERE "jobId" = ${jobId} AND id BETWEEN ${range.fromId} AND ${range.toId} AND status = 'SUBMITTING'
      RETURNING id`;
    if (rows.length === 0) return 0;
    await tx.$executeRaw`
      INSERT INTO "MessageSegment" ("messageId", seq, status, "submittedAt")
      SELECT m.id, g.seq, 'UNKNOWN', COALESCE(m."submittedAt", ${now}::timestamp)
      FROM "Message" m CROSS JOIN LATERAL generate_series(1, m.segments) AS g(seq)
      WHERE m.id = ANY(${rows.map((r) => r.id.toString())}::bigint[])
      ON CONFLICT ("messageId", seq) DO NOTHING`;
    return rows.length;
  });
}

/** PENDING messages of the range become FAILED (never sent) and their quota is given back. */
async function failPending(
  db: Db,
  jobId: string,
  range: { fromId: bigint; toId: bigint },
  errorCode: string,
  now: Date,
): Promise<number> {
  return db.$transaction(async (tx) => {
    const rows = await tx.$queryRaw<{ id: bigint; segments: number }[]>`
      UPDATE "Message" SET status = 'FAILED', "errorCode" = ${errorCode}, "finalAt" = ${now}::timestamp
      WHERE "jobId" = ${jobId} AND id BETWEEN ${range.fromId} AND ${range.toId} AND status = 'PENDING'
      RETURNING id, segments`;
    if (rows.length === 0) return 0;
    const job = await tx.sendJob.findUniqueOrThrow({
      where: { id: jobId },
      select: { enterpriseId: true, quotaDay: true, system: true },
    });
    if (!job.system)
      await releaseDailyQuota(
        tx,
        job.enterpriseId,
        job.quotaDay,
        rows.reduce((sum, r) => sum + r.segments, 0),
      );
    await afterMessagesFinal(
      tx,
      rows.map((r) => ({ id: r.id, jobId })),
      now,
    );
    return rows.length;
  });
}

type MessageVerdict = "SUBMITTED" | "UNKNOWN" | "REJECTED" | "PENDING";

/**
 * What the pool said about each segment of a chunk, written in one transaction:
 * - every segment accepted: SUBMITTED (segments SUBMITTED with their SMSC ids; metered unless the
 *   job is the bureau's own, `job.system`);
 * - any unknown: UNKNOWN (accepted segments keep their ids; unknown ones wait for reconciliation);
 * - otherwise any permanently refused, or some accepted and the rest not sent: REJECTED, final,
 *   with the quota of the segments that did not reach the carrier given back;
 * - nothing accepted and nothing permanent (never sent): PENDING again, for a later attempt.
 */
export async function recordOutcomes(
  db: Db,
  job: JobRef,
  claimed: readonly Claimed[],
  outcomes: readonly SegmentOutcome[],
  now: Date,
): Promise<{ accepted: number; rejected: number; unknown: number; notSent: number }> {
  const byMessage = new Map<string, { seq: number; outcome: SegmentOutcome }[]>();
  for (const outcome of outcomes) {
    const colon = outcome.segmentKey.lastIndexOf(":");
    const id = outcome.segmentKey.slice(0, colon);
    const seq = Number(outcome.segmentKey.slice(colon + 1));
    let list = byMessage.get(id);
    if (!list) byMessage.set(id, (list = []));
    list.push({ seq, outcome });
  }

  const segMessage: string[] = [];
  const segSeq: number[] = [];
  const segSmsc: (string | null)[] = [];
  const segStatus: string[] = [];
  const segError: (string | null)[] = [];
  const msgIds: string[] = [];
  const msgStatus: MessageVerdict[] = [];
  const msgError: (string | null)[] = [];
  const counts = { accepted: 0, rejected: 0, unknown: 0, notSent: 0 };
  let meteredSegments = 0;
  let releasedSegments = 0;

  for (const m of claimed) {
    const segments = byMessage.get(m.id) ?? [];
    const accepted = segments.filter((s) => s.outcome.status === "accepted").length;
    const unknown = segments.some((s) => s.outcome.status === "unknown");
    const permanent = segments.find((s) => s.outcome.status === "rejected" && s.outcome.permanent);
    const firstRefusal = segments.find((s) => s.outcome.status === "rejected");
    let verdict: MessageVerdict;
    if (accepted === segments.length) verdict = "SUBMITTED";
    else if (unknown) verdict = "UNKNOWN";
    else if (permanent || accepted > 0) verdict = "REJECTED";
    else verdict = "PENDING";
    const refusal = firstRefusal?.outcome.status === "rejected" ? firstRefusal.outcome.errorName : null;
    msgIds.push(m.id);
    msgStatus.push(verdict);
    msgError.push(verdict === "REJECTED" ? refusal : verdict === "UNKNOWN" ? "NO_RESPONSE" : null);
    meteredSegments += accepted;
    if (verdict === "SUBMITTED") counts.accepted++;
    else if (verdict === "UNKNOWN") counts.unknown++;
    else if (verdict === "REJECTED") {
      counts.rejected++;
      releasedSegments += segments.length - accepted;
    } else counts.notSent++;
    if (verdict === "PENDING") continue;
    for (const { seq, outcome } of segments) {
      segMessage.push(m.id);
      segSeq.push(seq);
      if (outcome.status === "accepted") {
        segSmsc.push(outcome.messageId);
        segStatus.push("SUBMITTED");
        segError.push(null);
      } else if (outcome.status === "unknown") {
        segSmsc.push(null);
        segStatus.push("UNKNOWN");
        segError.push(null);
      } else {
        segSmsc.push(null);
        segStatus.push("REJECTED");
        segError.push(outcome.errorName);
      }
    }
  }

  const metered = meteredSegments > 0 && !job.system ? meteredSegments : 0;
  // One statement: the segments, the messages' states and the metering commit together, and the
  // enterprise's DailyUsage row (every batch of the enterprise updates it) is locked only from the
  // end of the statement to its commit, never across a round trip to this process. The commit
  // does not wait for the WAL flush (set_config(..., true): for this transaction only): safe
  // because the claim before the submit was durable: if the database itself crashed and lost this
  // commit, the messages are SUBMITTING again and the cut-off rule above applies (UNKNOWN,
  // reconciled by receipt), never a resubmission. The bureau's own notices are not the customer's
  // usage (metered 0).
  const statement = Prisma.sql`
    WITH cfg AS (
      SELECT set_config('synchronous_commit', 'off', true) AS v
    ), seg AS (
      INSERT INTO "MessageSegment" ("messageId", seq, "smscId", status, "submittedAt", "errorCode", "receiptAt")
      SELECT r.id, r.seq, r.smsc, r.status::"MessageStatus", ${now}::timestamp, r.err,
             CASE WHEN r.status = 'REJECTED' THEN ${now}::timestamp END
      FROM unnest(${segMessage}::bigint[], ${segSeq}::int[], ${segSmsc}::text[], ${segStatus}::text[], ${segError}::text[]) AS r(id, seq, smsc, status, err)
      ON CONFLICT ("messageId", seq) DO NOTHING
    ), msg AS (
      UPDATE "Message" m
      SET status = r.status::"MessageStatus", "errorCode" = r.err,
          "submittedAt" = CASE WHEN r.status = 'PENDING' THEN NULL ELSE m."submittedAt" END,
          "finalAt" = CASE WHEN r.status = 'REJECTED' THEN ${now}::timestamp END
      FROM unnest(${msgIds}::bigint[], ${msgStatus}::text[], ${msgError}::text[]) AS r(id, status, err)
      WHERE m.id = r.id AND m.status = 'SUBMITTING'
    ), usage AS (
      INSERT INTO "DailyUsage" ("enterpriseId", day, "submittedSegments")
      SELECT ${job.enterpriseId}, ${toDbDate(toChinaDate(now))}::date, ${metered}::int WHERE ${metered}::int > 0
      ON CONFLICT ("enterpriseId", day) DO UPDATE SET "submittedSegments" = "DailyUsage"."submittedSegments" + EXCLUDED."submittedSegments"
    )
    SELECT cfg.v FROM cfg`;
  if (counts.rejected === 0) {
    await rawQuery(db, statement);
  } else {
    await db.$transaction(
      async (tx) => {
        await tx.$queryRaw(statement);
        const rejected = msgIds.filter((_, i) => msgStatus[i] === "REJECTED").map((id) => ({ id, jobId: job.jobId }));
        await afterMessagesFinal(tx, rejected, now);
        if (!job.system) await releaseDailyQuota(tx, job.enterpriseId, job.quotaDay, releasedSegments);
      },
      { timeout: 60_000, maxWait: 30_000 },
    );
  }
  return counts;
}
