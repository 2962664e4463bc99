// The carrier inbox, this process's side: what comes back from the carrier (receipts and replies,
// 上行) is written to the database (CarrierInbox) before its deliver_sm is acknowledged, and then
// matched and applied from there (./receipts.ts has the matching rules).
//
// Rules:
// - Never refuse. Real SMSCs do not reliably deliver again what was refused (one retries only
//   after ESME_RMSGQFUL, another never), so every receipt and reply is acknowledged with ESME_ROK,
//   and only once it is in the database. If the database cannot take it, the acknowledgement waits
//   and the write is tried again (the SMSC's delivery window holds back the rest; if the link drops
//   meanwhile, the SMSC delivers the unacknowledged ones again on the next bind).
// - Receipts are written in batches (adaptive: while one batch is written the next gathers; two at
//   a time) by one statement that stores them and applies every one whose segment is known. A
//   receipt that arrives before its submit outcome is recorded waits PENDING and is applied the
//   moment the outcome is (./submit.ts calls applyPendingReceipts) or by the sweep below.
// - Reply parts are stored one by one as they come and put together from the table (a long reply's
//   parts may arrive on different binds, or across a restart); a reply is recorded (attributed,
//   退订 applied: ../compliance) from there, in the same transaction that marks its parts
//   RECORDED. A reply that cannot be recorded yet stays PENDING and is tried again; it is never
//   dropped, and never purged while pending.
// - The sweep (every SENDING_INBOX_SWEEP_MS in each process with a gateway, and every minute from
//   the sending-sweep function) applies pending receipts, lets those still pending after the grace
//   time adopt UNKNOWN submissions or be marked DUPLICATE, records replies, and (from the cron)
//   purges rows older than the receipt timeout.
import { recordInboundReply } from "../compliance";
import type { Db } from "../db";
import type { Prisma } from "../generated/prisma/client";
import { normalizeMobile } from "../phone";
import type { GatewayInbound, SmppGateway } from "../smpp/gateway";
import type { DeliveryReceipt } from "../smpp/codec";
import { type ReplyPart, replyFromParts } from "../smpp/codec/reply";
import {
  type PendingReceiptNote,
  type ReceiptInput,
  adoptPendingReceipts,
  applyPendingReceipts,
  markDuplicateReceipts,
  receiveReceipts,
  withoutNul,
} from "./receipts";

export interface CarrierInboxOptions {
  /** The receipt timeout: candidates, adoption and purge look this far back. */
  windowMs: number;
  /** Receipts written in one statement at most. */
  maxBatch?: number;
  /** How long the first receipt of a batch waits for others. */
  maxDelayMs?: number;
  /** Batches written at once (default 2; the pipeline passes SENDING_RECEIPT_BATCHES). */
  parallel?: number;
  /** A pending receipt this old may adopt an UNKNOWN submission or be called a duplicate. */
  graceMs?: number;
  /** How often this process sweeps the inbox; 0 = never (tests drive sweep() themselves). */
  sweepMs?: number;
  /** Parts of a long reply are awaited this long, then it is recorded as far as it came. */
  replyAssemblyMs?: number;
  now?: () => Date;
  log?: (message: string, fields?: Record<string, unknown>) => void;
}

export interface InboxStats {
  /** Receipts written to the inbox. */
  received: number;
  /** Receipts applied (at once, or later from the inbox). */
  applied: number;
  /** Receipts that were pending when written. */
  pendingOnArrival: number;
  intermediate: number;
  adopted: number;
  duplicates: number;
  replyParts: number;
  replies: number;
  batches: number;
  /** Writes that failed and were tried again. */
  retries: number;
}

export interface CarrierInbox extends GatewayInbound {
  /** Writes what is buffered now. */
  flush(): Promise<void>;
  /** One pass of the sweep (see the header); the timer runs the same. */
  sweep(): Promise<InboxSweepReport>;
  readonly stats: InboxStats;
  close(): Promise<void>;
}

export interface InboxSweepReport {
  applied: number;
  adopted: number;
  duplicates: number;
  replies: number;
}

export const INBOX_GRACE_MS = 5_000;
export const REPLY_ASSEMBLY_MS = 5 * 60_000;
const RETRY_MIN_MS = 100;
const RETRY_MAX_MS = 5_000;

