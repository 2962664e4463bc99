// Test support for the smpp project: the pool against an in-process simulator on a free port,
// segments whose bytes identify them at the simulator, and polling helpers.
import { expect } from "vitest";
import { type SmppConfig, loadSmppConfig } from "../config";
import { type DeliveryReceipt } from "../codec/receipt";
import { type Reply } from "../codec/reply";
import { encodeMessage } from "../codec/segment";
import { type SmppPool, type SmppPoolOptions, createSmppPool } from "../pool/pool";
import { type SegmentOutcome, type SegmentSubmission, silentLogger } from "../pool/types";
import { type Simulator, startSimulator } from "../simulator/server";
import { type SimulatorSettingsPatch } from "../simulator/settings";
import { type SubmitRecord } from "../simulator/types";

/** Fast timers so that faults resolve in milliseconds, no rate limit unless a test sets one. */
export function testConfig(port: number, overrides: Partial<SmppConfig> = {}): SmppConfig {
  return {
    ...loadSmppConfig({}),
    port,
    bindMaxPerSecond: 0,
    responseTimeoutMs: 2_000,
    enquireLinkMs: 5_000,
    rebind: { minMs: 10, maxMs: 100 },
    throttlePauseMs: 50,
    ...overrides,
  };
}

export interface Harness {
  simulator: Simulator;
  pool: SmppPool;
  /** Receipts the app got (handler returned), in order. */
  receipts: DeliveryReceipt[];
  replies: Reply[];
  close(): Promise<void>;
}

export async function startHarness(
  options: {
    simulator?: SimulatorSettingsPatch;
    config?: Partial<SmppConfig>;
    pool?: Partial<Omit<SmppPoolOptions, "config">>;
    waitForBinds?: boolean;
  } = {},
): Promise<Harness> {
  const simulator = await startSimulator({ port: 0, settings: options.simulator ?? { receiptDelayMs: 10 } });
  const receipts: DeliveryReceipt[] = [];
  const replies: Reply[] = [];
  const pool = createSmppPool({
    config: testConfig(simulator.port, options.config),
    logger: silentLogger,
    onReceipt: (receipt) => {
      receipts.push(receipt);
    },
    onReply: (reply) => {
      replies.push(reply);
    },
    ...options.pool,
  });
  if (options.waitForBinds !== false) await pool.waitUntilBound();
  return {
    simulator,
    pool,
    receipts,
    replies,
    close: async () => {
      await pool.close({ timeoutMs: 1_000 });
      await simulator.close();
    },
  };
}

export interface KeyedBatch {
  segments: SegmentSubmission[];
  /** Segment key by destination + exact short_message bytes, to name what the simulator received. */
  keyOf(record: SubmitRecord): string;
}

/**
 * `messages` messages, every third one long (UCS-2 with a signature, three segments), the others
 * short GSM-7. Each text names its message, so every segment's bytes are unique.
 */
export function keyedMessages(
  messages: number,
  options: { registeredDelivery?: number; longEvery?: number } = {},
): KeyedBatch {
  const longEvery = options.longEvery ?? 3;
  const byBytes = new Map<string, string>();
  const segments: SegmentSubmission[] = [];
  for (let m = 0; m < messages; m++) {
    const destination = `1380013${String(m % 10_000).padStart(4, "0")}`;
    const text =
      longEvery > 0 && m % longEvery === 0
        ? `【测试公司】第${m}条：您的快递已到达小区驿站，请凭取件码取件。驿站营业时间为每天八点至二十点，逾期未取将退回寄件人，如有疑问请联系客服。😀`
        : `Your code is ${m}`;
    const encoded = encodeMessage(text, { reference: m % 256 });
    for (const s of encoded.segments) {
      const segmentKey = `m${m}:${s.sequence}`;
      const wire = Buffer.concat([s.udh ?? Buffer.alloc(0), s.payload]);
      byBytes.set(`${destination}|${wire.toString("hex")}`, segmentKey);
      segments.push({
        segmentKey,
        destination,
        dataCoding: encoded.dataCoding,
        udh: s.udh,
        shortMessage: s.payload,
        registeredDelivery: options.registeredDelivery ?? 1,
      });
    }
  }
  return {
    segments,
    keyOf: (record) => {
      const key = byBytes.get(`${record.destination}|${record.shortMessage.toString("hex")}`);
      if (!key) throw new Error(`the simulator received bytes nobody sent: ${record.shortMessage.toString("hex")}`);
      return key;
    },
  };
}

/** Waits until the condition holds, checking every 10 ms; fails with the message after the timeout. */
export async function until(condition: () => boolean, timeoutMs: number, message: () => string): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`timed out: ${message()}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

/** Counts of each value. */
export function tally<T>(values: Iterable<T>): Map<T, number> {
  const counts = new Map<T, number>();
  for (const value of values) counts.set(value, (counts.get(value) ?? 0) + 1);
  return counts;
}

export interface EndsCompared {
  accepted: number;
  unknown: number;
  rejected: number;
  /** Segments the simulator accepted (each exactly once), with their message ids. */
  acceptedAtSmsc: Map<string, string>;
}

/**
 * Compares what the app recorded with what the simulator received, by segment key:
 * - one outcome per submitted segment, in order (nothing lost);
 * - the simulator accepted no segment twice, and received a segment more than once only when it
 *   had answered ESME_RTHROTTLED (the one resend the pool may make on its own);
 * - accepted outcomes carry the id the simulator gave; rejected ones never reached acceptance;
 *   unknown ones may or may not have.
 */
export function compareEnds(
  batch: KeyedBatch,
  outcomes: SegmentOutcome[],
  records: readonly SubmitRecord[],
): EndsCompared {
  expect(outcomes.map((o) => o.segmentKey)).toEqual(batch.segments.map((s) => s.segmentKey));
  const byKey = new Map<string, SubmitRecord[]>();
  for (const record of records) {
    const key = batch.keyOf(record);
    byKey.set(key, [...(byKey.get(key) ?? []), record]);
  }
  const result: EndsCompared = { accepted: 0, unknown: 0, rejected: 0, acceptedAtSmsc: new Map() };
  for (const outcome of outcomes) {
    const received = byKey.get(outcome.segmentKey) ?? [];
    const accepted = received.filter((r) => r.result === "accepted");
    expect(accepted.length, `${outcome.segmentKey} accepted at the simulator`).toBeLessThanOrEqual(1);
    expect(
      received.filter((r) => r.result !== "throttled").length,
      `${outcome.segmentKey} sent again without a throttle`,
    ).toBeLessThanOrEqual(1);
    if (accepted[0]) result.acceptedAtSmsc.set(outcome.segmentKey, accepted[0].messageId!);
    if (outcome.status === "accepted") {
      result.accepted++;
      expect(accepted[0]?.messageId, `${outcome.segmentKey} message id`).toBe(outcome.smscMessageId);
    } else if (outcome.status === "rejected") {
      result.rejected++;
      expect(accepted, `${outcome.segmentKey} rejected but accepted`).toHaveLength(0);
    } else {
      result.unknown++;
    }
  }
  return result;
}
