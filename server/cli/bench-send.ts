// `npm run bench:send [-- --recipients 100000 --binds 20 --window 100 --receipt-delay-ms 1000 --json FILE]`
// The real sending pipeline on one machine: a fresh database (migrated, demo data, N contacts), the
// carrier simulator in a child process (so it gets the other core), the gateway, the built-in
// runner with the sending functions, and one N-recipient job accepted through acceptSendJob.
// Prints: time to accept the job, segments/s submitted, receipts/s written to the carrier inbox (most applied in the same statement), end-to-end segments/s
// (accept to the last receipt), database rows written per second (measured: PostgreSQL's own
// counters of rows inserted, updated and deleted in the bench database's tables, from just before
// the accept until every connection of the run has closed), peak memory.
import "../load-env";
import { execFileSync, fork } from "node:child_process";
import { writeFileSync } from "node:fs";
import { parseArgs } from "node:util";
import pg from "pg";
import { seedDemo } from "@/prisma/demo-data";
import { createDb, type Db } from "../db";
import { silentLogger } from "../smpp/pool/types";
import { startSimulator } from "../smpp/simulator/server";
import { adminQuery, databaseUrl } from "../testing/database";

const { values } = parseArgs({
  options: {
    recipients: { type: "string", default: "100000" },
    // The simulator, like a real SMSC, keeps at most 50 receipts unacknowledged per bind: the binds
    // bound how many receipts one database transaction can apply.
    binds: { type: "string", default: "20" },
    window: { type: "string", default: "100" },
    "receipt-delay-ms": { type: "string", default: "1000" },
    /** Receipt batches applied at once. */
    "receipt-batches": { type: "string", default: "2" },
    json: { type: "string" },
    serve: { type: "string" },
  },
});

if (values.serve) {
  // The child: the simulator on the given port, all receipts DELIVRD after the delay.
  const simulator = await startSimulator({
    port: Number(values.serve),
    systemId: "bench",
    password: "bench",
    settings: {
      receiptDelayMs: Number(values["receipt-delay-ms"]),
      outcomeMix: { DELIVRD: 1 },
      redeliveryDelayMs: 200,
    },
  });
  process.send?.({ port: simulator.port });
} else {
  await main();
}