interface Pending {
  input: ReceiptInput;
  resolve: () => void;
}

type InboxMeta = { link: string; raw: Buffer };

export function createCarrierInbox(db: Db, options: CarrierInboxOptions): CarrierInbox {
  const maxBatch = options.maxBatch ?? 1000;
  const maxDelayMs = options.maxDelayMs ?? 5;
  const parallel = options.parallel ?? 2;
  const graceMs = options.graceMs ?? INBOX_GRACE_MS;
  const assemblyMs = options.replyAssemblyMs ?? REPLY_ASSEMBLY_MS;
  const now = options.now ?? (() => new Date());
  const log = options.log ?? ((message, fields) => console.warn(`[inbox] ${message}`, fields ?? ""));
  const stats: InboxStats = {
    received: 0,
    applied: 0,
    pendingOnArrival: 0,
    intermediate: 0,
    adopted: 0,
    duplicates: 0,
    replyParts: 0,
    replies: 0,
    batches: 0,
    retries: 0,
  };
  const buffer: Pending[] = [];
  let timer: NodeJS.Timeout | null = null;
  let busy = 0;
  let chain: Promise<void> = Promise.resolve();
  let closed = false;

  /** Runs a write until it succeeds: what the SMSC gave us is acknowledged only once it is stored. */
  async function durably<T>(what: string, write: () => Promise<T>): Promise<T> {
    for (let attempt = 0; ; attempt++) {
      try {
        return await write();
      } catch (error) {
        stats.retries++;
        log(`${what} not written yet; trying again`, { attempt, error: String(error) });
        await new Promise((resolve) => setTimeout(resolve, Math.min(RETRY_MAX_MS, RETRY_MIN_MS * 2 ** attempt)));
      }
    }
  }

  async function write(batch: Pending[]): Promise<void> {
    const inputs = batch.map((p) => p.input);
    const result = await durably("receipt batch", () =>
      receiveReceipts(db, inputs, now(), { windowMs: options.windowMs }),
    );
    stats.batches++;
    stats.received += inputs.length;
    stats.applied += result.applied;
    stats.pendingOnArrival += result.pending;
    stats.intermediate += result.intermediate;
    for (const p of batch) p.resolve();
  }

  function flush(): Promise<void> {
    if (timer) clearTimeout(timer);
    timer = null;
    if (busy >= parallel || buffer.length === 0) return chain;
    const batch = buffer.splice(0, maxBatch);
    busy++;
    chain = write(batch).finally(() => {
      busy--;
      if (buffer.length > 0) void flush();
    });
    return chain;
  }

  let sweeping: Promise<InboxSweepReport> | null = null;
  function sweep(): Promise<InboxSweepReport> {
    sweeping ??= sweepCarrierInbox(db, now(), { windowMs: options.windowMs, graceMs, replyAssemblyMs: assemblyMs })
      .then((report) => {
        stats.applied += report.applied + report.adopted;
        stats.adopted += report.adopted;
        stats.duplicates += report.duplicates;
        stats.replies += report.replies;
        return report;
      })
      .finally(() => {
        sweeping = null;
      });
    return sweeping;
  }

  const sweepMs = options.sweepMs ?? 1000;
  const sweeper =
    sweepMs > 0
      ? setInterval(
          () => void sweep().catch((error: unknown) => log("inbox sweep failed", { error: String(error) })),
          sweepMs,
        )
      : null;
  sweeper?.unref();

  return {
    stats,
    flush,
    sweep,
    receipt(receipt: DeliveryReceipt, meta: InboxMeta) {
      return new Promise<void>((resolve) => {
        buffer.push({ input: receiptInput(receipt, meta, now()), resolve });
        if (busy >= parallel) return;
        if (buffer.length >= maxBatch) void flush();
        else timer ??= setTimeout(() => void flush(), maxDelayMs);
      });
    },
    async replyPart(part: ReplyPart, meta: InboxMeta) {
      await durably("reply part", () => storeReplyPart(db, part, meta, now()));
      stats.replyParts++;
      // Recorded right away when it completes a reply; otherwise the sweep does it later.
      if (!closed) {
        void recordPendingReplies(db, now(), { replyAssemblyMs: assemblyMs }).then(
          (n) => void (stats.replies += n),
          (error: unknown) => log("reply not recorded yet; the sweep tries again", { error: String(error) }),
        );
      }
    },
    async close() {
      closed = true;
      if (sweeper) clearInterval(sweeper);
      while (buffer.length > 0 || busy > 0) await flush();
      await sweeping?.catch(() => {});
    },
  };
}

