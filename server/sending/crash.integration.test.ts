// The crash test: a pipeline process (runner + gateway, server/testing/pipeline-process.ts)
// is killed with SIGKILL in the middle of a 20,000-recipient job and another one is started. The
// carrier simulator runs here, outside the killed process, and records every submit_sm it gets.
// Afterwards every message is in exactly one final state, no segment reached the simulator twice,
// and each message's state agrees with what the simulator received (the rule in ./submit.ts):
// received -> its receipt's state (adopted by handset if the id was never recorded); not received
// (claimed, cut off before the pool wrote it) -> EXPIRED by the sweep, errorCode CUT_OFF.
import { type ChildProcess, spawn } from "node:child_process";
import path from "node:path";
import { afterAll, beforeAll, expect, test } from "vitest";
import { toChinaDate, toDbDate } from "../clock";
import { startSimulator, type Simulator } from "../smpp/simulator";
import { createTestDatabase, type TestDatabase } from "../testing/database";
import { acceptSendJob } from "./accept";
import { OPEN_STATUSES } from "./status";
import { expireOverdueMessages } from "./sweep";
import { type Sender, addContacts, readySender, waitFor } from "../testing/sending";

const RECIPIENTS = 20_000;
let t: TestDatabase;
let sender: Sender;
let numbers: string[];
let simulator: Simulator;
const children: ChildProcess[] = [];

beforeAll(async () => {
  t = await createTestDatabase();
  sender = await readySender(t.db, { dailyCap: 1_000_000 });
  numbers = await addContacts(t.db, sender.enterpriseId, 13_700_000_000, RECIPIENTS);
  simulator = await startSimulator({
    port: 0,
    settings: { receiptDelayMs: 300, outcomeMix: { DELIVRD: 1 }, redeliveryDelayMs: 300 },
  });
});
afterAll(async () => {
  for (const child of children) child.kill("SIGKILL");
  await simulator?.close();
  await t?.drop();
});

function startPipelineProcess(): Promise<ChildProcess> {
  const child = spawn(
    process.execPath,
    ["--import", "tsx", path.join(import.meta.dirname, "..", "testing", "pipeline-process.ts")],
    {
      env: {
        ...process.env,
        DATABASE_URL: t.url,
        SMPP_URL: `smpp://127.0.0.1:${simulator.port}`,
        // Slow enough to be caught midway: 3,000 segments/s, batches of 3,000.
        SMPP_BIND_MAX_PER_SECOND: "3000",
        SMPP_WINDOW: "50",
        SENDING_BATCH_SECONDS: "1",
        RUNNER_LEASE_MS: "2000",
      },
      stdio: ["ignore", "pipe", "inherit"],
    },
  );
  children.push(child);
  return new Promise((resolve, reject) => {
    child.once("exit", (code) => reject(new Error(`pipeline process exited early (${code})`)));
    child.stdout!.on("data", (chunk: Buffer) => {
      if (chunk.toString().includes("ready")) resolve(child);
    });
  });
}

/** Every receipt in the inbox applied, adopted or marked duplicate (the grace time is 5 s). */
const waitForInboxDrained = () =>
  waitFor(
    async () => (await t.db.carrierInbox.count({ where: { status: "PENDING", kind: "RECEIPT" } })) === 0,
    60_000,
    async () =>
      `${await t.db.carrierInbox.count({ where: { status: "PENDING", kind: "RECEIPT" } })} pending in the inbox`,
  );

const count = (jobId: string, status: string[]) =>
  t.db.message.count({ where: { jobId, status: { in: status as never } } });

