// What comes back from the carrier, wired to the gateway (server/smpp/gateway.ts): receipts are
// applied in batches as they arrive, replies go to compliance (退订 and the replies inbox).
//
// The SMSC's deliver_sm is acknowledged only once its receipt is in the database, so a crash loses
// nothing: unacknowledged receipts are redelivered. A receipt whose SMSC id is unknown (an orphan)
// is first offered to the UNKNOWN segments (./receipts.ts adoptOrphanReceipts); if none takes it
// it is refused, so the SMSC redelivers it later: usually the submission it reports on is still
// being recorded. After ORPHAN_GIVE_UP_MS it is acknowledged and dropped (logged): it reports on
// something this platform does not know.
import { recordInboundReply } from "../compliance";
import type { Db } from "../db";
import type { GatewayInbound, SmppGateway } from "../smpp/gateway";
import type { DeliveryReceipt, Reply } from "../smpp/codec";
import { type ReceiptInput, adoptOrphanReceipts, applyReceipts } from "./receipts";

export interface ReceiptApplierOptions {
  /** Receipts applied in one transaction at most. */
  maxBatch?: number;
  /** How long the first receipt of a batch waits for others. */
  maxDelayMs?: number;
  /** Batches applied at once (default 2; the pipeline passes SENDING_RECEIPT_BATCHES). */
  parallel?: number;
  /** Orphans are refused (redelivered) for this long, then dropped. */
  orphanGiveUpMs?: number;
  /** UNKNOWN segments submitted this long ago can still adopt an orphan receipt. */
  adoptWindowMs: number;
  now?: () => Date;
  log?: (message: string, fields?: Record<string, unknown>) => void;
}

export interface ReceiptApplier {
  receipt(receipt: DeliveryReceipt): Promise<void>;
  /** Applies what is buffered now. */
  flush(): Promise<void>;
  readonly stats: { applied: number; adopted: number; refused: number; dropped: number; batches: number };
}

export const ORPHAN_GIVE_UP_MS = 10 * 60_000;
const APPLY_TIMEOUT_MS = 60_000;

interface Pending {
  input: ReceiptInput;
  resolve: () => void;
  reject: (error: Error) => void;
}

export function createReceiptApplier(db: Db, options: ReceiptApplierOptions): ReceiptApplier {
  const maxBatch = options.maxBatch ?? 1000;
  const maxDelayMs = options.maxDelayMs ?? 5;
  const giveUpMs = options.orphanGiveUpMs ?? ORPHAN_GIVE_UP_MS;
  const now = options.now ?? (() => new Date());
  const log = options.log ?? ((message, fields) => console.warn(`[sending] ${message}`, fields ?? ""));
  const firstSeen = new Map<string, number>();
  const stats = { applied: 0, adopted: 0, refused: 0, dropped: 0, batches: 0 };
  const buffer: Pending[] = [];
  let timer: NodeJS.Timeout | null = null;
  let chain: Promise<void> = Promise.resolve();

  async function apply(batch: Pending[]): Promise<void> {
    const at = now();
    const inputs = batch.map((p) => p.input);
    const first = await applyReceipts(db, inputs, at);
    stats.batches++;
    stats.applied += first.applied;
    let orphans = first.unknown;
    if (orphans.length > 0) {
      const adopted = await adoptOrphanReceipts(db, orphans, at, options.adoptWindowMs);
      if (adopted.size > 0) {
        const again = await applyReceipts(db, orphans.filter((o) => adopted.has(o.smscId)), at);
        stats.adopted += again.applied;
        orphans = orphans.filter((o) => !adopted.has(o.smscId));
      }
    }
    const refused = new Set<string>();
    for (const orphan of orphans) {
      const seen = firstSeen.get(orphan.smscId) ?? at.getTime();
      firstSeen.set(orphan.smscId, seen);
      if (at.getTime() - seen < giveUpMs) refused.add(orphan.smscId);
      else {
        firstSeen.delete(orphan.smscId);
        stats.dropped++;
        log("receipt for an unknown message dropped", { smscId: orphan.smscId, recipient: orphan.recipient });
      }
    }
    for (const p of batch) {
      if (refused.has(p.input.smscId)) {
        stats.refused++;
        p.reject(new Error(`receipt ${p.input.smscId}: no such submission (yet); the SMSC will redeliver it`));
      } else {
        firstSeen.delete(p.input.smscId);
        p.resolve();
      }
    }
  }

  // Adaptive batching: while a batch is being applied the next one gathers, so under load a batch
  // holds everything that arrived meanwhile (up to the SMSC's delivery window) and the cost of a
  // transaction is shared by many receipts; when idle, a receipt waits at most maxDelayMs. Two
  // batches at a time: while one waits on the database (commit, round trips) the other is applied
  // (bench:send --receipt-batches). Exactly once holds however many: the receipt statement
  // re-checks each segment's open state on its newest version, and applyReceipts rolls up long
  // messages whose segments were split between batches after both commits.
  const parallel = options.parallel ?? 2;
  let busy = 0;
  function flush(): Promise<void> {
    if (timer) clearTimeout(timer);
    timer = null;
    if (busy >= parallel || buffer.length === 0) return chain;
    const batch = buffer.splice(0, maxBatch);
    busy++;
    // A batch that hangs (a stuck connection) must not hold every later receipt: after
    // APPLY_TIMEOUT_MS its receipts are refused, so the SMSC redelivers them.
    let timeout: NodeJS.Timeout | undefined;
    const expired = new Promise<never>((_, reject) => {
      timeout = setTimeout(() => reject(new Error(`receipt batch not applied within ${APPLY_TIMEOUT_MS} ms`)), APPLY_TIMEOUT_MS);
    });
    chain = Promise.race([apply(batch), expired])
      .catch((error: unknown) => {
        for (const p of batch) p.reject(error instanceof Error ? error : new Error(String(error)));
      })
      .finally(() => {
        clearTimeout(timeout);
        busy--;
        if (buffer.length > 0) void flush();
      });
    return chain;
  }

  return {
    stats,
    flush,
    receipt(receipt) {
      return new Promise<void>((resolve, reject) => {
        buffer.push({
          input: { smscId: receipt.messageId, state: receipt.state, stat: receipt.stat, errorCode: receipt.errorCode, recipient: receipt.recipient },
          resolve,
          reject,
        });
        if (busy >= parallel) return;
        if (buffer.length >= maxBatch) void flush();
        else timer ??= setTimeout(() => void flush(), maxDelayMs);
      });
    },
  };
}

/** Handlers for the gateway: receipts to the pipeline, replies to compliance. */
export function pipelineInbound(db: Db, options: ReceiptApplierOptions): GatewayInbound & { applier: ReceiptApplier } {
  const applier = createReceiptApplier(db, options);
  const now = options.now ?? (() => new Date());
  return {
    applier,
    receipt: (receipt) => applier.receipt(receipt),
    reply: async (reply: Reply) => {
      await recordInboundReply(db, { from: reply.from, to: reply.to, text: reply.text }, now());
    },
  };
}

/** Connects a gateway's receipts and replies to this process's database. */
export function connectGateway(gateway: SmppGateway, db: Db, options: ReceiptApplierOptions): ReceiptApplier {
  const inbound = pipelineInbound(db, options);
  gateway.setInbound(inbound);
  return inbound.applier;
}
