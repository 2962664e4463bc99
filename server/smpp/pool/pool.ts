// The session pool: N binds of one SMPP account sharing one queue of segments.
//
// Rules that matter to the pipeline:
// - A segment is resent only when the SMSC explicitly refused it with ESME_RTHROTTLED or
//   ESME_RMSGQFUL (after a pause, before anything newer), or when it was never written (a bind
//   that died before its turn). A segment written without an answer comes back as "unknown" and
//   is never resent here.
// - Rate limits count segments (one submit_sm each), per bind and per account.
// - A receipt or reply is acknowledged (deliver_sm_resp) only after its handler has finished. The
//   pipeline's handler (server/sending/inbox.ts) resolves once the delivery is in the database and
//   never rejects: real SMSCs do not reliably deliver again what was refused. A handler that does
//   reject gets ESME_RX_T_APPN (for SMSCs that do redeliver). Receipts already handled are
//   recognised (id, state and handset: ids repeat after an SMSC restart) and not passed on twice.
import { type SmppConfig } from "../config";
import { normaliseMessageId } from "../codec/message-id";
import { parseMessagePdu } from "../codec/message-pdu";
import { type DeliveryReceipt, isDeliveryReceipt, readDeliveryReceipt } from "../codec/receipt";
import { type Reply, ReplyAssembler, type ReplyPart, readReplyPart } from "../codec/reply";
import { ESM_CLASS_UDHI } from "../codec/udh";
import { type Pdu } from "../transport";
import { ESME, classifyCommandStatus, commandStatusName } from "./errors";
import { LatencyReservoir, RateMeter } from "./meter";
import { type Queued, SubmitQueue } from "./queue";
import { TokenBucket } from "./rate-limit";
import { RecentKeys } from "./recent-keys";
import { type BindEvents, BindSession, type InFlight, type SendableSegment } from "./session";
import {
  type SegmentOutcome,
  type SegmentSubmission,
  type SmppLogger,
  type SmppPoolStatus,
  consoleLogger,
} from "./types";

/** Where a deliver_sm came from, and its bytes: what a durable inbox keeps. */
export interface DeliveryMeta {
  /** The bind it arrived on (1-based). */
  bind: number;
  /** The whole PDU as received. */
  raw: Buffer;
}

export interface SmppPoolOptions {
  config: SmppConfig;
  /** Called once per receipt (duplicates filtered); the receipt is acknowledged when it resolves. */
  onReceipt?: (receipt: DeliveryReceipt, meta: DeliveryMeta) => void | Promise<void>;
  /** Called once per reply (long replies reassembled); acknowledged when it resolves. */
  onReply?: (reply: Reply) => void | Promise<void>;
  /**
   * When set, every reply part (a short reply is one part) goes here instead of onReply and is
   * acknowledged when it resolves: the caller stores parts durably and puts long replies together
   * itself, so no part waits unacknowledged in this process's memory.
   */
  onReplyPart?: (part: ReplyPart, meta: DeliveryMeta) => void | Promise<void>;
  /** Every submit_sm -> submit_sm_resp round trip, ms (for benchmarks and metrics). */
  onSubmitLatency?: (ms: number) => void;
  logger?: SmppLogger;
  /** How long parts of a long reply are awaited before it is passed on incomplete. Default 5 min. */
  replyAssemblyTimeoutMs?: number;
  /** Receipts remembered for duplicate detection. Default 100,000. */
  receiptMemory?: number;
  random?: () => number;
}

export interface SmppPool {
  /**
   * Submits segments; resolves with one outcome per segment, in the same order, once every one of
   * them is settled. Throws (nothing enqueued) on a malformed batch or a segment key already pending.
   */
  submit(segments: readonly SegmentSubmission[], options?: SubmitOptions): Promise<SegmentOutcome[]>;
  status(): SmppPoolStatus;
  /** Resolves when at least `binds` (default all) binds are bound; rejects after `timeoutMs`. */
  waitUntilBound(options?: { binds?: number; timeoutMs?: number }): Promise<void>;
  /**
   * Stops sending: queued segments come back rejected ("POOL_CLOSED", retryable), in-flight ones
   * get up to `timeoutMs` to be answered, then every bind unbinds and disconnects.
   */
  close(options?: { timeoutMs?: number }): Promise<void>;
}

export interface SubmitOptions {
  /** Called with each segment's outcome as soon as it is settled (before the whole batch is). */
  onOutcome?: (outcome: SegmentOutcome) => void;
}

interface Batch {
  onOutcome: ((outcome: SegmentOutcome) => void) | undefined;
  results: SegmentOutcome[];
  remaining: number;
  resolve: (results: SegmentOutcome[]) => void;
}

