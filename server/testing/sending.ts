// Test set-up for the sending pipeline: the demo enterprise ready to send (approved signature, a
// daily cap of our choosing, N contacts), and a simulator + gateway + runner in this process.
import { seedDemo } from "@/prisma/demo-data";
import type { Db } from "../db";
import { createJobRunner, type JobRunner } from "../inngest/runner/runner";
import { sendingBatch } from "../inngest/functions/sending-batch";
import { sendingJobStarted } from "../inngest/functions/sending-job-started";
import { type SmppGateway, installProcessGateway, startGateway, stopProcessGateway } from "../smpp/gateway";
import { silentLogger } from "../smpp/pool/types";
import { type Simulator, type SimulatorSettingsPatch, startSimulator } from "../smpp/simulator";
import { connectPipeline } from "../sending/gateway";

export interface Sender {
  userId: string;
  role: "CUSTOMER_ADMIN";
  enterpriseId: string;
  ip: null;
  userAgent: string;
}

/** Seeds the demo data; the demo enterprise gets an approved signature and the given cap. */
export async function readySender(db: Db, options: { dailyCap: number }): Promise<Sender> {
  await seedDemo(db);
  const user = await db.user.findUniqueOrThrow({ where: { email: "admin@demo.example.com" } });
  const enterpriseId = user.enterpriseId!;
  await db.smsSignature.create({
    data: { enterpriseId, text: "示例科技", status: "APPROVED", decidedAt: new Date(), createdById: user.id },
  });
  const contract = await db.contract.findFirstOrThrow({ where: { enterpriseId } });
  await db.packagePrice.update({ where: { id: contract.packagePriceId }, data: { dailyCap: options.dailyCap } });
  return { userId: user.id, role: "CUSTOMER_ADMIN", enterpriseId, ip: null, userAgent: "vitest" };
}

/** `count` contacts of the enterprise numbered from `first` (11-digit mobile numbers); returns them. */
export async function addContacts(db: Db, enterpriseId: string, first: number, count: number): Promise<string[]> {
  await db.$executeRaw`
    INSERT INTO "Contact" (id, "enterpriseId", name, mobile, kind, tags, "updatedAt")
    SELECT 'c' || (${first}::bigint + g)::text, ${enterpriseId}, '客户' || g, (${first}::bigint + g)::text, 'CLIENT', '{}', now()
    FROM generate_series(0, ${count - 1}::int) g`;
  return Array.from({ length: count }, (_, i) => String(first + i));
}

export interface InProcessPipeline {
  simulator: Simulator;
  gateway: SmppGateway;
  runner: JobRunner;
  close(): Promise<void>;
}

/** A simulator, the process gateway bound to it and connected to `db`, and a fast runner. */
export async function startInProcessPipeline(
  db: Db,
  settings: SimulatorSettingsPatch = {},
  options: { env?: Record<string, string> } = {},
): Promise<InProcessPipeline> {
  const simulator = await startSimulator({
    port: 0,
    settings: { receiptDelayMs: 20, redeliveryDelayMs: 100, ...settings },
  });
  // Without `env`, fast test settings (no rate limit, quick rebinds); with it, the defaults of
  // server/smpp/config.ts except what it sets.
  const env = options.env ?? {
    SMPP_BIND_MAX_PER_SECOND: "0",
    SMPP_WINDOW: "50",
    SMPP_REBIND_MIN_MS: "10",
    SMPP_REBIND_MAX_MS: "100",
  };
  const gateway = await startGateway({
    env: { SMPP_URL: `smpp://127.0.0.1:${simulator.port}`, ...env },
    logger: silentLogger,
  });
  installProcessGateway(gateway);
  connectPipeline(gateway, db);
  await gateway.pool.waitUntilBound({ timeoutMs: 5_000 });
  const quiet = {
    info: () => {},
    debug: () => {},
    warn: () => {},
    error: (...args: unknown[]) => console.error(...args),
  };
  const runner = createJobRunner({
    functions: [sendingJobStarted, sendingBatch],
    db,
    pollIntervalMs: 50,
    retryBaseMs: 100,
    retryMaxMs: 500,
    logger: quiet,
  });
  runner.start();
  return {
    simulator,
    gateway,
    runner,
    close: async () => {
      await runner.stop({ graceMs: 2_000 });
      await stopProcessGateway({ timeoutMs: 1_000 });
      await simulator.close();
    },
  };
}

/** Polls until the condition holds. */
export async function waitFor(
  condition: () => Promise<boolean>,
  timeoutMs: number,
  what: () => Promise<string> | string,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting: ${await what()}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}
