// Receipts applied set-based (./receipts.ts) against real PostgreSQL, with the rows set up by hand:
// exactly once per segment, long messages from their segments, the worst state, webhooks, job
// completion, two batches side by side, and the UNKNOWN reconciliation with its metering (never for
// the bureau's own notices).
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { toChinaDate, toDbDate } from "../clock";
import { createTestDatabase, type TestDatabase } from "../testing/database";
import { acceptSendJob } from "./accept";
import { type ReceiptInput, adoptOrphanReceipts, applyReceipts } from "./receipts";
import { type Sender, addContacts, readySender } from "./testing/fixtures";

let t: TestDatabase;
let sender: Sender;
let numbers: string[];
let next = 0;
const LONG = "尊敬的客户：您本月的账单已经生成，请登录企业门户查看明细并在缴费期内完成缴费，逾期将按合同约定收取违约金。如有疑问请致电客服热线，我们将竭诚为您服务。";

beforeAll(async () => {
  t = await createTestDatabase();
  sender = await readySender(t.db, { dailyCap: 1_000_000 });
  numbers = await addContacts(t.db, sender.enterpriseId, 13_600_000_000, 200);
});
afterAll(async () => t.drop());

let smsc = 0;
/**
 * A SENDING job of `count` messages to fresh numbers, every segment submitted (SUBMITTED with its
 * own SMSC id) or, with `unknown`, written but never answered (UNKNOWN, no id) at `submittedAt`.
 */
async function submittedJob(count: number, options: { long?: boolean; unknown?: boolean; submittedAt?: Date; to?: string[] } = {}) {
  const to = options.to ?? numbers.slice(next, (next += count));
  const job = await acceptSendJob(t.db, sender, { source: "API", purpose: "NOTICE", content: options.long ? LONG : "您的快递已到驿站，请及时取件。", recipients: { numbers: to } }, new Date());
  const at = options.submittedAt ?? new Date();
  const status = options.unknown ? ("UNKNOWN" as const) : ("SUBMITTED" as const);
  await t.db.sendJob.update({ where: { id: job.jobId }, data: { status: "SENDING" } });
  const messages = await t.db.message.findMany({ where: { jobId: job.jobId }, orderBy: { id: "asc" } });
  await t.db.message.updateMany({ where: { jobId: job.jobId }, data: { status, submittedAt: at } });
  const segments = messages.flatMap((m) =>
    Array.from({ length: m.segments }, (_, i) => ({ messageId: m.id, seq: i + 1, status, submittedAt: at, smscId: options.unknown ? null : `R${++smsc}` })),
  );
  await t.db.messageSegment.createMany({ data: segments });
  return { jobId: job.jobId, messages, segments };
}

const receipt = (smscId: string | null, state = "delivered", extra: Partial<ReceiptInput> = {}): ReceiptInput => ({
  smscId: smscId!,
  state,
  stat: state === "delivered" ? "DELIVRD" : "UNDELIV",
  errorCode: state === "delivered" ? "000" : "013",
  recipient: "",
  ...extra,
});
const message = (id: bigint) => t.db.message.findUniqueOrThrow({ where: { id }, include: { segmentRows: { orderBy: { seq: "asc" } } } });
const job = (id: string) => t.db.sendJob.findUniqueOrThrow({ where: { id } });
const metered = async () =>
  (await t.db.dailyUsage.findUnique({ where: { enterpriseId_day: { enterpriseId: sender.enterpriseId, day: toDbDate(toChinaDate(new Date())) } } }))?.submittedSegments ?? 0;

