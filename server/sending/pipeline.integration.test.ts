// The sending pipeline against real PostgreSQL and the carrier simulator over loopback: the daily
// cap under concurrent accepts, every message in one final state, expiry, quota given back,
// cancellation, scheduled release.
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { toChinaDate, toDbDate } from "../clock";
import { AppError } from "../errors";
import { createTestDatabase, type TestDatabase } from "../testing/database";
import { type AcceptedSendJob, acceptSendJob } from "./accept";
import { cancelSendJob } from "./cancel";
import { getCustomerJob, getCustomerMessage } from "./views";
import { expireOverdueMessages, releaseDueJobs } from "./sweep";
import { type Sender, addContacts, readySender, startInProcessPipeline, waitFor } from "../testing/sending";

let t: TestDatabase;
let sender: Sender;
let numbers: string[];
const CAP = 100_000;

beforeAll(async () => {
  t = await createTestDatabase();
  sender = await readySender(t.db, { dailyCap: CAP });
  numbers = await addContacts(t.db, sender.enterpriseId, 13_900_000_000, 3_000);
});
afterAll(async () => t.drop());

const today = () => toDbDate(toChinaDate(new Date()));
async function usage() {
  const row = await t.db.dailyUsage.findUnique({
    where: { enterpriseId_day: { enterpriseId: sender.enterpriseId, day: today() } },
  });
  return { reserved: row?.reservedSegments ?? 0, submitted: row?.submittedSegments ?? 0 };
}
const send = (to: string[], extra: { content?: string; scheduleAt?: Date } = {}) =>
  acceptSendJob(
    t.db,
    sender,
    {
      source: "PORTAL",
      purpose: "NOTICE",
      content: extra.content ?? "您的快递已到驿站，请及时取件。",
      recipients: { numbers: to },
      scheduleAt: extra.scheduleAt,
    },
    new Date(),
  );

describe("daily cap", () => {
  test("20 concurrent accepts never exceed it together; the refused get the remaining quota", async () => {
    const before = await usage();
    const contract = await t.db.contract.findFirstOrThrow({ where: { enterpriseId: sender.enterpriseId } });
    // Leave room for exactly 7 sends of 100 one-segment messages, plus 50.
    await t.db.packagePrice.update({
      where: { id: contract.packagePriceId },
      data: { dailyCap: before.reserved + 750 },
    });
    try {
      const results = await Promise.allSettled(
        Array.from({ length: 20 }, (_, i) => send(numbers.slice(i * 100, i * 100 + 100))),
      );
      const accepted = results.filter((r): r is PromiseFulfilledResult<AcceptedSendJob> => r.status === "fulfilled");
      const refused = results.filter((r): r is PromiseRejectedResult => r.status === "rejected");
      expect(accepted).toHaveLength(7);
      expect(refused).toHaveLength(13);
      for (const r of refused) {
        expect(r.reason).toBeInstanceOf(AppError);
        expect((r.reason as AppError).code).toBe("DAILY_CAP_EXCEEDED");
        expect((r.reason as AppError).params).toMatchObject({
          remaining: 50,
          requested: 100,
          cap: before.reserved + 750,
        });
      }
      expect((await usage()).reserved).toBe(before.reserved + 700);
      const jobIds = accepted.map((r) => r.value.jobId);
      expect(await t.db.message.count({ where: { jobId: { in: jobIds } } })).toBe(700);
      // Refused sends wrote nothing.
      expect(await t.db.sendJob.count({ where: { enterpriseId: sender.enterpriseId } })).toBe(7);
      for (const id of jobIds) await cancelSendJob(t.db, sender, id, new Date());
      expect((await usage()).reserved).toBe(before.reserved);
    } finally {
      await t.db.packagePrice.update({ where: { id: contract.packagePriceId }, data: { dailyCap: CAP } });
    }
  });
});