async function main(): Promise<void> {
  const recipients = Number(values.recipients);
  const binds = Number(values.binds);
  const name = `qxt_bench_send_${process.pid}`;
  const url = databaseUrl(name);
  console.log(
    `bench:send — ${recipients.toLocaleString("en")} recipients, ${binds} binds, window ${values.window}; database ${name}`,
  );
  await adminQuery(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
  await adminQuery(`CREATE DATABASE "${name}"`);
  const child = fork(
    new URL(import.meta.url).pathname,
    ["--serve", "0", "--receipt-delay-ms", values["receipt-delay-ms"]!],
    { execArgv: ["--import", "tsx"], stdio: "inherit" },
  );
  try {
    execFileSync("npm", ["run", "--silent", "db:migrate"], {
      env: { ...process.env, DATABASE_URL: url },
      stdio: "pipe",
    });
    if (process.env.BENCH_LOG_MS)
      await adminQuery(`ALTER DATABASE "${name}" SET log_min_duration_statement = ${Number(process.env.BENCH_LOG_MS)}`);
    // The plans of statements slower than this (PostgreSQL's auto_explain, into the server log).
    if (process.env.BENCH_EXPLAIN_MS) {
      await adminQuery(`ALTER DATABASE "${name}" SET session_preload_libraries = 'auto_explain'`);
      await adminQuery(
        `ALTER DATABASE "${name}" SET auto_explain.log_min_duration = ${Number(process.env.BENCH_EXPLAIN_MS)}`,
      );
    }
    await run(
      url,
      recipients,
      binds,
      await new Promise<number>((resolve) => child.once("message", (m: { port: number }) => resolve(m.port))),
    );
  } finally {
    child.kill();
    await adminQuery(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
  }
}

async function run(url: string, recipients: number, binds: number, port: number): Promise<void> {
  // The pipeline reads its settings from the environment when its modules load: set them first.
  Object.assign(process.env, {
    SMPP_URL: `smpp://127.0.0.1:${port}`,
    SMPP_SYSTEM_ID: "bench",
    SMPP_PASSWORD: "bench",
    SMPP_BINDS: String(binds),
    SMPP_WINDOW: values.window,
    SMPP_BIND_MAX_PER_SECOND: "0",
    SMPP_QUEUE_TIMEOUT_MS: "600000",
  });
  const [
    { createJobRunner },
    { sendingBatch },
    { sendingJobStarted },
    { acceptSendJob },
    { connectPipeline },
    { installProcessGateway, startGateway },
  ] = await Promise.all([
    import("../inngest/runner/runner"),
    import("../inngest/functions/sending-batch"),
    import("../inngest/functions/sending-job-started"),
    import("../sending/accept"),
    import("../sending/gateway"),
    import("../smpp/gateway"),
  ]);
  // Set-up through a client of its own, closed before the run: a backend reports its row counts to
  // the statistics when it exits, so the run's counters start clean (see rowCounter).
  const setup = createDb(url, { max: 2 });
  const { enterpriseId, userId, groupId } = await prepare(setup, recipients);
  await setup.$disconnect();
  const rowCounter = await countRows(url);
  const rowsBefore = await rowCounter.read();
  const db = createDb(url, { max: 10 });

  const gateway = await startGateway({
    logger: silentLogger,
  });
  installProcessGateway(gateway);
  const inbox = connectPipeline(gateway, db, { maxBatch: 2000, parallel: Number(values["receipt-batches"]) });
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
    pollIntervalMs: 50,
    maxConcurrentRuns: 8,
    logger: quiet,
  });

  let peakRss = process.memoryUsage().rss;
  const sampler = setInterval(() => (peakRss = Math.max(peakRss, process.memoryUsage().rss)), 100);
  const t0 = performance.now();
  const job = await acceptSendJob(
    db,
    { userId, role: "CUSTOMER_ADMIN", enterpriseId },
    {
      source: "API",
      purpose: "NOTICE",
      content: "您的快递已到达小区驿站，请凭取件码取件。",
      recipients: { groupIds: [groupId] },
    },
    new Date(),
  );
  const acceptMs = performance.now() - t0;
  console.log(
    `accepted ${job.accepted.toLocaleString("en")} messages x ${job.segmentsPerMessage} segment(s) in ${(acceptMs / 1000).toFixed(2)} s`,
  );
  runner.start();

  const segments = job.accepted * job.segmentsPerMessage;
  let submittedAt = 0;
  let firstReceiptAt = 0;
  let doneAt = 0;
  for (;;) {
    await new Promise((resolve) => setTimeout(resolve, 200));
    const now = performance.now();
    const accepted = gateway.pool.status().totals.accepted;
    if (!submittedAt && accepted >= segments) submittedAt = now;
    if (!firstReceiptAt && inbox.stats.received > 0) firstReceiptAt = now;
    // Done when the job is COMPLETED: the pipeline marks it so once none of its messages is open
    // (one primary-key read; counting the open messages five times a second cost the database
    // more and more of a core as the job's dead index entries grew).
    const { status } = await db.sendJob.findUniqueOrThrow({ where: { id: job.jobId }, select: { status: true } });
    const totals = gateway.pool.status().totals;
    process.stdout.write(
      `\r  ${((now - t0) / 1000).toFixed(1)} s: submitted ${accepted.toLocaleString("en")}, receipts in ${totals.receipts.toLocaleString("en")} (in the inbox ${inbox.stats.received.toLocaleString("en")}, pending on arrival ${inbox.stats.pendingOnArrival}), applied at once ${inbox.stats.applied.toLocaleString("en")}, job ${status}   `,
    );
    if (status === "COMPLETED") {
      doneAt = now;
      break;
    }
  }
  clearInterval(sampler);
  process.stdout.write("\n");
  await runner.stop({ graceMs: 1_000 });
  await gateway.close({ timeoutMs: 1_000 });
  await db.$disconnect();
  // Every backend of the run has closed (and reported its counts): what was written, table by table.
  const rowsAfter = await rowCounter.read();
  await rowCounter.close();
  const rowsByTable = Object.fromEntries(
    [...rowsAfter]
      .map(([table, n]) => [table, n - (rowsBefore.get(table) ?? 0)] as const)
      .filter(([, n]) => n > 0)
      .sort((a, b) => b[1] - a[1]),
  );
  const rows = Object.values(rowsByTable).reduce((sum, n) => sum + n, 0);
  const startMs = t0 + acceptMs;
  const result = {
    recipients,
    segments,
    binds,
    window: Number(values.window),
    receiptDelayMs: Number(values["receipt-delay-ms"]),
    receiptBatchesAtOnce: Number(values["receipt-batches"]),
    acceptSeconds: round(acceptMs / 1000),
    submittedSegmentsPerSecond: round(segments / ((submittedAt - startMs) / 1000)),
    receiptsStoredPerSecond: round(inbox.stats.received / ((doneAt - firstReceiptAt) / 1000)),
    endToEndSegmentsPerSecond: round(segments / ((doneAt - t0) / 1000)),
    endToEndSeconds: round((doneAt - t0) / 1000),
    databaseRowsWritten: rows,
    databaseRowsPerSecond: round(rows / ((doneAt - t0) / 1000)),
    peakMemoryMb: round(Math.max(peakRss, process.resourceUsage().maxRSS * 1024) / 1024 / 1024),
    receiptBatches: inbox.stats.batches,
    receiptsPendingOnArrival: inbox.stats.pendingOnArrival,
  };
  console.table(result);
  console.log("database rows written (inserted + updated + deleted) by table:", rowsByTable);
  if (values.json) writeFileSync(values.json, JSON.stringify({ ...result, databaseRowsByTable: rowsByTable }, null, 2));
}

