// sending-job-started through @inngest/test (the SDK's own engine) against a real database: it
// marks the job SENDING, plans contiguous batches of its PENDING messages and fans them out with
// one step.sendEvent (mocked by id, as @inngest/test needs); a cancelled job plans nothing.
import { InngestTestEngine, mockCtx } from "@inngest/test";
import { afterAll, beforeAll, expect, test } from "vitest";
import { createTestDatabase, type TestDatabase } from "../../testing/database";
import { acceptSendJob } from "../../sending/accept";
import { cancelSendJob } from "../../sending/cancel";
import { type Sender, addContacts, readySender } from "../../testing/sending";
import { sendingJobStarted } from "./sending-job-started";

let t: TestDatabase;
let sender: Sender;
let numbers: string[];
beforeAll(async () => {
  t = await createTestDatabase();
  sender = await readySender(t.db, { dailyCap: 100_000 });
  numbers = await addContacts(t.db, sender.enterpriseId, 13_600_000_000, 5_000);
});
afterAll(async () => t.drop());

function engine(jobId: string) {
  return new InngestTestEngine({
    function: sendingJobStarted,
    events: [{ name: "sending/job.accepted", data: { jobId } }],
    transformCtx: (ctx) => ({ ...mockCtx(ctx), db: t.db }),
    steps: [{ id: "fan-out-batches", handler: () => ({ ids: [] }) }],
  });
}

test("plans batches of the job's PENDING messages and fans them out in one step", async () => {
  // 4,800 accepted (+ 200 not in the address book, skipped and final at once).
  const job = await acceptSendJob(
    t.db,
    sender,
    {
      source: "PORTAL",
      purpose: "NOTICE",
      content: "会议通知：明天上午九点开会。",
      recipients: {
        numbers: [...numbers.slice(0, 4_800), ...Array.from({ length: 200 }, (_, i) => String(13_500_000_000 + i))],
      },
    },
    new Date(),
  );
  expect(job).toMatchObject({ accepted: 4_800, skipped: 200 });

  const { result, ctx } = await engine(job.jobId).execute();
  // The default SMPP settings (1 bind, 100/s, 20 s a batch): 2,000 segments a batch.
  expect(result).toEqual({ jobId: job.jobId, status: "SENDING", batches: 3 });
  expect(ctx.step.run).toHaveBeenCalledWith("plan-batches", expect.any(Function));
  expect(ctx.step.sendEvent).toHaveBeenCalledTimes(1);
  const [id, events] = (
    ctx.step.sendEvent as unknown as {
      mock: {
        calls: [
          string,
          { name: string; id: string; data: { enterpriseId: string; batch: number; fromId: string; toId: string } }[],
        ][];
      };
    }
  ).mock.calls[0]!;
  expect(id).toBe("fan-out-batches");
  expect(events.map((e) => e.name)).toEqual([
    "sending/batch.requested",
    "sending/batch.requested",
    "sending/batch.requested",
  ]);
  expect(events.map((e) => e.id)).toEqual([0, 1, 2].map((b) => `sending-batch:${job.jobId}:${b}`));
  // The batch runs' concurrency key: the job's enterprise.
  const { enterpriseId } = await t.db.sendJob.findUniqueOrThrow({ where: { id: job.jobId } });
  expect(events.map((e) => e.data.enterpriseId)).toEqual([enterpriseId, enterpriseId, enterpriseId]);

  // The ranges cover every PENDING message once: 2,000 + 2,000 + 800.
  const sizes = await Promise.all(
    events.map((e) =>
      t.db.message.count({
        where: { jobId: job.jobId, status: "PENDING", id: { gte: BigInt(e.data.fromId), lte: BigInt(e.data.toId) } },
      }),
    ),
  );
  expect(sizes).toEqual([2_000, 2_000, 800]);
  expect((await t.db.sendJob.findUniqueOrThrow({ where: { id: job.jobId } })).status).toBe("SENDING");
});

test("a job cancelled before it started plans nothing and sends no event", async () => {
  const job = await acceptSendJob(
    t.db,
    sender,
    {
      source: "PORTAL",
      purpose: "NOTICE",
      content: "会议通知：明天上午九点开会。",
      recipients: { numbers: numbers.slice(4_800, 4_900) },
    },
    new Date(),
  );
  await cancelSendJob(t.db, sender, job.jobId, new Date());
  const { result, ctx } = await engine(job.jobId).execute();
  expect(result).toEqual({ jobId: job.jobId, status: "CANCELLED", batches: 0 });
  expect(ctx.step.sendEvent).not.toHaveBeenCalled();
});