describe("the pipeline with the simulator", () => {
  test("every message reaches exactly one final state from its receipts; segments metered once", async () => {
    const pipeline = await startInProcessPipeline(t.db, {
      outcomeMix: { DELIVRD: 85, UNDELIV: 8, EXPIRED: 4, REJECTD: 3 },
    });
    try {
      const before = await usage();
      // Two segments each (UCS-2, 67 characters a segment).
      const content =
        "尊敬的客户：您本月的账单已经生成，请登录企业门户查看明细并在缴费期内完成缴费，逾期将按合同约定收取违约金。如有疑问请致电客服热线，我们将竭诚为您服务。";
      const job = await send(numbers.slice(0, 1000), { content });
      expect(job).toMatchObject({ status: "QUEUED", accepted: 1000, segmentsPerMessage: 2 });
      await waitFor(
        async () => (await t.db.sendJob.findUniqueOrThrow({ where: { id: job.jobId } })).status === "COMPLETED",
        60_000,
        async () => JSON.stringify((await getCustomerJob(t.db, sender.enterpriseId, job.jobId)).counts),
      );
      const summary = await getCustomerJob(t.db, sender.enterpriseId, job.jobId);
      expect(summary.progress).toEqual({ total: 1000, done: 1000, percent: 100 });
      const { DELIVERED, UNDELIVERED, EXPIRED, REJECTED } = summary.counts;
      expect(DELIVERED + UNDELIVERED + EXPIRED + REJECTED).toBe(1000);
      expect(DELIVERED).toBeGreaterThan(500);

      // The simulator got each segment exactly once, and every segment row carries the id it gave.
      const submits = pipeline.simulator.submits();
      expect(submits).toHaveLength(2000);
      const smscIds = new Set(submits.map((s) => s.messageId));
      expect(smscIds.size).toBe(2000);
      const segments = await t.db.messageSegment.findMany({ where: { message: { jobId: job.jobId } } });
      expect(segments).toHaveLength(2000);
      expect(segments.every((s) => s.smscId !== null && smscIds.has(s.smscId) && s.receiptAt !== null)).toBe(true);
      // A message is DELIVERED only when both its segments were.
      const messages = await t.db.message.findMany({ where: { jobId: job.jobId }, include: { segmentRows: true } });
      for (const m of messages) {
        expect(m.finalAt).not.toBeNull();
        if (m.status === "DELIVERED") expect(m.segmentRows.every((s) => s.status === "DELIVERED")).toBe(true);
        else expect(m.segmentRows.some((s) => s.status === m.status)).toBe(true);
      }
      expect(await usage()).toEqual({ reserved: before.reserved + 2000, submitted: before.submitted + 2000 });
      const one = await getCustomerMessage(t.db, sender.enterpriseId, messages[0]!.id.toString());
      expect(one).toMatchObject({ id: messages[0]!.id.toString(), status: messages[0]!.status, segments: 2 });
      expect(one.finalAt).not.toBeNull();
      await expect(getCustomerMessage(t.db, "another-enterprise", one.id)).rejects.toMatchObject({ code: "NOT_FOUND" });
    } finally {
      await pipeline.close();
    }
  }, 90_000);

  test("a reply TD from a recipient reaches compliance through the gateway: the next send skips the number", async () => {
    const pipeline = await startInProcessPipeline(t.db, { outcomeMix: { DELIVRD: 1 } });
    try {
      const mobile = numbers[2_500]!;
      const job = await send([mobile, numbers[2_501]!]);
      await waitFor(
        async () => (await t.db.sendJob.findUniqueOrThrow({ where: { id: job.jobId } })).status === "COMPLETED",
        30_000,
        () => "job not completed",
      );
      pipeline.simulator.injectReply({ from: mobile, to: "10690000", text: "TD" });
      await waitFor(
        async () => (await t.db.optOut.count({ where: { enterpriseId: sender.enterpriseId, mobile } })) === 1,
        10_000,
        () => "no opt-out",
      );
      expect(await t.db.inboundReply.findFirstOrThrow({ where: { fromMobile: mobile } })).toMatchObject({
        enterpriseId: sender.enterpriseId,
        text: "TD",
        optOut: true,
      });
      const next = await send([mobile, numbers[2_501]!]);
      expect(next.recipients).toEqual([
        { to: mobile, status: "OPTED_OUT", messageId: expect.any(String) },
        { to: numbers[2_501], status: "ACCEPTED", messageId: expect.any(String) },
      ]);
      await waitFor(
        async () => (await t.db.sendJob.findUniqueOrThrow({ where: { id: next.jobId } })).status === "COMPLETED",
        30_000,
        () => "job not completed",
      );
      expect(pipeline.simulator.submits().filter((s) => s.destination === mobile)).toHaveLength(1);
    } finally {
      await pipeline.close();
    }
  }, 60_000);

  test("messages with no receipt expire after the timeout; the job completes", async () => {
    const pipeline = await startInProcessPipeline(t.db, { receiptDelayMs: 3_600_000 });
    try {
      const job = await send(numbers.slice(1000, 1200));
      await waitFor(
        async () => (await t.db.message.count({ where: { jobId: job.jobId, status: "SUBMITTED" } })) === 200,
        30_000,
        () => "not all submitted",
      );
      expect(await expireOverdueMessages(t.db, new Date(Date.now() + 30 * 60_000), 60 * 60_000)).toBe(0);
      expect(await expireOverdueMessages(t.db, new Date(Date.now() + 61 * 60_000), 60 * 60_000)).toBe(200);
      const summary = await getCustomerJob(t.db, sender.enterpriseId, job.jobId);
      expect(summary.status).toBe("COMPLETED");
      expect(summary.counts.EXPIRED).toBe(200);
      expect(await t.db.messageSegment.count({ where: { message: { jobId: job.jobId }, status: "EXPIRED" } })).toBe(
        200,
      );
    } finally {
      await pipeline.close();
    }
  }, 60_000);

  test("a contract suspended before the job runs: messages FAILED, quota given back", async () => {
    const before = await usage();
    const job = await send(numbers.slice(1200, 1300));
    expect((await usage()).reserved).toBe(before.reserved + 100);
    const contract = await t.db.contract.findFirstOrThrow({ where: { enterpriseId: sender.enterpriseId } });
    await t.db.contract.update({ where: { id: contract.id }, data: { status: "SUSPENDED" } });
    const pipeline = await startInProcessPipeline(t.db);
    try {
      await waitFor(
        async () => (await t.db.sendJob.findUniqueOrThrow({ where: { id: job.jobId } })).status === "COMPLETED",
        30_000,
        () => "job not completed",
      );
      expect(
        await t.db.message.count({ where: { jobId: job.jobId, status: "FAILED", errorCode: "ACCOUNT_SUSPENDED" } }),
      ).toBe(100);
      expect(await usage()).toEqual(before);
      expect(pipeline.simulator.submits()).toHaveLength(0);
    } finally {
      await t.db.contract.update({ where: { id: contract.id }, data: { status: "ACTIVE" } });
      await pipeline.close();
    }
  }, 60_000);
});

