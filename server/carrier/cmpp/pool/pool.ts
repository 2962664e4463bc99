// The CMPP link: N connections of one SP account sharing one queue of segments. Same rules, same
// outcomes and same inbound handler shapes as the SMPP pool (server/smpp/pool/pool.ts):
// - A segment is resent only when the ISMG refused it with Result 8 (flow control: after a pause,
//   before anything newer), or when it was never written (a connection that died before its turn).
//   A segment written without an answer comes back "unknown" and is never resent here.
// - Rate limits count segments (one CMPP_SUBMIT each), per connection and per link.
// - A status report or reply is answered (DELIVER_RESP) only after its handler has finished; a
//   handler that rejects gets Result 9 (the ISMG may deliver it again). Reports already handled
//   (Msg_Id, Stat, handset) are recognised and not passed on twice.
// - A report's Msg_Id is matched in both byte orders: some gateways write the report's Msg_Id
//   little-endian. The one a recent accepted outcome had wins; else the one whose date fields can be real.
import { type DeliveryMeta, type SegmentOutcome, type SegmentSubmission, type SmppLogger } from "../../../smpp";
import { type DeliveryReceipt, type Reply, type ReplyPart, ReplyAssembler, parseUdh } from "../../../smpp/codec";
import { LatencyReservoir, RateMeter } from "../../../smpp/pool/meter";
import { type Queued, SubmitQueue } from "../../../smpp/pool/queue";
import { TokenBucket } from "../../../smpp/pool/rate-limit";
import { RecentKeys } from "../../../smpp/pool/recent-keys";
import { type SmppPoolStatus } from "../../../smpp/pool/types";
import { type CarrierInboundHandlers, type CarrierLink, type SubmitOptions } from "../../types";
import { msgIdHex, msgIdKey, plausibleMsgId, swapMsgIdBytes } from "../codec/msg-id";
import { type DeliverPdu, MSG_FMT, type SubmitRespPdu } from "../codec/pdu";
import { decodeReport, reportState, reportTime } from "../codec/report";
import { classifySubmitResult, submitResultName } from "../codec/results";
import { type CmppConfig, validateCmppConfig } from "../config";
import { CmppConnection, type ConnectionEvents, type InFlight, type SendableSegment } from "./session";

export interface CmppPoolOptions extends CarrierInboundHandlers {
  config: CmppConfig;
  onSubmitLatency?: (ms: number) => void;
  logger?: SmppLogger;
  replyAssemblyTimeoutMs?: number;
  receiptMemory?: number;
  /** Accepted Msg_Ids remembered to pick a report's byte order. Default 200,000. */
  acceptedMemory?: number;
  random?: () => number;
  /** The wall clock for CONNECT timestamps (tests pin it). */
  clock?: () => Date;
}

export type CmppPool = CarrierLink;

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
  lastResult: number | null;
}

/** DELIVER_RESP Result: 0 received; 9 when our handler failed (the gateway may deliver it again). */
const DELIVER_OK = 0;
const DELIVER_FAILED = 9;

const logger: SmppLogger = {
  info: (message, fields) => console.info(`[cmpp] ${message}`, fields ?? ""),
  warn: (message, fields) => console.warn(`[cmpp] ${message}`, fields ?? ""),
};

export function createCmppPool(options: CmppPoolOptions): CmppPool {
  return new Pool(options);
}

class Pool implements CmppPool, ConnectionEvents<PoolSegment> {
  private readonly config: CmppConfig;
  private readonly log: SmppLogger;
  private readonly queue = new SubmitQueue<PoolSegment>();
  private readonly pendingKeys = new Set<string>();
  private readonly connections: CmppConnection<PoolSegment>[];
  private readonly link: TokenBucket;
  private readonly meter = new RateMeter();
  private readonly latency = new LatencyReservoir();
  private readonly receiptsSeen: RecentKeys;
  private readonly acceptedIds: RecentKeys;
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

  constructor(private readonly options: CmppPoolOptions) {
    this.config = validateCmppConfig(options.config);
    this.log = options.logger ?? logger;
    this.link = new TokenBucket(this.config.linkMaxPerSecond, this.now());
    this.receiptsSeen = new RecentKeys(options.receiptMemory ?? 100_000);
    this.acceptedIds = new RecentKeys(options.acceptedMemory ?? 200_000);
    this.assembler = new ReplyAssembler(options.replyAssemblyTimeoutMs ?? 300_000);
    this.connections = Array.from(
      { length: this.config.connections },
      (_, i) => new CmppConnection(i + 1, this.config, this, options.random, options.clock),
    );
    this.housekeeping = setInterval(
      () => this.houseKeep(),
      Math.min(1000, Math.max(50, this.config.queueTimeoutMs / 4)),
    );
    this.housekeeping.unref();
    for (const connection of this.connections) connection.start();
  }

