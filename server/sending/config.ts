// Settings of the sending pipeline, from the environment (validated once per process).
//
//   SENDING_RECEIPT_TIMEOUT_MINUTES  (4320 = 72 h) a message the carrier took (or whose submission
//                                     is UNKNOWN) with no final receipt after this long becomes
//                                     EXPIRED. Carriers keep undelivered SMS for 48-72 h, so a
//                                     receipt later than that does not come. Fractions are allowed
//                                     (tests use a few seconds).
//   SENDING_BATCH_MAX                 (5000) most segments one batch run submits.
//   SENDING_BATCH_SECONDS             (20) a batch is sized to take about this long at the account's
//                                     rate limit, so that it finishes well inside the pool's queue
//                                     timeout and a crash leaves little work in flight.
//   SENDING_CHUNK                     (1000) messages claimed and recorded together inside a batch.
//   SENDING_CHUNKS_IN_FLIGHT          (4) chunks handed to the pool before the oldest is recorded.
//   SENDING_BATCH_CONCURRENCY         (default max(2, SMPP_BINDS)) batch runs at once.
//   SENDING_ENTERPRISE_BATCH_CONCURRENCY (default batch concurrency - 1, at least 1) batch runs of
//                                     one enterprise at once: a big send leaves a slot for the
//                                     others (Inngest concurrency keyed on event.data.enterpriseId).
//   SENDING_RECEIPT_BATCHES           (2) receipt batches written at once (./inbox.ts): while one
//                                     waits on the database the next is written (a 30k A/B on two
//                                     cores: 5,380-5,677 receipts/s with 2, 3,557-4,454 with 1).
//   SENDING_RECORD_MS                 (100) submit outcomes are recorded at least this often while
//                                     they come back (./submit.ts), so a receipt rarely waits for
//                                     its segment's carrier id.
//   SENDING_INBOX_SWEEP_MS            (1000) how often a process with a gateway sweeps the carrier
//                                     inbox (pending receipts, adoption, duplicates, replies).
import { z } from "zod";
import { loadSmppConfig, type SmppConfig } from "../smpp/config";

const positive = z.coerce.number().positive();
const int = (min: number, max: number) => z.coerce.number().int().min(min).max(max);

const schema = z.object({
  SENDING_RECEIPT_TIMEOUT_MINUTES: positive.max(30 * 24 * 60).default(72 * 60),
  SENDING_BATCH_MAX: int(1, 100_000).default(5000),
  SENDING_BATCH_SECONDS: positive.max(600).default(20),
  SENDING_CHUNK: int(1, 10_000).default(1000),
  SENDING_CHUNKS_IN_FLIGHT: int(1, 64).default(4),
  SENDING_BATCH_CONCURRENCY: int(1, 64).optional(),
  SENDING_ENTERPRISE_BATCH_CONCURRENCY: int(1, 64).optional(),
  SENDING_RECEIPT_BATCHES: int(1, 16).default(2),
  SENDING_RECORD_MS: int(1, 10_000).default(100),
  SENDING_INBOX_SWEEP_MS: int(50, 60_000).default(1000),
});

export interface SendingConfig {
  receiptTimeoutMs: number;
  batchMax: number;
  batchSeconds: number;
  chunk: number;
  chunksInFlight: number;
  batchConcurrency: number;
  enterpriseBatchConcurrency: number;
  receiptBatches: number;
  recordMs: number;
  inboxSweepMs: number;
}

export function loadSendingConfig(
  env: Record<string, string | undefined> = process.env,
  smpp?: SmppConfig,
): SendingConfig {
  const parsed = schema.safeParse(env);
  if (!parsed.success) throw new Error(`Invalid sending configuration: ${z.prettifyError(parsed.error)}`);
  const e = parsed.data;
  const binds = (smpp ?? loadSmppConfig(env)).binds;
  const batchConcurrency = e.SENDING_BATCH_CONCURRENCY ?? Math.max(2, binds);
  return {
    receiptTimeoutMs: Math.round(e.SENDING_RECEIPT_TIMEOUT_MINUTES * 60_000),
    batchMax: e.SENDING_BATCH_MAX,
    batchSeconds: e.SENDING_BATCH_SECONDS,
    chunk: e.SENDING_CHUNK,
    chunksInFlight: e.SENDING_CHUNKS_IN_FLIGHT,
    batchConcurrency,
    enterpriseBatchConcurrency: Math.min(
      batchConcurrency,
      e.SENDING_ENTERPRISE_BATCH_CONCURRENCY ?? Math.max(1, batchConcurrency - 1),
    ),
    receiptBatches: e.SENDING_RECEIPT_BATCHES,
    recordMs: e.SENDING_RECORD_MS,
    inboxSweepMs: e.SENDING_INBOX_SWEEP_MS,
  };
}

let cached: SendingConfig | undefined;

/** The process's settings (read once). */
export function sendingConfig(): SendingConfig {
  cached ??= loadSendingConfig();
  return cached;
}

/**
 * Segments per batch run: what the account can send in about SENDING_BATCH_SECONDS at its rate
 * limit (binds x per-bind limit, or the account limit if lower), capped by SENDING_BATCH_MAX. The
 * pool's token buckets pace the segments; the batch size keeps each run short, so that it ends well
 * inside the pool's queue timeout and a crash leaves little in flight.
 */
export function segmentsPerBatch(smpp: SmppConfig, config: SendingConfig): number {
  const perBind = smpp.bindMaxPerSecond > 0 ? smpp.bindMaxPerSecond * smpp.binds : Infinity;
  const account = smpp.accountMaxPerSecond > 0 ? smpp.accountMaxPerSecond : Infinity;
  const rate = Math.min(perBind, account);
  if (!Number.isFinite(rate)) return config.batchMax;
  return Math.max(config.chunk, Math.min(config.batchMax, Math.floor(rate * config.batchSeconds)));
}