interface PoolSegment extends SendableSegment, Queued {
  key: string;
  enqueuedAt: number;
  batch: Batch;
  index: number;
  /** The last throttle status, reported if the segment times out waiting to be retried. */
  lastStatus: number | null;
}

const MAX_SHORT_MESSAGE = 254;

export function createSmppPool(options: SmppPoolOptions): SmppPool {
  return new Pool(options);
}

class Pool implements SmppPool, BindEvents<PoolSegment> {
  private readonly config: SmppConfig;
  private readonly log: SmppLogger;
  private readonly queue = new SubmitQueue<PoolSegment>();
  private readonly pendingKeys = new Set<string>();
  private readonly binds: BindSession<PoolSegment>[];
  private readonly account: TokenBucket;
  private readonly meter = new RateMeter();
  private readonly latency = new LatencyReservoir();
  private readonly receiptsSeen: RecentKeys;
  private readonly receiptsInProgress = new Map<string, Promise<void>>();
  private readonly assembler: ReplyAssembler;
  private readonly housekeeping: NodeJS.Timeout;
  private readonly stateWaiters = new Set<() => void>();
  private state: "running" | "closing" | "closed" = "running";
  private closing: Promise<void> | null = null;
  private nextOrdinal = 0;
  private inFlight = 0;
  private roundRobin = 0;
  private pumping = false;
  private pumpScheduled = false;
  private rateTimer: NodeJS.Timeout | null = null;
  private readonly totals: SmppPoolStatus["totals"] = {
    accepted: 0,
    rejected: 0,
    unknown: 0,
    throttled: 0,
    genericNacks: 0,
    responseTimeouts: 0,
    lateResponses: 0,
    linkFailures: 0,
    bindFailures: 0,
    receipts: 0,
    duplicateReceipts: 0,
    unreadableReceipts: 0,
    replies: 0,
  };

  constructor(private readonly options: SmppPoolOptions) {
    this.config = options.config;
    this.log = options.logger ?? consoleLogger;
    this.account = new TokenBucket(this.config.accountMaxPerSecond, this.now());
    this.receiptsSeen = new RecentKeys(options.receiptMemory ?? 100_000);
    this.assembler = new ReplyAssembler(options.replyAssemblyTimeoutMs ?? 300_000);
    this.binds = Array.from(
      { length: this.config.binds },
      (_, i) => new BindSession(i + 1, this.config, this, options.random),
    );
    this.housekeeping = setInterval(
      () => this.houseKeep(),
      Math.min(1000, Math.max(50, this.config.queueTimeoutMs / 4)),
    );
    this.housekeeping.unref();
    for (const bind of this.binds) bind.start();
  }

  // ---- the pipeline's side ----

  submit(segments: readonly SegmentSubmission[], options: SubmitOptions = {}): Promise<SegmentOutcome[]> {
    if (this.state !== "running") throw new Error("SMPP pool is closed");
    const keys = new Set<string>();
    for (const s of segments) {
      if (!s.segmentKey) throw new TypeError("segmentKey is required");
      if (keys.has(s.segmentKey) || this.pendingKeys.has(s.segmentKey)) {
        throw new Error(`segment ${s.segmentKey} is already being submitted`);
      }
      keys.add(s.segmentKey);
      // SMPP 3.4 addresses are C-octet strings of at most 21 octets, the NUL included.
      if (!s.destination || s.destination.length > 20) throw new RangeError(`segment ${s.segmentKey}: bad destination`);
      if (s.source !== undefined && (!s.source || s.source.length > 20))
        throw new RangeError(`segment ${s.segmentKey}: bad source`);
      for (const [field, value] of [
        ["dataCoding", s.dataCoding],
        ["registeredDelivery", s.registeredDelivery ?? 1],
      ] as const) {
        if (!Number.isInteger(value) || value < 0 || value > 0xff)
          throw new RangeError(`segment ${s.segmentKey}: bad ${field}`);
      }
      const length = (s.udh?.length ?? 0) + s.shortMessage.length;
      if (length > MAX_SHORT_MESSAGE)
        throw new RangeError(`segment ${s.segmentKey}: ${length} octets, at most ${MAX_SHORT_MESSAGE}`);
    }
    if (segments.length === 0) return Promise.resolve([]);
    return new Promise<SegmentOutcome[]>((resolve) => {
      const batch: Batch = {
        onOutcome: options.onOutcome,
        results: new Array<SegmentOutcome>(segments.length),
        remaining: segments.length,
        resolve,
      };
      const now = this.now();
      segments.forEach((s, index) => {
        const udh = s.udh && s.udh.length > 0 ? s.udh : null;
        this.pendingKeys.add(s.segmentKey);
        this.queue.push({
          key: s.segmentKey,
          ordinal: this.nextOrdinal++,
          enqueuedAt: now,
          batch,
          index,
          lastStatus: null,
          destination: s.destination,
          source: s.source ?? this.config.source.address,
          dataCoding: s.dataCoding,
          esmClass: udh ? ESM_CLASS_UDHI : 0,
          registeredDelivery: s.registeredDelivery ?? 1,
          wire: udh ? Buffer.concat([udh, s.shortMessage]) : s.shortMessage,
        });
      });
      this.pump();
    });
  }

