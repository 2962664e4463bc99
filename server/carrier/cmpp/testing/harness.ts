// Test support for the CMPP pool: the pool against an in-process CMPP simulator on a free port.
import {
  type DeliveryReceipt,
  type Reply,
  type SegmentOutcome,
  type SegmentSubmission,
  silentLogger,
} from "../../../smpp";
import { type CmppVersion } from "../codec/pdu";
import { encodeCmppMessage } from "../codec/message";
import { type CmppConfig, loadCmppConfig } from "../config";
import { type CmppPool, type CmppPoolOptions, createCmppPool } from "../pool/pool";
import { type CmppSimulator, startCmppSimulator } from "../simulator/server";
import { type CmppSimulatorSettingsPatch } from "../simulator/settings";

export function testConfig(port: number, version: CmppVersion, overrides: Partial<CmppConfig> = {}): CmppConfig {
  return {
    ...loadCmppConfig({}),
    port,
    version,
    connectionMaxPerSecond: 0,
    responseTimeoutMs: 2_000,
    activeTestMs: 5_000,
    reconnect: { minMs: 10, maxMs: 100 },
    throttlePauseMs: 50,
    ...overrides,
  };
}

export interface Harness {
  simulator: CmppSimulator;
  pool: CmppPool;
  receipts: DeliveryReceipt[];
  replies: Reply[];
  close(): Promise<void>;
}

export async function startHarness(
  options: {
    version?: CmppVersion;
    simulator?: CmppSimulatorSettingsPatch;
    config?: Partial<CmppConfig>;
    pool?: Partial<Omit<CmppPoolOptions, "config">>;
    waitForBinds?: boolean;
  } = {},
): Promise<Harness> {
  const version = options.version ?? "3.0";
  const simulator = await startCmppSimulator({
    port: 0,
    version,
    settings: options.simulator ?? { receiptDelayMs: 10 },
  });
  const receipts: DeliveryReceipt[] = [];
  const replies: Reply[] = [];
  const pool = createCmppPool({
    config: testConfig(simulator.port, version, options.config),
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

/** n single-segment ASCII messages whose text names them ("m7"), to different handsets. */
export function segments(n: number, prefix = "m"): SegmentSubmission[] {
  return Array.from({ length: n }, (_, i) => {
    const encoded = encodeCmppMessage(`${prefix}${i}`, { reference: 0 });
    return {
      segmentKey: `${prefix}${i}`,
      destination: `1380013${String(i).padStart(4, "0")}`,
      dataCoding: encoded.dataCoding,
      shortMessage: encoded.segments[0]!.payload,
    };
  });
}

export async function eventually(check: () => boolean, timeoutMs = 10_000, what = "condition"): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 10));
  }
}

export function byStatus(outcomes: SegmentOutcome[]): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const o of outcomes) counts[o.status] = (counts[o.status] ?? 0) + 1;
  return counts;
}