function receiptInput(receipt: DeliveryReceipt, meta: InboxMeta, receivedAt: Date): ReceiptInput {
  return {
    smscId: receipt.messageId,
    state: receipt.state,
    stat: receipt.stat,
    errorCode: receipt.errorCode,
    recipient: receipt.recipient,
    address: receipt.sender,
    link: meta.link,
    raw: meta.raw,
    receivedAt,
  };
}

const clean = withoutNul;

/** One reply part into the inbox, PENDING until its reply is recorded. */
export async function storeReplyPart(db: Db, part: ReplyPart, meta: InboxMeta, now: Date): Promise<void> {
  const c = part.concatenation;
  await db.carrierInbox.create({
    data: {
      kind: "REPLY",
      status: "PENDING",
      link: meta.link,
      receivedAt: now,
      handset: clean(part.from),
      mobile: normalizeMobile(part.from),
      address: clean(part.to),
      dataCoding: part.dataCoding,
      body: new Uint8Array(part.body),
      // 8- and 16-bit references are kept apart: a 16-bit one is stored above 255 only when it is.
      partRef: c ? c.reference + (c.referenceBits === 16 ? 0x10000 : 0) : null,
      partTotal: c?.total ?? null,
      partSeq: c?.sequence ?? null,
      raw: new Uint8Array(meta.raw),
    },
  });
}

/**
 * Records the replies whose parts are all in the inbox (or whose first part waited longer than the
 * assembly time: recorded as far as it came, a truncated 退订 still matters). Each reply in its own
 * transaction with its parts marked RECORDED, so it is recorded once however many processes sweep.
 */
export async function recordPendingReplies(
  db: Db,
  now: Date,
  options: { replyAssemblyMs: number; limit?: number },
): Promise<number> {
  const groups = await db.$queryRaw<{ ids: bigint[]; total: number | null; parts: number; first: Date }[]>`
    SELECT array_agg(i."id" ORDER BY i."partSeq", i."id") AS ids, max(i."partTotal") AS total,
           count(DISTINCT COALESCE(i."partSeq", 1))::int AS parts, min(i."receivedAt") AS first
    FROM "CarrierInbox" i
    WHERE i."kind" = 'REPLY' AND i."status" = 'PENDING'
    GROUP BY i."handset", i."address", COALESCE(i."partRef", -i."id"), i."partTotal"
    ORDER BY min(i."id")
    LIMIT ${options.limit ?? 500}`;
  let recorded = 0;
  for (const group of groups) {
    const complete = group.parts >= (group.total ?? 1);
    if (!complete && now.getTime() - group.first.getTime() < options.replyAssemblyMs) continue;
    const done = await db.$transaction(async (tx) => {
      const rows = await tx.$queryRaw<
        {
          id: bigint;
          handset: string;
          address: string;
          dataCoding: number | null;
          body: Uint8Array | null;
          partSeq: number | null;
          partTotal: number | null;
          receivedAt: Date;
        }[]
      >`
        SELECT "id", "handset", "address", "dataCoding", "body", "partSeq", "partTotal", "receivedAt" FROM "CarrierInbox"
        WHERE "id" = ANY(${group.ids}::bigint[]) AND "status" = 'PENDING'
        FOR UPDATE SKIP LOCKED`;
      if (rows.length !== group.ids.length) return false; // another process has it
      // A part delivered twice counts once.
      const bySeq = new Map(rows.map((r) => [r.partSeq ?? 1, r] as const));
      const parts: ReplyPart[] = [...bySeq.values()].map((r) => ({
        from: r.handset,
        to: r.address,
        dataCoding: r.dataCoding ?? 0,
        body: Buffer.from(r.body ?? new Uint8Array()),
        concatenation: r.partTotal
          ? { reference: 0, referenceBits: 8, total: r.partTotal, sequence: r.partSeq ?? 1 }
          : null,
      }));
      const reply = replyFromParts(parts, complete);
      const receivedAt = rows.reduce((min, r) => (r.receivedAt < min ? r.receivedAt : min), rows[0]!.receivedAt);
      const stored = await recordInboundReply(
        tx,
        { from: reply.from, to: reply.to, text: clean(reply.text) },
        receivedAt,
      );
      await tx.carrierInbox.updateMany({
        where: { id: { in: rows.map((r) => r.id) } },
        data: { status: "RECORDED", doneAt: now, replyId: stored.replyId },
      });
      return true;
    });
    if (done) recorded++;
  }
  return recorded;
}

