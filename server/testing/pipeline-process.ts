// A pipeline process for the crash test: the built-in runner with the sending functions and the
// process gateway bound to SMPP_URL, against DATABASE_URL. The test kills it with SIGKILL midway
// and starts another. RUNNER_LEASE_MS shortens the lease so the second takes over quickly.
import { createDb } from "../db";
import { createJobRunner } from "../inngest/runner/runner";
import { sendingBatch } from "../inngest/functions/sending-batch";
import { sendingJobStarted } from "../inngest/functions/sending-job-started";
import { ensureProcessGateway } from "../smpp/gateway";
import { silentLogger } from "../smpp/pool/types";
import { connectPipeline } from "../sending/gateway";

const url = process.env.DATABASE_URL;
if (!url || !process.env.SMPP_URL) throw new Error("DATABASE_URL and SMPP_URL are required");
const db = createDb(url, { max: 6 });
const gateway = await ensureProcessGateway({ logger: silentLogger });
connectPipeline(gateway, db);
await gateway.pool.waitUntilBound({ timeoutMs: 10_000 });
const quiet = {
  info: () => {},
  debug: () => {},
  warn: () => {},
  error: (...args: unknown[]) => console.error(...args),
};
const runner = createJobRunner({
  functions: [sendingJobStarted, sendingBatch],
  db,
  pollIntervalMs: 100,
  leaseMs: Number(process.env.RUNNER_LEASE_MS ?? 30_000),
  retryBaseMs: 200,
  retryMaxMs: 1_000,
  logger: quiet,
});
runner.start();
console.log("ready");