describe("applyReceipts", () => {
  test("one-segment messages: final at once, webhooks queued, the job completed with its last message; a receipt twice changes nothing", async () => {
    await t.db.webhookEndpoint.create({ data: { enterpriseId: sender.enterpriseId, url: "https://example.com/hook", secret: "s" } });
    try {
      const { jobId, messages, segments } = await submittedJob(3);
      const now = new Date("2026-12-01T02:00:00Z");
      const first = await applyReceipts(t.db, [receipt(segments[0]!.smscId), receipt(segments[1]!.smscId, "undeliverable"), receipt("NOPE")], now);
      expect(first).toMatchObject({ applied: 2, finalised: 2 });
      expect(first.unknown.map((u) => u.smscId)).toEqual(["NOPE"]);
      expect(await message(messages[0]!.id)).toMatchObject({ status: "DELIVERED", errorCode: null, finalAt: now });
      expect(await message(messages[1]!.id)).toMatchObject({ status: "UNDELIVERED", errorCode: "013", finalAt: now });
      expect((await message(messages[1]!.id)).segmentRows[0]).toMatchObject({ status: "UNDELIVERED", receiptStat: "UNDELIV", errorCode: "013", receiptAt: now });
      expect((await job(jobId)).status).toBe("SENDING");
      const hooks = await t.db.webhookDelivery.findMany({ where: { messageId: { in: messages.map((m) => m.id) } }, orderBy: { messageId: "asc" } });
      expect(hooks.map((h) => h.dedupeKey)).toEqual([`${messages[0]!.id}:DELIVERED`, `${messages[1]!.id}:UNDELIVERED`]);
      expect(hooks[1]!.payload).toMatchObject({ messageId: String(messages[1]!.id), jobId, status: "UNDELIVERED", errorCode: "013", segments: 1, finalAt: now.toISOString() });

      // The same receipt again (an acknowledgement lost): an orphan now, nothing changes.
      const again = await applyReceipts(t.db, [receipt(segments[0]!.smscId, "undeliverable")], new Date());
      expect(again).toMatchObject({ applied: 0, finalised: 0 });
      expect(await message(messages[0]!.id)).toMatchObject({ status: "DELIVERED", finalAt: now });

      // Non-final states are ignored; the last message completes the job.
      expect(await applyReceipts(t.db, [receipt(segments[2]!.smscId, "enroute")], now)).toEqual({ applied: 0, finalised: 0, unknown: [] });
      expect(await applyReceipts(t.db, [receipt(segments[2]!.smscId)], now)).toMatchObject({ applied: 1, finalised: 1 });
      expect(await job(jobId)).toMatchObject({ status: "COMPLETED", completedAt: now });
      expect(await t.db.webhookDelivery.count({ where: { messageId: { in: messages.map((m) => m.id) } } })).toBe(3);
    } finally {
      await t.db.webhookEndpoint.deleteMany({ where: { enterpriseId: sender.enterpriseId } });
    }
  });

  test("a long message is final only with all its segments, in the worst segment's state", async () => {
    const { messages, segments } = await submittedJob(2, { long: true });
    expect(segments).toHaveLength(4);
    const [a1, a2, b1, b2] = segments.map((s) => s.smscId!);
    // a: part 2 undelivered, part 1 delivered later; b: both delivered in one batch, duplicated.
    expect(await applyReceipts(t.db, [receipt(a2!, "undeliverable"), receipt(b1!), receipt(b2!), receipt(b2!)], new Date())).toMatchObject({ applied: 3, finalised: 1 });
    expect(await message(messages[0]!.id)).toMatchObject({ status: "SUBMITTED", finalAt: null });
    expect(await message(messages[1]!.id)).toMatchObject({ status: "DELIVERED", errorCode: null });
    expect(await applyReceipts(t.db, [receipt(a1!)], new Date())).toMatchObject({ applied: 1, finalised: 1 });
    const a = await message(messages[0]!.id);
    expect(a).toMatchObject({ status: "UNDELIVERED", errorCode: "013" });
    expect(a.segmentRows.map((s) => s.status)).toEqual(["DELIVERED", "UNDELIVERED"]);
  });

  test("two batches side by side, each with one segment of the same long messages: every message finalised once", async () => {
    const { jobId, messages, segments } = await submittedJob(40, { long: true });
    const firsts = segments.filter((s) => s.seq === 1).map((s) => receipt(s.smscId));
    const seconds = segments.filter((s) => s.seq === 2).map((s) => receipt(s.smscId, "expired", { stat: "EXPIRED", errorCode: "000" }));
    const [one, two] = await Promise.all([applyReceipts(t.db, firsts, new Date()), applyReceipts(t.db, seconds, new Date())]);
    expect(one.applied + two.applied).toBe(80);
    expect(one.finalised + two.finalised).toBe(40);
    const rows = await t.db.message.findMany({ where: { id: { in: messages.map((m) => m.id) } } });
    expect(rows.every((m) => m.status === "EXPIRED" && m.finalAt !== null)).toBe(true);
    expect((await job(jobId)).status).toBe("COMPLETED");
  });
});