/** The demo data, N contacts in one group, a cap that does not get in the way. */
async function prepare(db: Db, recipients: number): Promise<{ enterpriseId: string; userId: string; groupId: string }> {
  await seedDemo(db);
  const user = await db.user.findUniqueOrThrow({ where: { email: "admin@demo.example.com" } });
  const enterpriseId = user.enterpriseId!;
  await db.smsSignature.create({
    data: { enterpriseId, text: "示例科技", status: "APPROVED", decidedAt: new Date(), createdById: user.id },
  });
  const contract = await db.contract.findFirstOrThrow({ where: { enterpriseId } });
  await db.packagePrice.update({ where: { id: contract.packagePriceId }, data: { dailyCap: 10_000_000 } });
  const first = 13_000_000_000;
  await db.$executeRaw`
    INSERT INTO "Contact" (id, "enterpriseId", name, mobile, kind, tags, "updatedAt")
    SELECT 'b' || g, ${enterpriseId}, '客户' || g, (${first}::bigint + g)::text, 'CLIENT', '{}', now() FROM generate_series(0, ${recipients - 1}::int) g`;
  const group = await db.contactGroup.create({ data: { enterpriseId, name: "压测" } });
  await db.$executeRaw`INSERT INTO "ContactGroupMember" ("groupId", "contactId") SELECT ${group.id}, id FROM "Contact" WHERE "enterpriseId" = ${enterpriseId}`;
  await db.$executeRaw`ANALYZE`;
  return { enterpriseId, userId: user.id, groupId: group.id };
}

/**
 * Rows inserted, updated and deleted per table of the bench database, from PostgreSQL's
 * statistics (pg_stat_user_tables). A backend reports its counts at the end of a transaction at
 * most once a second and in any case when it exits, so read() is exact once the connections that
 * wrote have closed; it waits until this reader is the database's only backend.
 */
async function countRows(url: string): Promise<{ read(): Promise<Map<string, number>>; close(): Promise<void> }> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  return {
    async read() {
      for (let i = 0; i < 100; i++) {
        const { rows } = await client.query<{ n: number }>(
          `SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid()`,
        );
        if (rows[0]!.n === 0) break;
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
      await client.query(`SELECT pg_stat_clear_snapshot()`);
      const { rows } = await client.query<{ table: string; n: string }>(
        `SELECT relname::text AS table, (n_tup_ins + n_tup_upd + n_tup_del)::text AS n FROM pg_stat_user_tables`,
      );
      return new Map(rows.map((r) => [r.table, Number(r.n)]));
    },
    close: () => client.end(),
  };
}

function round(n: number): number {
  return Math.round(n * 10) / 10;
}