describe("scheduling and cancellation", () => {
  test("a scheduled job is released when due; cancelling before start gives the quota back; a started job cannot be cancelled", async () => {
    const before = await usage();
    const at = new Date(Date.now() + 10 * 60_000);
    const scheduled = await send(numbers.slice(1300, 1310), { scheduleAt: at });
    expect(scheduled.status).toBe("SCHEDULED");
    expect(await releaseDueJobs(t.db, new Date(at.getTime() - 1000))).toEqual([]);
    expect(await releaseDueJobs(t.db, at)).toEqual([scheduled.jobId]);
    expect((await t.db.sendJob.findUniqueOrThrow({ where: { id: scheduled.jobId } })).status).toBe("QUEUED");
    expect(await t.db.jobEvent.count({ where: { name: "sending/job.released" } })).toBe(1);

    const other = await send(numbers.slice(1310, 1320), { scheduleAt: at });
    expect((await usage()).reserved).toBe(before.reserved + 20);
    await expect(
      cancelSendJob(t.db, { ...sender, enterpriseId: "someone-else" }, other.jobId, new Date()),
    ).rejects.toMatchObject({ code: "NOT_FOUND" });
    expect(await cancelSendJob(t.db, sender, other.jobId, new Date())).toEqual({ messages: 10, releasedSegments: 10 });
    expect(await t.db.message.count({ where: { jobId: other.jobId, status: "CANCELLED" } })).toBe(10);
    expect((await usage()).reserved).toBe(before.reserved + 10);
    await expect(cancelSendJob(t.db, sender, other.jobId, new Date())).rejects.toMatchObject({
      code: "JOB_NOT_CANCELLABLE",
    });
    await cancelSendJob(t.db, sender, scheduled.jobId, new Date());
    expect((await usage()).reserved).toBe(before.reserved);
  });

  test("the expiry sweep rolls up a message whose receipts all arrived but whose roll-up was cut off", async () => {
    const job = await send([numbers[1400]!, numbers[1401]!]);
    const [done, silent] = await t.db.message.findMany({ where: { jobId: job.jobId }, orderBy: { id: "asc" } });
    const longAgo = new Date(Date.now() - 2 * 3_600_000);
    await t.db.sendJob.update({ where: { id: job.jobId }, data: { status: "SENDING" } });
    for (const m of [done!, silent!])
      await t.db.message.update({ where: { id: m.id }, data: { status: "SUBMITTED", submittedAt: longAgo } });
    await t.db.messageSegment.create({
      data: {
        messageId: done!.id,
        seq: 1,
        smscId: "ROLLUP1",
        status: "DELIVERED",
        submittedAt: longAgo,
        receiptAt: longAgo,
      },
    });
    await t.db.messageSegment.create({
      data: { messageId: silent!.id, seq: 1, smscId: "ROLLUP2", status: "SUBMITTED", submittedAt: longAgo },
    });
    expect(await expireOverdueMessages(t.db, new Date(), 3_600_000)).toBe(1);
    expect((await t.db.message.findUniqueOrThrow({ where: { id: done!.id } })).status).toBe("DELIVERED");
    expect((await t.db.message.findUniqueOrThrow({ where: { id: silent!.id } })).status).toBe("EXPIRED");
    expect((await t.db.sendJob.findUniqueOrThrow({ where: { id: job.jobId } })).status).toBe("COMPLETED");
  });
});
