// Recording what the pool said about a chunk (./submit.ts recordOutcomes, one statement, or one
// transaction when some message was refused) against real PostgreSQL: states of messages and
// segments, metering, quota given back for refused segments, webhooks and job completion.
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { toChinaDate, toDbDate } from "../clock";
import type { SegmentOutcome } from "../smpp";
import { createTestDatabase, type TestDatabase } from "../testing/database";
import { acceptSendJob } from "./accept";
import { recordOutcomes } from "./submit";
import { type Sender, addContacts, readySender } from "../testing/sending";

let t: TestDatabase;
let sender: Sender;
let numbers: string[];
let next = 0;
const LONG =
  "尊敬的客户：您本月的账单已经生成，请登录企业门户查看明细并在缴费期内完成缴费，逾期将按合同约定收取违约金。如有疑问请致电客服热线，我们将竭诚为您服务。";

beforeAll(async () => {
  t = await createTestDatabase();
  sender = await readySender(t.db, { dailyCap: 1_000_000 });
  numbers = await addContacts(t.db, sender.enterpriseId, 13_700_000_000, 100);
});
afterAll(async () => t.drop());

/** A SENDING job of long (two-segment) messages, all claimed (SUBMITTING), as submitBatch leaves them. */
async function claimedJob(count: number, options: { system?: boolean } = {}) {
  const to = numbers.slice(next, (next += count));
  const job = await acceptSendJob(
    t.db,
    sender,
    { source: "API", purpose: "NOTICE", content: LONG, recipients: { numbers: to } },
    new Date(),
  );
  await t.db.sendJob.update({ where: { id: job.jobId }, data: { status: "SENDING", system: options.system ?? false } });
  await t.db.message.updateMany({
    where: { jobId: job.jobId },
    data: { status: "SUBMITTING", submittedAt: new Date() },
  });
  const messages = await t.db.message.findMany({ where: { jobId: job.jobId }, orderBy: { id: "asc" } });
  const stored = await t.db.sendJob.findUniqueOrThrow({ where: { id: job.jobId } });
  return {
    job: { jobId: job.jobId, enterpriseId: sender.enterpriseId, quotaDay: stored.quotaDay, system: stored.system },
    messages,
    segmentsPerMessage: job.segmentsPerMessage,
  };
}

let smsc = 0;
const accepted = (key: string): SegmentOutcome => ({
  segmentKey: key,
  status: "accepted",
  messageId: `S${++smsc}`,
  smscMessageId: `S${smsc}`,
});
const refused = (key: string, permanent: boolean): SegmentOutcome => ({
  segmentKey: key,
  status: "rejected",
  errorCode: permanent ? 11 : null,
  errorName: permanent ? "ESME_RINVDSTADR" : "QUEUE_TIMEOUT",
  permanent,
});
const unknown = (key: string): SegmentOutcome => ({ segmentKey: key, status: "unknown", reason: "response_timeout" });
const usage = async () =>
  t.db.dailyUsage.findUnique({
    where: { enterpriseId_day: { enterpriseId: sender.enterpriseId, day: toDbDate(toChinaDate(new Date())) } },
  });

describe("recordOutcomes", () => {
  test("accepted, unknown, refused and never sent, in one chunk: states, segments, metering and quota", async () => {
    await t.db.webhookEndpoint.create({
      data: { enterpriseId: sender.enterpriseId, url: "https://example.com/hook", secret: "s" },
    });
    const { job, messages, segmentsPerMessage } = await claimedJob(5);
    expect(segmentsPerMessage).toBe(2);
    const [ok, lost, half, bad, notSent] = messages.map((m) => m.id.toString()) as [
      string,
      string,
      string,
      string,
      string,
    ];
    const before = await usage();
    const outcomes = [
      accepted(`${ok}:1`),
      accepted(`${ok}:2`),
      accepted(`${lost}:1`),
      unknown(`${lost}:2`),
      accepted(`${half}:1`),
      refused(`${half}:2`, false),
      refused(`${bad}:1`, true),
      refused(`${bad}:2`, true),
      refused(`${notSent}:1`, false),
      refused(`${notSent}:2`, false),
    ];
    const claimed = messages.map((m) => ({ id: m.id.toString(), mobile: m.mobile, udhReference: m.udhReference }));
    const counts = await recordOutcomes(t.db, job, claimed, outcomes, new Date());
    expect(counts).toEqual({ accepted: 1, rejected: 2, unknown: 1, notSent: 1 });

    const rows = await t.db.message.findMany({
      where: { jobId: job.jobId },
      orderBy: { id: "asc" },
      include: { segmentRows: { orderBy: { seq: "asc" } } },
    });
    expect(rows.map((m) => [m.status, m.errorCode])).toEqual([
      ["SUBMITTED", null],
      ["UNKNOWN", "NO_RESPONSE"],
      ["REJECTED", "QUEUE_TIMEOUT"],
      ["REJECTED", "ESME_RINVDSTADR"],
      ["PENDING", null],
    ]);
    expect(rows[4]!.submittedAt).toBeNull();
    expect(rows.map((m) => m.segmentRows.map((s) => [s.status, s.smscId !== null]))).toEqual([
      [
        ["SUBMITTED", true],
        ["SUBMITTED", true],
      ],
      [
        ["SUBMITTED", true],
        ["UNKNOWN", false],
      ],
      [
        ["SUBMITTED", true],
        ["REJECTED", false],
      ],
      [
        ["REJECTED", false],
        ["REJECTED", false],
      ],
      [],
    ]);
    // Metered: the segments the carrier took (2 + 1 + 1); given back: those of the refused
    // messages that never reached it (1 + 2).
    const after = await usage();
    expect(after!.submittedSegments - (before?.submittedSegments ?? 0)).toBe(4);
    expect((before?.reservedSegments ?? 0) - after!.reservedSegments).toBe(3);
    // The two REJECTED messages are final: their webhooks are queued.
    const hooks = await t.db.webhookDelivery.findMany({ where: { messageId: { in: [BigInt(half), BigInt(bad)] } } });
    expect(hooks.map((h) => h.dedupeKey).sort()).toEqual([`${bad}:REJECTED`, `${half}:REJECTED`].sort());
  });

  test("every segment accepted: one statement, metered; the bureau's own notices are not", async () => {
    const customer = await claimedJob(3);
    const before = (await usage())?.submittedSegments ?? 0;
    const keyed = (ms: { id: bigint }[]) => ms.flatMap((m) => [accepted(`${m.id}:1`), accepted(`${m.id}:2`)]);
    const claimedOf = (ms: typeof customer.messages) =>
      ms.map((m) => ({ id: m.id.toString(), mobile: m.mobile, udhReference: m.udhReference }));
    await recordOutcomes(t.db, customer.job, claimedOf(customer.messages), keyed(customer.messages), new Date());
    expect(await t.db.message.count({ where: { jobId: customer.job.jobId, status: "SUBMITTED" } })).toBe(3);
    expect(
      await t.db.messageSegment.count({
        where: { message: { jobId: customer.job.jobId }, status: "SUBMITTED", smscId: { not: null } },
      }),
    ).toBe(6);
    expect((await usage())!.submittedSegments - before).toBe(6);

    const system = await claimedJob(2, { system: true });
    await recordOutcomes(t.db, system.job, claimedOf(system.messages), keyed(system.messages), new Date());
    expect(await t.db.message.count({ where: { jobId: system.job.jobId, status: "SUBMITTED" } })).toBe(2);
    expect((await usage())!.submittedSegments - before).toBe(6);
  });
});