  status(): SmppPoolStatus {
    const now = this.now();
    const binds = this.binds.map((b) => b.status());
    return {
      state: this.state,
      systemId: this.config.systemId,
      bindsUp: binds.filter((b) => b.state === "bound").length,
      bindsConfigured: this.binds.length,
      queued: this.queue.size,
      inFlight: this.inFlight,
      submittedPerSecond: this.meter.perSecond(now),
      errors: binds.reduce((sum, b) => sum + b.errors, 0),
      latencyMs: this.latency.percentiles(),
      totals: { ...this.totals },
      binds,
    };
  }

  waitUntilBound(options: { binds?: number; timeoutMs?: number } = {}): Promise<void> {
    const wanted = Math.min(options.binds ?? this.binds.length, this.binds.length);
    const timeoutMs = options.timeoutMs ?? 10_000;
    const enough = () => this.binds.filter((b) => b.state === "bound").length >= wanted;
    if (enough()) return Promise.resolve();
    return new Promise<void>((resolve, reject) => {
      const waiter = () => {
        if (!enough()) return;
        clearTimeout(timer);
        this.stateWaiters.delete(waiter);
        resolve();
      };
      const timer = setTimeout(() => {
        this.stateWaiters.delete(waiter);
        reject(new Error(`fewer than ${wanted} SMPP binds up after ${timeoutMs} ms`));
      }, timeoutMs);
      this.stateWaiters.add(waiter);
    });
  }

  close(options: { timeoutMs?: number } = {}): Promise<void> {
    this.closing ??= this.shutdown(options.timeoutMs ?? 5_000);
    return this.closing;
  }

  private async shutdown(timeoutMs: number): Promise<void> {
    this.state = "closing";
    if (this.rateTimer) clearTimeout(this.rateTimer);
    for (const segment of this.queue.drain()) this.rejectUnsent(segment, "POOL_CLOSED");
    const deadline = this.now() + timeoutMs;
    while (this.inFlight > 0 && this.now() < deadline) await new Promise((r) => setTimeout(r, 10));
    await Promise.all(this.binds.map((b) => b.close(Math.max(100, deadline - this.now()))));
    clearInterval(this.housekeeping);
    await Promise.allSettled(this.receiptsInProgress.values());
    // Parts of long replies were acknowledged when they arrived: pass on what there is.
    for (const reply of this.assembler.expire(Infinity)) await this.handleReply(reply).catch(() => {});
    this.state = "closed";
  }

  // ---- sending ----

  /**
   * Hands queued segments to binds that can send, within the rate limits. Each bind fills its free
   * window in one socket write; the starting bind rotates so that a short queue is spread out.
   */
  private pump(): void {
    if (this.state !== "running" || this.pumping) return;
    this.pumping = true;
    try {
      const now = this.now();
      for (let i = 0; i < this.binds.length && this.queue.size > 0; i++) {
        this.fill(this.binds[(this.roundRobin + i) % this.binds.length]!, now);
      }
      this.roundRobin = (this.roundRobin + 1) % this.binds.length;
      this.scheduleRateWait(now);
    } finally {
      this.pumping = false;
    }
  }

  /**
   * Pumps once the current burst of socket input has been handled: responses arrive many to a
   * read, and refilling the windows after all of them puts the new submits into one write.
   */
  private schedulePump(): void {
    if (this.pumpScheduled) return;
    this.pumpScheduled = true;
    queueMicrotask(() => {
      this.pumpScheduled = false;
      this.pump();
    });
  }

  private fill(bind: BindSession<PoolSegment>, now: number): void {
    if (!bind.canSend(now) || this.queue.size === 0) return;
    bind.sendBatch(() => {
      while (this.queue.size > 0 && bind.canSend(now)) {
        if (bind.bucket.available(now) < 1 || this.account.available(now) < 1) return;
        const segment = this.queue.shift()!;
        if (!bind.send(segment, now)) {
          this.queue.putBack(segment); // never written: another bind may take it
          return;
        }
        bind.bucket.tryTake(now);
        this.account.tryTake(now);
        this.inFlight++;
      }
    });
  }