test("killed midway through a 20,000-recipient job and restarted: one final state each, no segment sent twice", async () => {
  const job = await acceptSendJob(
    t.db,
    sender,
    { source: "API", purpose: "NOTICE", content: "您的快递已到驿站，请及时取件。", recipients: { numbers } },
    new Date(),
  );
  expect(job.accepted).toBe(RECIPIENTS);

  const first = await startPipelineProcess();
  // Killed while segments are on the wire: two batches of 3,000 run side by side, chunks of 500.
  await waitFor(
    async () => simulator.submits().length >= 4_700,
    90_000,
    () => `${simulator.submits().length} at the simulator`,
  );
  first.removeAllListeners("exit");
  first.kill("SIGKILL");
  await new Promise((resolve) => first.once("exit", resolve));
  const atKill = {
    simulator: simulator.submits().length,
    pending: await count(job.jobId, ["PENDING"]),
    submitting: await count(job.jobId, ["SUBMITTING"]),
  };
  expect(atKill.pending).toBeGreaterThan(0);
  console.log(
    `[crash] killed with ${atKill.simulator} segments at the simulator, ${atKill.submitting} messages SUBMITTING, ${atKill.pending} PENDING`,
  );

  const second = await startPipelineProcess();
  // Everything submitted, every receipt the simulator had acknowledged (orphans adopted).
  await waitFor(
    async () =>
      (await count(job.jobId, ["PENDING", "SUBMITTING", "SUBMITTED"])) === 0 &&
      simulator.state().pendingDeliveries === 0 &&
      simulator.state().scheduledReceipts === 0,
    120_000,
    async () =>
      `open ${await count(job.jobId, [...OPEN_STATUSES])}, simulator ${JSON.stringify({ pending: simulator.state().pendingDeliveries, scheduled: simulator.state().scheduledReceipts })}`,
  );
  // Receipts for segments cut off before their id was written wait in the inbox for the grace time
  // before they adopt their UNKNOWN segment: the sweep below must not expire those first.
  await waitForInboxDrained();
  second.removeAllListeners("exit");
  second.kill("SIGTERM");
  // Whatever is still UNKNOWN got no receipt: the sweep expires it once the receipt timeout passes.
  const unknown = await count(job.jobId, ["UNKNOWN"]);
  expect(await expireOverdueMessages(t.db, new Date(Date.now() + 2 * 3_600_000), 3_600_000)).toBe(unknown);

  const messages = await t.db.message.findMany({ where: { jobId: job.jobId }, include: { segmentRows: true } });
  expect(messages).toHaveLength(RECIPIENTS);
  expect(messages.filter((m) => (OPEN_STATUSES as readonly string[]).includes(m.status))).toEqual([]);
  expect((await t.db.sendJob.findUniqueOrThrow({ where: { id: job.jobId } })).status).toBe("COMPLETED");

  const submits = simulator.submits();
  const received = new Map<string, string>();
  for (const s of submits) {
    expect(s.result).toBe("accepted");
    expect(received.has(s.destination), `${s.destination} submitted twice`).toBe(false);
    received.set(s.destination, s.messageId!);
  }
  let notReceived = 0;
  for (const m of messages) {
    const smscId = received.get(m.mobile);
    expect(m.segmentRows).toHaveLength(1);
    if (smscId) {
      expect(m.status).toBe("DELIVERED");
      expect(m.segmentRows[0]!.smscId).toBe(smscId);
    } else {
      notReceived++;
      expect(m).toMatchObject({ status: "EXPIRED", errorCode: "CUT_OFF" });
      expect(m.segmentRows[0]!.smscId).toBeNull();
    }
  }
  console.log(
    `[crash] ${received.size} received once each, ${notReceived} cut off before reaching the simulator (EXPIRED), ${unknown} expired in all`,
  );
  // Only what was claimed at the moment of the kill can be lost, never more.
  expect(notReceived).toBeLessThanOrEqual(atKill.submitting);
  expect(received.size + notReceived).toBe(RECIPIENTS);
  const usage = await t.db.dailyUsage.findUniqueOrThrow({
    where: { enterpriseId_day: { enterpriseId: sender.enterpriseId, day: toDbDate(toChinaDate(new Date())) } },
  });
  // Metered once per segment the carrier took.
  expect(usage.submittedSegments).toBe(received.size);
}, 300_000);

test("killed while receipts are arriving and restarted: every receipt the SMSC had an acknowledgement for is applied once", async () => {
  // An SMSC that never delivers again what was refused, receipts spread over 3 s.
  simulator.configure({
    redeliverRefused: false,
    receiptDelayMs: 200,
    receiptDelayJitterMs: 3000,
    outcomeMix: { DELIVRD: 80, UNDELIV: 20 },
  });
  simulator.clearRecords();
  const to = numbers.slice(0, 6_000).map((n) => String(Number(n) + 100_000));
  await addContacts(t.db, sender.enterpriseId, 13_700_100_000, 6_000);
  const job = await acceptSendJob(
    t.db,
    sender,
    { source: "API", purpose: "NOTICE", content: "您的快递已到驿站，请及时取件。", recipients: { numbers: to } },
    new Date(),
  );
  const acknowledged = () => simulator.receiptsSent().filter((r) => r.result === "acknowledged").length;

  const first = await startPipelineProcess();
  await waitFor(
    async () => acknowledged() >= 2_000,
    90_000,
    () => `${acknowledged()} receipts acknowledged`,
  );
  first.removeAllListeners("exit");
  first.kill("SIGKILL");
  await new Promise((resolve) => first.once("exit", resolve));
  const atKill = acknowledged();
  console.log(
    `[crash] killed with ${atKill} receipts acknowledged, ${simulator.submits().length} segments at the simulator`,
  );

  const second = await startPipelineProcess();
  await waitFor(
    async () =>
      simulator.state().pendingDeliveries === 0 &&
      simulator.state().scheduledReceipts === 0 &&
      (await count(job.jobId, ["PENDING", "SUBMITTING", "SUBMITTED"])) === 0,
    120_000,
    async () =>
      `open ${await count(job.jobId, [...OPEN_STATUSES])}, simulator ${JSON.stringify(simulator.state().counters)}`,
  );
  // UNKNOWN segments (cut off by the kill) adopt their receipts after the grace time.
  await waitForInboxDrained();
  second.removeAllListeners("exit");
  second.kill("SIGTERM");

  const sent = simulator.receiptsSent();
  expect(sent.filter((r) => r.result === "refused" || r.result === "dropped")).toEqual([]);
  const final = sent.filter((r) => r.result === "acknowledged" && !r.intermediate);
  expect(final.length).toBe(simulator.submits().filter((s) => s.result === "accepted").length);
  const segments = await t.db.messageSegment.findMany({
    where: { message: { jobId: job.jobId } },
    include: { message: { select: { mobile: true } } },
  });
  const bySmsc = new Map(segments.map((s) => [`${s.smscId}|${s.message.mobile}`, s]));
  const applied = await t.db.$queryRaw<{ key: string; n: number }[]>`
    SELECT "smscId" || '|' || mobile AS key, count(*)::int AS n FROM "CarrierInbox" WHERE kind = 'RECEIPT' AND status = 'APPLIED' GROUP BY 1`;
  const appliedCount = new Map(applied.map((a) => [a.key, a.n]));
  let lost = 0;
  for (const r of final) {
    const key = `${r.messageId}|${r.destination}`;
    const segment = bySmsc.get(key);
    if (!segment || segment.receiptStat !== r.stat || appliedCount.get(key) !== 1) lost++;
  }
  console.log(
    `[crash] ${final.length} receipts acknowledged in all (${atKill} before the kill), ${lost} not applied exactly once`,
  );
  expect(lost).toBe(0);
}, 300_000);