/** One pass over the inbox: pending receipts applied, adopted or marked duplicate; replies recorded. */
export async function sweepCarrierInbox(
  db: Db,
  now: Date,
  options: { windowMs: number; graceMs: number; replyAssemblyMs: number },
): Promise<InboxSweepReport> {
  const match = { windowMs: options.windowMs };
  const { applied } = await applyPendingReceipts(db, now, match);
  const adopted = await adoptPendingReceipts(db, now, { ...match, graceMs: options.graceMs });
  const duplicates = await markDuplicateReceipts(db, now, { ...match, graceMs: options.graceMs });
  const replies = await recordPendingReplies(db, now, { replyAssemblyMs: options.replyAssemblyMs });
  return { applied, adopted, duplicates, replies };
}

/**
 * Deletes inbox rows older than the receipt timeout (receipts whatever became of them, recorded
 * replies; a reply still pending is kept until it is recorded), `chunk` at a time. Returns how many.
 */
export async function purgeCarrierInbox(db: Db, now: Date, windowMs: number, chunk = 10_000): Promise<number> {
  const before = new Date(now.getTime() - windowMs);
  let total = 0;
  for (;;) {
    const n = await db.$executeRaw`
      DELETE FROM "CarrierInbox" WHERE "id" IN (
        SELECT "id" FROM "CarrierInbox"
        WHERE "receivedAt" < ${before}::timestamp AND NOT ("kind" = 'REPLY' AND "status" = 'PENDING')
        ORDER BY "receivedAt" LIMIT ${chunk}::int)`;
    total += n;
    if (n < chunk) return total;
  }
}

/** What the gateway page shows of the inbox: counts by kind and state, and what is still waiting. */
export async function inboxOverview(
  db: Db,
  query: { page: number; pageSize: number; note?: PendingReceiptNote; dir: "asc" | "desc" },
) {
  const counts = await db.carrierInbox.groupBy({ by: ["kind", "status"], _count: { _all: true } });
  const where: Prisma.CarrierInboxWhereInput = {
    status: "PENDING",
    ...(query.note ? { kind: "RECEIPT", note: query.note } : {}),
  };
  const [mismatched, total, rows] = await Promise.all([
    db.carrierInbox.count({ where: { status: "PENDING", kind: "RECEIPT", note: "HANDSET_MISMATCH" } }),
    db.carrierInbox.count({ where }),
    db.carrierInbox.findMany({
      where,
      orderBy: [{ receivedAt: query.dir }, { id: query.dir }],
      skip: (query.page - 1) * query.pageSize,
      take: query.pageSize,
      select: {
        id: true,
        kind: true,
        link: true,
        receivedAt: true,
        handset: true,
        address: true,
        smscId: true,
        stat: true,
        errorCode: true,
        note: true,
        partSeq: true,
        partTotal: true,
      },
    }),
  ]);
  return {
    counts: counts.map((c) => ({ kind: c.kind, status: c.status, count: c._count._all })),
    mismatched,
    total,
    rows: rows.map((r) => ({ ...r, id: r.id.toString() })),
  };
}

/** Connects a gateway's receipts and replies to this process's database; returns the inbox. */
export function connectGateway(gateway: SmppGateway, db: Db, options: CarrierInboxOptions): CarrierInbox {
  const inbox = createCarrierInbox(db, options);
  gateway.setInbound(inbox);
  return inbox;
}