  private scheduleRateWait(now: number): void {
    if (this.queue.size === 0 || this.rateTimer) return;
    let wait = Infinity;
    for (const bind of this.binds) {
      if (!bind.canSend(now)) continue;
      wait = Math.min(wait, Math.max(bind.bucket.waitMs(now), this.account.waitMs(now)));
    }
    if (!Number.isFinite(wait)) return; // nothing can send now; a bind event will pump again
    this.rateTimer = setTimeout(
      () => {
        this.rateTimer = null;
        this.pump();
      },
      Math.max(1, wait),
    );
  }

  private settle(segment: PoolSegment, outcome: SegmentOutcome): void {
    this.pendingKeys.delete(segment.key);
    const batch = segment.batch;
    batch.results[segment.index] = outcome;
    batch.onOutcome?.(outcome);
    if (--batch.remaining === 0) batch.resolve(batch.results);
  }

  private rejectUnsent(segment: PoolSegment, reason: "POOL_CLOSED" | "QUEUE_TIMEOUT"): void {
    this.totals.rejected++;
    const errorName = segment.lastStatus === null ? reason : commandStatusName(segment.lastStatus);
    this.settle(segment, {
      segmentKey: segment.key,
      status: "rejected",
      errorCode: segment.lastStatus,
      errorName,
      permanent: false,
    });
  }

  // ---- what binds report (BindEvents) ----

  now(): number {
    return performance.now();
  }

  bound(bind: BindSession<PoolSegment>): void {
    this.log.info("bind up", { bind: bind.id, systemId: this.config.systemId });
    this.notifyStateWaiters();
    this.pump();
  }

  ready(bind: BindSession<PoolSegment>): void {
    if (bind.state === "bound") this.schedulePump();
  }

  submitAnswered(bind: BindSession<PoolSegment>, entry: InFlight<PoolSegment>, pdu: Pdu): void {
    this.inFlight--;
    const now = this.now();
    const segment = entry.segment;
    const latency = now - entry.sentAt;
    this.latency.add(latency);
    this.options.onSubmitLatency?.(latency);
    const isNack = pdu.command === "generic_nack";
    if (isNack) this.totals.genericNacks++;
    // A generic_nack with status 0 is malformed; it still says the SMSC did not take the request.
    const status = isNack && pdu.command_status === ESME.ROK ? ESME.RSYSERR : pdu.command_status;
    const kind = classifyCommandStatus(status);
    if (kind === "ok") {
      const smscMessageId = pdu.message_id ?? "";
      this.totals.accepted++;
      bind.countAccepted();
      this.meter.add(now);
      this.settle(segment, {
        segmentKey: segment.key,
        status: "accepted",
        messageId: normaliseMessageId(smscMessageId, this.config.messageIdFormats.submitResponse),
        smscMessageId,
      });
    } else if (kind === "throttle") {
      this.totals.throttled++;
      bind.pauseForThrottle(now);
      segment.lastStatus = status;
      if (this.state === "running") this.queue.putBack(segment);
      else this.rejectUnsent(segment, "POOL_CLOSED");
    } else {
      this.totals.rejected++;
      const errorName = commandStatusName(status);
      bind.countError(errorName);
      this.settle(segment, {
        segmentKey: segment.key,
        status: "rejected",
        errorCode: status,
        errorName,
        permanent: kind === "permanent",
      });
      if (status === ESME.RINVBNDSTS) bind.fail("SMSC says the bind is not bound");
    }
    if (this.queue.size > 0) this.schedulePump();
  }

  submitUnknown(
    bind: BindSession<PoolSegment>,
    entry: InFlight<PoolSegment>,
    reason: "connection_lost" | "response_timeout",
  ): void {
    this.inFlight--;
    this.totals.unknown++;
    if (reason === "response_timeout") {
      this.totals.responseTimeouts++;
      bind.countError("submit_sm_resp timed out");
    }
    this.settle(entry.segment, { segmentKey: entry.segment.key, status: "unknown", reason });
    this.schedulePump();
  }

  lateResponse(): void {
    this.totals.lateResponses++;
  }

  linkDown(bind: BindSession<PoolSegment>, reason: string, wasBound: boolean): void {
    if (this.state === "running") {
      this.totals.linkFailures++;
      bind.countError(reason);
      if (wasBound) this.log.warn("bind down", { bind: bind.id, reason });
    }
    this.notifyStateWaiters();
    this.schedulePump(); // segments this bind never wrote go to the others
  }