  submit(segments: readonly SegmentSubmission[], options: SubmitOptions = {}): Promise<SegmentOutcome[]> {
    if (this.state !== "running") throw new Error("CMPP pool is closed");
    const width = this.config.version === "3.0" ? 32 : 21;
    const keys = new Set<string>();
    for (const s of segments) {
      if (!s.segmentKey) throw new TypeError("segmentKey is required");
      if (keys.has(s.segmentKey) || this.pendingKeys.has(s.segmentKey))
        throw new Error(`segment ${s.segmentKey} is already being submitted`);
      keys.add(s.segmentKey);
      if (!s.destination || s.destination.length > width)
        throw new RangeError(`segment ${s.segmentKey}: bad destination`);
      // Src_Id: the access number plus the enterprise's extension, digits, at most 21.
      if (s.source !== undefined && !/^\d{1,21}$/.test(s.source))
        throw new RangeError(`segment ${s.segmentKey}: bad source (Src_Id)`);
      if (![MSG_FMT.ASCII, MSG_FMT.UCS2, MSG_FMT.GBK].includes(s.dataCoding as 0 | 8 | 15))
        throw new RangeError(`segment ${s.segmentKey}: Msg_Fmt must be 0, 8 or 15`);
      const length = (s.udh?.length ?? 0) + s.shortMessage.length;
      const max = s.dataCoding === MSG_FMT.ASCII && !s.udh ? 160 : 140;
      if (length > max) throw new RangeError(`segment ${s.segmentKey}: ${length} octets, at most ${max}`);
      const rd = s.registeredDelivery ?? 1;
      if (rd !== 0 && rd !== 1) throw new RangeError(`segment ${s.segmentKey}: Registered_Delivery must be 0 or 1`);
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
        const concatenation = udh ? parseUdh(udh).concatenation : null;
        this.pendingKeys.add(s.segmentKey);
        this.queue.push({
          key: s.segmentKey,
          ordinal: this.nextOrdinal++,
          enqueuedAt: now,
          batch,
          index,
          lastResult: null,
          destination: s.destination,
          srcId: s.source ?? this.config.srcId,
          msgFmt: s.dataCoding,
          udh,
          payload: s.shortMessage,
          registeredDelivery: s.registeredDelivery ?? 1,
          pkTotal: concatenation?.total ?? 1,
          pkNumber: concatenation?.sequence ?? 1,
        });
      });
      this.pump();
    });
  }

  status(): SmppPoolStatus {
    const now = this.now();
    const connections = this.connections.map((c) => c.status());
    return {
      state: this.state,
      systemId: this.config.sourceAddr,
      bindsUp: connections.filter((c) => c.state === "bound").length,
      bindsConfigured: this.connections.length,
      queued: this.queue.size,
      inFlight: this.inFlight,
      submittedPerSecond: this.meter.perSecond(now),
      errors: connections.reduce((sum, c) => sum + c.errors, 0),
      latencyMs: this.latency.percentiles(),
      totals: { ...this.totals },
      binds: connections,
    };
  }

  /** Rejects early with the gateway's refusal (bad source address, authentication, version) when every connection was refused. */
  waitUntilBound(options: { binds?: number; timeoutMs?: number } = {}): Promise<void> {
    const wanted = Math.min(options.binds ?? this.connections.length, this.connections.length);
    const timeoutMs = options.timeoutMs ?? 10_000;
    const enough = () => this.connections.filter((c) => c.state === "bound").length >= wanted;
    if (enough()) return Promise.resolve();
    return new Promise<void>((resolve, reject) => {
      const waiter = () => {
        if (enough()) {
          clearTimeout(timer);
          this.stateWaiters.delete(waiter);
          resolve();
          return;
        }
        const refusal = this.connections.every((c) => c.lastRefusal) ? this.connections[0]!.lastRefusal : null;
        if (refusal) {
          clearTimeout(timer);
          this.stateWaiters.delete(waiter);
          reject(refusal);
        }
      };
      const timer = setTimeout(() => {
        this.stateWaiters.delete(waiter);
        reject(new Error(`fewer than ${wanted} CMPP connections up after ${timeoutMs} ms`));
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
    await Promise.all(this.connections.map((c) => c.close(Math.max(100, deadline - this.now()))));
    clearInterval(this.housekeeping);
    await Promise.allSettled(this.receiptsInProgress.values());
    for (const reply of this.assembler.expire(Infinity)) await this.handleReply(reply).catch(() => {});
    this.state = "closed";
  }

  // ---- sending ----

  private pump(): void {
    if (this.state !== "running" || this.pumping) return;
    this.pumping = true;
    try {
      const now = this.now();
      for (let i = 0; i < this.connections.length && this.queue.size > 0; i++) {
        this.fill(this.connections[(this.roundRobin + i) % this.connections.length]!, now);
      }
      this.roundRobin = (this.roundRobin + 1) % this.connections.length;
      this.scheduleRateWait(now);
    } finally {
      this.pumping = false;
    }
  }

  private schedulePump(): void {
    if (this.pumpScheduled) return;
    this.pumpScheduled = true;
    queueMicrotask(() => {
      this.pumpScheduled = false;
      this.pump();
    });
  }

  private fill(connection: CmppConnection<PoolSegment>, now: number): void {
    if (!connection.canSend(now) || this.queue.size === 0) return;
    connection.sendBatch(() => {
      while (this.queue.size > 0 && connection.canSend(now)) {
        if (connection.bucket.available(now) < 1 || this.link.available(now) < 1) return;
        const segment = this.queue.shift()!;
        if (!connection.send(segment, now)) {
          this.queue.putBack(segment); // never written: another connection may take it
          return;
        }
        connection.bucket.tryTake(now);
        this.link.tryTake(now);
        this.inFlight++;
      }
    });
  }

  private scheduleRateWait(now: number): void {
    if (this.queue.size === 0 || this.rateTimer) return;
    let wait = Infinity;
    for (const connection of this.connections) {
      if (!connection.canSend(now)) continue;
      wait = Math.min(wait, Math.max(connection.bucket.waitMs(now), this.link.waitMs(now)));
    }
    if (!Number.isFinite(wait)) return;
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
    this.settle(segment, {
      segmentKey: segment.key,
      status: "rejected",
      errorCode: segment.lastResult,
      errorName: segment.lastResult === null ? reason : submitResultName(segment.lastResult),
      permanent: false,
    });
  }

  // ---- what connections report ----

  now(): number {
    return performance.now();
  }

  bound(connection: CmppConnection<PoolSegment>): void {
    this.log.info("connection up", { connection: connection.id, sourceAddr: this.config.sourceAddr });
    this.notifyStateWaiters();
    this.pump();
  }

  ready(connection: CmppConnection<PoolSegment>): void {
    if (connection.state === "bound") this.schedulePump();
  }

  submitAnswered(connection: CmppConnection<PoolSegment>, entry: InFlight<PoolSegment>, pdu: SubmitRespPdu): void {
    this.inFlight--;
    const now = this.now();
    const segment = entry.segment;
    const latency = now - entry.sentAt;
    this.latency.add(latency);
    this.options.onSubmitLatency?.(latency);
    const kind = classifySubmitResult(pdu.result);
    if (kind === "ok") {
      const messageId = msgIdKey(pdu.msgId);
      this.acceptedIds.add(messageId);
      this.totals.accepted++;
      connection.countAccepted();
      this.meter.add(now);
      this.settle(segment, {
        segmentKey: segment.key,
        status: "accepted",
        messageId,
        smscMessageId: msgIdHex(pdu.msgId),
      });
    } else if (kind === "throttle") {
      this.totals.throttled++;
      connection.pauseForThrottle(now);
      segment.lastResult = pdu.result;
      if (this.state === "running") this.queue.putBack(segment);
      else this.rejectUnsent(segment, "POOL_CLOSED");
    } else {
      this.totals.rejected++;
      const errorName = submitResultName(pdu.result);
      connection.countError(errorName);
      this.settle(segment, {
        segmentKey: segment.key,
        status: "rejected",
        errorCode: pdu.result,
        errorName,
        permanent: kind === "permanent",
      });
    }
    if (this.queue.size > 0) this.schedulePump();
  }

  submitUnknown(
    connection: CmppConnection<PoolSegment>,
    entry: InFlight<PoolSegment>,
    reason: "connection_lost" | "response_timeout",
  ): void {
    this.inFlight--;
    this.totals.unknown++;
    if (reason === "response_timeout") {
      this.totals.responseTimeouts++;
      connection.countError("CMPP_SUBMIT_RESP timed out");
    }
    this.settle(entry.segment, { segmentKey: entry.segment.key, status: "unknown", reason });
    this.schedulePump();
  }

  lateResponse(): void {
    this.totals.lateResponses++;
  }

  linkDown(connection: CmppConnection<PoolSegment>, reason: string, wasBound: boolean): void {
    if (this.state === "running") {
      this.totals.linkFailures++;
      connection.countError(reason);
      if (wasBound) this.log.warn("connection down", { connection: connection.id, reason });
    }
    this.notifyStateWaiters();
    this.schedulePump();
  }

  connectRefused(connection: CmppConnection<PoolSegment>, reason: string, code: string): void {
    this.totals.bindFailures++;
    this.log.warn("connect refused", { connection: connection.id, code, reason });
    this.notifyStateWaiters();
  }

  deliver(
    connection: CmppConnection<PoolSegment>,
    pdu: DeliverPdu,
    raw: Buffer,
    respond: (result: number) => void,
  ): void {
    const meta: DeliveryMeta = { bind: connection.id, raw };
    if (pdu.registeredDelivery === 1) {
      let receipt: DeliveryReceipt;
      try {
        receipt = this.readReceipt(pdu);
      } catch (error) {
        // Asking for it again would bring the same bytes: take it and say so.
        this.totals.unreadableReceipts++;
        this.log.warn("unreadable status report", { error: (error as Error).message });
        respond(DELIVER_OK);
        return;
      }
      this.acceptReceipt(receipt, meta, respond);
      return;
    }
    const part = readReplyPart(pdu);
    if (this.options.onReplyPart) {
      invoke((p: ReplyPart) => this.options.onReplyPart!(p, meta), part).then(
        () => {
          this.totals.replies++;
          respond(DELIVER_OK);
        },
        (error: unknown) => {
          this.log.warn("reply handler failed", { from: part.from, error: String(error) });
          respond(DELIVER_FAILED);
        },
      );
      return;
    }
    const reply = this.assembler.add(part, this.now());
    if (!reply) return respond(DELIVER_OK);
    this.handleReply(reply).then(
      () => respond(DELIVER_OK),
      () => respond(DELIVER_FAILED),
    );
  }

  // ---- receipts and replies ----

  /** The report as the SMPP layer's DeliveryReceipt, its messageId in the byte order we accepted. */
  private readReceipt(pdu: DeliverPdu): DeliveryReceipt {
    const report = decodeReport(pdu.msgContent, this.config.version);
    const { state, final, errorCode } = reportState(report.stat);
    return {
      messageId: this.matchMsgId(report.msgId),
      smscMessageId: msgIdHex(report.msgId),
      state,
      final,
      stat: report.stat,
      errorCode,
      submittedAt: reportTime(report.submitTime),
      doneAt: reportTime(report.doneTime),
      recipient: report.destTerminalId || pdu.srcTerminalId,
      sender: pdu.destId,
    };
  }

  private matchMsgId(wire: bigint): string {
    const asIs = msgIdKey(wire);
    if (this.acceptedIds.has(asIs)) return asIs;
    const swapped = msgIdKey(swapMsgIdBytes(wire));
    if (this.acceptedIds.has(swapped)) return swapped;
    // Neither is one we remember (a restart, or an old message): the one that can be a real Msg_Id.
    if (!plausibleMsgId(wire) && plausibleMsgId(swapMsgIdBytes(wire))) return swapped;
    return asIs;
  }

  private acceptReceipt(receipt: DeliveryReceipt, meta: DeliveryMeta, respond: (result: number) => void): void {
    const key = `${receipt.messageId}\u0000${receipt.stat ?? receipt.state}\u0000${receipt.recipient}`;
    if (this.receiptsSeen.has(key)) {
      this.totals.duplicateReceipts++;
      return respond(DELIVER_OK);
    }
    const running = this.receiptsInProgress.get(key);
    if (running) {
      this.totals.duplicateReceipts++;
      running.then(
        () => respond(DELIVER_OK),
        () => respond(DELIVER_FAILED),
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
        respond(DELIVER_OK);
      },
      (error: unknown) => {
        this.receiptsInProgress.delete(key);
        this.log.warn("receipt handler failed; the gateway may deliver it again", {
          messageId: receipt.messageId,
          error: String(error),
        });
        respond(DELIVER_FAILED);
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

/**
 * A reply DELIVER as the SMPP layer's ReplyPart. dataCoding is the Msg_Fmt; ASCII (0) becomes
 * Latin-1 (3) there so that the pipeline's decodeText reads octets, not GSM-7 septets.
 */
export function readReplyPart(pdu: DeliverPdu): ReplyPart {
  let body = pdu.msgContent;
  let concatenation = null;
  if (pdu.tpUdhi && body.length > 0 && body[0]! + 1 <= body.length) {
    const udh = body.subarray(0, body[0]! + 1);
    body = body.subarray(udh.length);
    concatenation = parseUdh(udh).concatenation;
    if (concatenation && concatenation.total === 1) concatenation = null;
  }
  return {
    from: pdu.srcTerminalId,
    to: pdu.destId,
    dataCoding: pdu.msgFmt === MSG_FMT.ASCII ? 0x03 : pdu.msgFmt,
    body,
    concatenation,
  };
}

function invoke<T>(handler: ((value: T) => void | Promise<void>) | undefined, value: T): Promise<void> {
  if (!handler) return Promise.resolve();
  try {
    return Promise.resolve(handler(value));
  } catch (error) {
    return Promise.reject(error);
  }
}