describe("orphan receipts and UNKNOWN submissions", () => {
  test("adopted by the oldest UNKNOWN segment to the same handset within the window, metered then, then applied", async () => {
    const mobile = numbers[150]!;
    const now = new Date();
    const old = await submittedJob(1, { unknown: true, submittedAt: new Date(now.getTime() - 3 * 3_600_000), to: [mobile] });
    const older = await submittedJob(1, { unknown: true, submittedAt: new Date(now.getTime() - 20 * 60_000), to: [mobile] });
    const newer = await submittedJob(1, { unknown: true, submittedAt: new Date(now.getTime() - 10 * 60_000), to: [mobile] });
    const before = await metered();
    const orphans = [receipt("ORPHAN1", "delivered", { recipient: `+86${mobile}` }), receipt("ORPHAN2", "delivered", { recipient: "13999999999" })];
    // Window one hour: the 3-hour-old submission is out of it; the 20-minute-old one is the oldest in it.
    const adopted = await adoptOrphanReceipts(t.db, orphans, now, 3_600_000);
    expect([...adopted]).toEqual(["ORPHAN1"]);
    expect((await message(older.messages[0]!.id)).segmentRows[0]).toMatchObject({ smscId: "ORPHAN1", status: "UNKNOWN" });
    expect((await message(newer.messages[0]!.id)).segmentRows[0]!.smscId).toBeNull();
    expect((await message(old.messages[0]!.id)).segmentRows[0]!.smscId).toBeNull();
    expect(await metered()).toBe(before + 1);
    // Offered again (the SMSC redelivered it): the id is taken, nothing more is adopted or metered.
    expect(await adoptOrphanReceipts(t.db, orphans, now, 3_600_000)).toEqual(new Set());
    expect(await metered()).toBe(before + 1);

    expect(await applyReceipts(t.db, orphans, now)).toMatchObject({ applied: 1, finalised: 1 });
    expect(await message(older.messages[0]!.id)).toMatchObject({ status: "DELIVERED", finalAt: now });
    expect(await message(newer.messages[0]!.id)).toMatchObject({ status: "UNKNOWN" });
  });

  test("the bureau's own notices (SendJob.system) are reconciled but never metered", async () => {
    const mobile = numbers[160]!;
    const notice = await submittedJob(1, { unknown: true, to: [mobile] });
    await t.db.sendJob.update({ where: { id: notice.jobId }, data: { system: true } });
    const before = await metered();
    expect(await adoptOrphanReceipts(t.db, [receipt("ORPHAN3", "delivered", { recipient: mobile })], new Date(), 3_600_000)).toEqual(new Set(["ORPHAN3"]));
    expect(await metered()).toBe(before);
    expect(await applyReceipts(t.db, [receipt("ORPHAN3")], new Date())).toMatchObject({ applied: 1, finalised: 1 });
    expect((await message(notice.messages[0]!.id)).status).toBe("DELIVERED");
    expect((await job(notice.jobId)).status).toBe("COMPLETED");
  });
});