  bindRefused(bind: BindSession<PoolSegment>, reason: string): void {
    this.totals.bindFailures++;
    this.log.warn("bind refused", { bind: bind.id, reason });
  }

  deliverSm(bind: BindSession<PoolSegment>, raw: Buffer, respond: (commandStatus: number) => void): void {
    let message;
    try {
      message = parseMessagePdu(raw);
    } catch (error) {
      // Redelivering bytes we cannot read would loop forever: refuse it permanently.
      this.log.warn("unreadable deliver_sm", { error: (error as Error).message });
      respond(ESME.RX_P_APPN);
      return;
    }
    if (isDeliveryReceipt(message)) {
      const receipt = readDeliveryReceipt(message, this.config.messageIdFormats, {
        utcOffsetMinutes: this.config.receiptUtcOffsetMinutes,
      });
      if (!receipt) {
        this.totals.unreadableReceipts++;
        this.log.warn("receipt without a message id", { source: message.source.address });
        respond(ESME.ROK);
        return;
      }
      this.acceptReceipt(receipt, { bind: bind.id, raw }, respond);
      return;
    }
    const part = readReplyPart(message);
    if (this.options.onReplyPart) {
      invoke((p: ReplyPart) => this.options.onReplyPart!(p, { bind: bind.id, raw }), part).then(
        () => {
          this.totals.replies++;
          respond(ESME.ROK);
        },
        (error: unknown) => {
          this.log.warn("reply handler failed", { from: part.from, error: String(error) });
          respond(ESME.RX_T_APPN);
        },
      );
      return;
    }
    const reply = this.assembler.add(part, this.now());
    if (!reply) return respond(ESME.ROK); // a part of a long reply: kept until the rest arrives
    this.handleReply(reply).then(
      () => respond(ESME.ROK),
      () => respond(ESME.RX_T_APPN),
    );
  }

  // ---- receipts and replies ----

  private acceptReceipt(receipt: DeliveryReceipt, meta: DeliveryMeta, respond: (commandStatus: number) => void): void {
    const key = `${receipt.messageId}\u0000${receipt.state}\u0000${receipt.recipient}`;
    if (this.receiptsSeen.has(key)) {
      this.totals.duplicateReceipts++;
      return respond(ESME.ROK);
    }
    const running = this.receiptsInProgress.get(key);
    if (running) {
      // The same receipt again while its first copy is still being handled (redelivered on another bind).
      this.totals.duplicateReceipts++;
      running.then(
        () => respond(ESME.ROK),
        () => respond(ESME.RX_T_APPN),
      );
      return;
    }
    const onReceipt = this.options.onReceipt;
    const handled = onReceipt ? invoke((r: DeliveryReceipt) => onReceipt(r, meta), receipt) : Promise.resolve();
    this.receiptsInProgress.set(key, handled);
    handled.then(
      () => {
        this.receiptsInProgress.delete(key);
        this.receiptsSeen.add(key);
        this.totals.receipts++;
        respond(ESME.ROK);
      },
      (error: unknown) => {
        this.receiptsInProgress.delete(key);
        this.log.warn("receipt handler failed; the SMSC will redeliver", {
          messageId: receipt.messageId,
          error: String(error),
        });
        respond(ESME.RX_T_APPN);
      },
    );
  }

  private handleReply(reply: Reply): Promise<void> {
    return invoke(this.options.onReply, reply).then(
      () => {
        this.totals.replies++;
      },
      (error: unknown) => {
        this.log.warn("reply handler failed", { from: reply.from, error: String(error) });
        throw error;
      },
    );
  }

  private houseKeep(): void {
    const now = this.now();
    for (
      let head = this.queue.peek();
      head && now - head.enqueuedAt >= this.config.queueTimeoutMs;
      head = this.queue.peek()
    ) {
      this.queue.shift();
      this.rejectUnsent(head, "QUEUE_TIMEOUT");
    }
    for (const reply of this.assembler.expire(now)) this.handleReply(reply).catch(() => {});
  }

  private notifyStateWaiters(): void {
    for (const waiter of [...this.stateWaiters]) waiter();
  }
}

/** Runs a handler that may be sync or async, as a promise (a synchronous throw becomes a rejection). */
function invoke<T>(handler: ((value: T) => void | Promise<void>) | undefined, value: T): Promise<void> {
  if (!handler) return Promise.resolve();
  try {
    return Promise.resolve(handler(value));
  } catch (error) {
    return Promise.reject(error);
  }
}
