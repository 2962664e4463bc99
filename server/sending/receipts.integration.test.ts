// Receipts through the carrier inbox (./receipts.ts, ./inbox.ts) against real PostgreSQL, with the
// rows set up by hand: stored and applied in one statement, exactly once per segment, long messages
// from their segments, the worst state, webhooks, job completion, two batches side by side; matched
// by id AND handset (ids reused after an SMSC restart; a disagreeing handset recorded, never
// applied); receipts that come before their outcome wait and are applied when it is recorded;
// intermediate and duplicate receipts; the UNKNOWN reconciliation with its metering (never for the
// bureau's own notices); replies stored part by part and recorded once; the purge.
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { toChinaDate, toDbDate } from "../clock";
import { createTestDatabase, type TestDatabase } from "../testing/database";
import { acceptSendJob } from "./accept";
import { purgeCarrierInbox, recordPendingReplies, storeReplyPart, sweepCarrierInbox } from "./inbox";
import {
  type ReceiptInput,
  adoptPendingReceipts,
  applyPendingReceipts,
  markDuplicateReceipts,
  receiveReceipts,
} from "./receipts";
import { type Sender, addContacts, readySender } from "../testing/sending";
import { webhookPayload } from "../api-v1/schemas";

let t: TestDatabase;
let sender: Sender;
let numbers: string[];
let next = 0;
const LONG =
  "尊敬的客户：您本月的账单已经生成，请登录企业门户查看明细并在缴费期内完成缴费，逾期将按合同约定收取违约金。如有疑问请致电客服热线，我们将竭诚为您服务。";
const WINDOW = { windowMs: 3 * 3_600_000 };

beforeAll(async () => {
  t = await createTestDatabase();
  sender = await readySender(t.db, { dailyCap: 1_000_000 });
  numbers = await addContacts(t.db, sender.enterpriseId, 13_600_000_000, 300);
});
afterAll(async () => t.drop());

let smsc = 0;
/**
 * A SENDING job of `count` messages to fresh numbers, every segment submitted (SUBMITTED with its
 * own SMSC id, or the ids given) or, with `unknown`, written but never answered (UNKNOWN, no id).
 */
async function submittedJob(
  count: number,
  options: {
    long?: boolean;
    unknown?: boolean;
    submittedAt?: Date;
    to?: string[];
    ids?: string[];
    noSegments?: boolean;
  } = {},
) {
  const to = options.to ?? numbers.slice(next, (next += count));
  const job = await acceptSendJob(
    t.db,
    sender,
    {
      source: "API",
      purpose: "NOTICE",
      content: options.long ? LONG : "您的快递已到驿站，请及时取件。",
      recipients: { numbers: to },
    },
    new Date(),
  );
  const at = options.submittedAt ?? new Date();
  const status = options.unknown ? ("UNKNOWN" as const) : ("SUBMITTED" as const);
  await t.db.sendJob.update({ where: { id: job.jobId }, data: { status: "SENDING" } });
  const messages = await t.db.message.findMany({ where: { jobId: job.jobId }, orderBy: { id: "asc" } });
  await t.db.message.updateMany({ where: { jobId: job.jobId }, data: { status, submittedAt: at } });
  let i = 0;
  const segments = messages.flatMap((m) =>
    Array.from({ length: m.segments }, (_, s) => ({
      messageId: m.id,
      seq: s + 1,
      status,
      submittedAt: at,
      smscId: options.unknown ? null : (options.ids?.[i++] ?? `R${++smsc}`),
    })),
  );
  if (!options.noSegments) await t.db.messageSegment.createMany({ data: segments });
  return { jobId: job.jobId, messages, segments };
}

const receipt = (
  smscId: string | null,
  to: string,
  state = "delivered",
  extra: Partial<ReceiptInput> = {},
): ReceiptInput => ({
  smscId: smscId!,
  state,
  stat: state === "delivered" ? "DELIVRD" : state === "accepted" ? "ACCEPTD" : "UNDELIV",
  errorCode: state === "delivered" ? "000" : "013",
  recipient: to,
  address: "10690000",
  link: "smpp:test#1",
  raw: Buffer.from("raw"),
  ...extra,
});
const message = (id: bigint) =>
  t.db.message.findUniqueOrThrow({ where: { id }, include: { segmentRows: { orderBy: { seq: "asc" } } } });
const job = (id: string) => t.db.sendJob.findUniqueOrThrow({ where: { id } });
const inbox = (smscId: string) => t.db.carrierInbox.findMany({ where: { smscId }, orderBy: { id: "asc" } });
const metered = async () =>
  (
    await t.db.dailyUsage.findUnique({
      where: { enterpriseId_day: { enterpriseId: sender.enterpriseId, day: toDbDate(toChinaDate(new Date())) } },
    })
  )?.submittedSegments ?? 0;

describe("receiveReceipts", () => {
  test("one-segment messages: stored and applied together, webhooks queued, the job completed with its last; unknown ids wait", async () => {
    await t.db.webhookEndpoint.create({
      data: { enterpriseId: sender.enterpriseId, url: "https://example.com/hook", secret: "s" },
    });
    try {
      const { jobId, messages, segments } = await submittedJob(3);
      const to = messages.map((m) => m.mobile);
      const now = new Date();
      const first = await receiveReceipts(
        t.db,
        [
          receipt(segments[0]!.smscId, `+86${to[0]}`),
          receipt(segments[1]!.smscId, to[1]!, "undeliverable"),
          receipt("NOPE", to[2]!),
        ],
        now,
        WINDOW,
      );
      expect(first).toEqual({ applied: 2, finalised: 2, pending: 1, intermediate: 0 });
      expect(await message(messages[0]!.id)).toMatchObject({ status: "DELIVERED", errorCode: null, finalAt: now });
      expect(await message(messages[1]!.id)).toMatchObject({ status: "UNDELIVERED", errorCode: "013", finalAt: now });
      expect((await message(messages[1]!.id)).segmentRows[0]).toMatchObject({
        status: "UNDELIVERED",
        receiptStat: "UNDELIV",
        errorCode: "013",
        receiptAt: now,
      });
      const [row] = await inbox(segments[0]!.smscId!);
      expect(row).toMatchObject({
        kind: "RECEIPT",
        status: "APPLIED",
        handset: `+86${to[0]}`,
        mobile: to[0],
        address: "10690000",
        link: "smpp:test#1",
        state: "delivered",
        outcome: "DELIVERED",
        stat: "DELIVRD",
        messageId: messages[0]!.id,
        seq: 1,
        doneAt: now,
      });
      expect(Buffer.from(row!.raw).toString()).toBe("raw");
      expect(await inbox("NOPE")).toMatchObject([{ status: "PENDING", note: "NO_SUBMISSION", messageId: null }]);
      expect((await job(jobId)).status).toBe("SENDING");
      const hooks = await t.db.webhookDelivery.findMany({
        where: { messageId: { in: messages.map((m) => m.id) } },
        orderBy: { messageId: "asc" },
      });
      expect(hooks.map((h) => h.dedupeKey)).toEqual([`${messages[0]!.id}:DELIVERED`, `${messages[1]!.id}:UNDELIVERED`]);
      // The payload written in SQL is exactly the documented webhook body (api-v1/schemas.ts).
      expect(hooks.map((h) => webhookPayload.strict().parse(h.payload))).toMatchObject([
        { messageId: String(messages[0]!.id), status: "DELIVERED", errorCode: null, finalAt: now.toISOString() },
        { messageId: String(messages[1]!.id), status: "UNDELIVERED", errorCode: "013", finalAt: now.toISOString() },
      ]);

      // The same receipt again (an acknowledgement lost): stored, changes nothing, marked DUPLICATE after the grace time.
      expect(
        await receiveReceipts(t.db, [receipt(segments[0]!.smscId, to[0]!, "undeliverable")], new Date(), WINDOW),
      ).toMatchObject({ applied: 0, pending: 1 });
      expect(await message(messages[0]!.id)).toMatchObject({ status: "DELIVERED", finalAt: now });
      expect(await markDuplicateReceipts(t.db, new Date(Date.now() + 10_000), { ...WINDOW, graceMs: 5_000 })).toBe(1);
      expect((await inbox(segments[0]!.smscId!)).map((r) => r.status)).toEqual(["APPLIED", "DUPLICATE"]);

      // Intermediate states (ACCEPTD, ENROUTE) are kept and change nothing; the final one completes the job.
      expect(
        await receiveReceipts(
          t.db,
          [receipt(segments[2]!.smscId, to[2]!, "accepted"), receipt(segments[2]!.smscId, to[2]!, "enroute")],
          now,
          WINDOW,
        ),
      ).toEqual({ applied: 0, finalised: 0, pending: 0, intermediate: 2 });
      expect((await message(messages[2]!.id)).status).toBe("SUBMITTED");
      expect(await receiveReceipts(t.db, [receipt(segments[2]!.smscId, to[2]!)], now, WINDOW)).toMatchObject({
        applied: 1,
        finalised: 1,
      });
      expect(await job(jobId)).toMatchObject({ status: "COMPLETED", completedAt: now });
      expect((await inbox(segments[2]!.smscId!)).map((r) => r.status)).toEqual([
        "INTERMEDIATE",
        "INTERMEDIATE",
        "APPLIED",
      ]);
    } finally {
      await t.db.webhookEndpoint.deleteMany({ where: { enterpriseId: sender.enterpriseId } });
    }
  });

  test("a long message is final only with all its segments, in the worst segment's state", async () => {
    const { messages, segments } = await submittedJob(2, { long: true });
    expect(segments).toHaveLength(4);
    const [a, b] = messages.map((m) => m.mobile);
    const [a1, a2, b1, b2] = segments.map((s) => s.smscId!);
    // a: part 2 undelivered, part 1 delivered later; b: both delivered in one batch, one twice.
    expect(
      await receiveReceipts(
        t.db,
        [receipt(a2!, a!, "undeliverable"), receipt(b1!, b!), receipt(b2!, b!), receipt(b2!, b!)],
        new Date(),
        WINDOW,
      ),
    ).toMatchObject({ applied: 3, finalised: 1, pending: 1 });
    expect(await message(messages[0]!.id)).toMatchObject({ status: "SUBMITTED", finalAt: null });
    expect(await message(messages[1]!.id)).toMatchObject({ status: "DELIVERED", errorCode: null });
    expect(await receiveReceipts(t.db, [receipt(a1!, a!)], new Date(), WINDOW)).toMatchObject({
      applied: 1,
      finalised: 1,
    });
    const m = await message(messages[0]!.id);
    expect(m).toMatchObject({ status: "UNDELIVERED", errorCode: "013" });
    expect(m.segmentRows.map((s) => s.status)).toEqual(["DELIVERED", "UNDELIVERED"]);
  });

  test("two batches side by side, each with one segment of the same long messages: every message finalised once", async () => {
    const { jobId, messages, segments } = await submittedJob(40, { long: true });
    const mobile = new Map(messages.map((m) => [m.id, m.mobile]));
    const firsts = segments.filter((s) => s.seq === 1).map((s) => receipt(s.smscId, mobile.get(s.messageId)!));
    const seconds = segments
      .filter((s) => s.seq === 2)
      .map((s) => receipt(s.smscId, mobile.get(s.messageId)!, "expired", { stat: "EXPIRED", errorCode: "000" }));
    const [one, two] = await Promise.all([
      receiveReceipts(t.db, firsts, new Date(), WINDOW),
      receiveReceipts(t.db, seconds, new Date(), WINDOW),
    ]);
    expect(one.applied + two.applied).toBe(80);
    expect(one.finalised + two.finalised).toBe(40);
    const rows = await t.db.message.findMany({ where: { id: { in: messages.map((m) => m.id) } } });
    expect(rows.every((m) => m.status === "EXPIRED" && m.finalAt !== null)).toBe(true);
    expect((await job(jobId)).status).toBe("COMPLETED");
  });
});

describe("matching by id and handset", () => {
  test("an SMSC that reused its ids after a restart: each receipt goes to its own handset's segment, the most recent first", async () => {
    const earlier = new Date(Date.now() - 60_000);
    // Before the restart: A got id X1 and is still waiting; after it, B got X1 too (more recent).
    const before = await submittedJob(1, { ids: ["X1"], submittedAt: earlier });
    const after = await submittedJob(1, { ids: ["X1"] });
    const [a, b] = [before.messages[0]!, after.messages[0]!];
    // B's receipt: B's segment, though A's also has X1 and is open.
    expect(await receiveReceipts(t.db, [receipt("X1", b.mobile, "undeliverable")], new Date(), WINDOW)).toMatchObject({
      applied: 1,
    });
    expect((await message(b.id)).status).toBe("UNDELIVERED");
    expect((await message(a.id)).status).toBe("SUBMITTED");
    // A's receipt (it was still queued at the SMSC across its restart): A's segment.
    expect(await receiveReceipts(t.db, [receipt("X1", a.mobile)], new Date(), WINDOW)).toMatchObject({ applied: 1 });
    expect((await message(a.id)).status).toBe("DELIVERED");
    expect((await message(b.id)).status).toBe("UNDELIVERED");
  });

  test("a receipt whose handset disagrees with the only segment of that id is recorded, never applied", async () => {
    const { messages } = await submittedJob(1, { ids: ["X2"] });
    const stranger = numbers[299]!;
    expect(await receiveReceipts(t.db, [receipt("X2", stranger)], new Date(), WINDOW)).toMatchObject({
      applied: 0,
      pending: 1,
    });
    expect((await message(messages[0]!.id)).status).toBe("SUBMITTED");
    expect(await inbox("X2")).toMatchObject([{ status: "PENDING", note: "HANDSET_MISMATCH", handset: stranger }]);
    // Nor later, by the sweep.
    await sweepCarrierInbox(t.db, new Date(Date.now() + 60_000), {
      ...WINDOW,
      graceMs: 5_000,
      replyAssemblyMs: 300_000,
    });
    expect((await message(messages[0]!.id)).status).toBe("SUBMITTED");
    expect((await inbox("X2"))[0]!.status).toBe("PENDING");
    // A receipt with no readable handset is matched by id alone.
    expect(await receiveReceipts(t.db, [receipt("X2", "")], new Date(), WINDOW)).toMatchObject({ applied: 1 });
    expect((await message(messages[0]!.id)).status).toBe("DELIVERED");
  });

  test("segments submitted before the receipt timeout are no candidates", async () => {
    const { messages } = await submittedJob(1, { ids: ["X3"], submittedAt: new Date(Date.now() - 4 * 3_600_000) });
    expect(await receiveReceipts(t.db, [receipt("X3", messages[0]!.mobile)], new Date(), WINDOW)).toMatchObject({
      applied: 0,
      pending: 1,
    });
    expect((await message(messages[0]!.id)).status).toBe("SUBMITTED");
  });
});

describe("receipts that come before their outcome", () => {
  test("wait PENDING and are applied once the outcome is recorded (by id), exactly once", async () => {
    const { messages, segments } = await submittedJob(2, { noSegments: true, ids: ["E1", "E2"] });
    const now = new Date();
    expect(
      await receiveReceipts(
        t.db,
        [receipt("E1", messages[0]!.mobile), receipt("E2", messages[1]!.mobile, "undeliverable")],
        now,
        WINDOW,
      ),
    ).toMatchObject({ applied: 0, pending: 2 });
    // The outcome is recorded: the segments get their ids.
    await t.db.messageSegment.createMany({ data: segments });
    expect(await applyPendingReceipts(t.db, now, { ...WINDOW, smscIds: ["E1", "E2", "OTHER"] })).toEqual({
      applied: 2,
      finalised: 2,
    });
    expect((await message(messages[0]!.id)).status).toBe("DELIVERED");
    expect((await message(messages[1]!.id)).status).toBe("UNDELIVERED");
    expect((await inbox("E1"))[0]).toMatchObject({ status: "APPLIED", note: null, messageId: messages[0]!.id, seq: 1 });
    expect(await applyPendingReceipts(t.db, now, { ...WINDOW, smscIds: ["E1", "E2"] })).toEqual({
      applied: 0,
      finalised: 0,
    });
  });
});

describe("receipts for UNKNOWN submissions", () => {
  test("adopted after the grace time by the oldest UNKNOWN segment to the same handset within the window, metered then, applied", async () => {
    const mobile = numbers[250]!;
    const now = new Date();
    const old = await submittedJob(1, {
      unknown: true,
      submittedAt: new Date(now.getTime() - 4 * 3_600_000),
      to: [mobile],
    });
    const older = await submittedJob(1, {
      unknown: true,
      submittedAt: new Date(now.getTime() - 20 * 60_000),
      to: [mobile],
    });
    const newer = await submittedJob(1, {
      unknown: true,
      submittedAt: new Date(now.getTime() - 10 * 60_000),
      to: [mobile],
    });
    await receiveReceipts(t.db, [receipt("ORPHAN1", `+86${mobile}`), receipt("ORPHAN2", "13999999999")], now, WINDOW);
    const beforeMetered = await metered();
    // Not within the grace time: its own submission may still be being recorded.
    expect(await adoptPendingReceipts(t.db, new Date(now.getTime() + 1_000), { ...WINDOW, graceMs: 5_000 })).toBe(0);
    expect(await adoptPendingReceipts(t.db, new Date(now.getTime() + 6_000), { ...WINDOW, graceMs: 5_000 })).toBe(1);
    expect((await message(older.messages[0]!.id)).segmentRows[0]).toMatchObject({
      smscId: "ORPHAN1",
      status: "DELIVERED",
    });
    expect((await message(older.messages[0]!.id)).status).toBe("DELIVERED");
    expect((await message(newer.messages[0]!.id)).segmentRows[0]!.smscId).toBeNull();
    expect((await message(old.messages[0]!.id)).segmentRows[0]!.smscId).toBeNull();
    expect(await metered()).toBe(beforeMetered + 1);
    expect((await inbox("ORPHAN1"))[0]!.status).toBe("APPLIED");
    expect((await inbox("ORPHAN2"))[0]!.status).toBe("PENDING");
    // Again: nothing more is adopted or metered.
    expect(await adoptPendingReceipts(t.db, new Date(now.getTime() + 6_000), { ...WINDOW, graceMs: 5_000 })).toBe(0);
    expect(await metered()).toBe(beforeMetered + 1);
  });

  test("the bureau's own notices (SendJob.system) are reconciled but never metered", async () => {
    const mobile = numbers[260]!;
    const notice = await submittedJob(1, { unknown: true, to: [mobile] });
    await t.db.sendJob.update({ where: { id: notice.jobId }, data: { system: true } });
    const now = new Date();
    await receiveReceipts(t.db, [receipt("ORPHAN3", mobile)], now, WINDOW);
    const before = await metered();
    expect(await adoptPendingReceipts(t.db, new Date(now.getTime() + 6_000), { ...WINDOW, graceMs: 5_000 })).toBe(1);
    expect(await metered()).toBe(before);
    expect((await message(notice.messages[0]!.id)).status).toBe("DELIVERED");
    expect((await job(notice.jobId)).status).toBe("COMPLETED");
  });
});

describe("replies and the purge", () => {
  test("reply parts are stored as they come and recorded once, long ones put together (a part twice counts once)", async () => {
    const meta = { link: "smpp:test#1", raw: Buffer.from("pdu") };
    const now = new Date();
    const part = (seq: number, text: string) => ({
      from: "8613599990007",
      to: "106900001234",
      dataCoding: 8,
      body: Buffer.from(text, "utf16le").swap16(),
      concatenation: { reference: 7, referenceBits: 8 as const, total: 2, sequence: seq },
    });
    await storeReplyPart(t.db, part(2, "订谢谢"), meta, now);
    expect(await recordPendingReplies(t.db, now, { replyAssemblyMs: 300_000 })).toBe(0);
    await storeReplyPart(t.db, part(1, "退"), meta, now);
    await storeReplyPart(t.db, part(1, "退"), meta, now);
    await storeReplyPart(
      t.db,
      { from: "13599990008", to: "10690000", dataCoding: 0, body: Buffer.from("TD"), concatenation: null },
      meta,
      now,
    );
    const [a, b] = await Promise.all([
      recordPendingReplies(t.db, now, { replyAssemblyMs: 300_000 }),
      recordPendingReplies(t.db, now, { replyAssemblyMs: 300_000 }),
    ]);
    expect(a + b).toBe(2);
    const replies = await t.db.inboundReply.findMany({
      where: { fromMobile: { in: ["13599990007", "13599990008"] } },
      orderBy: { fromMobile: "asc" },
    });
    expect(replies.map((r) => [r.fromMobile, r.text])).toEqual([
      ["13599990007", "退订谢谢"],
      ["13599990008", "TD"],
    ]);
    const rows = await t.db.carrierInbox.findMany({ where: { kind: "REPLY" } });
    expect(rows).toHaveLength(4);
    expect(rows.every((r) => r.status === "RECORDED" && r.replyId !== null)).toBe(true);
  });

  test("a long reply whose other parts never come is recorded as far as it came after the assembly time", async () => {
    const now = new Date();
    await storeReplyPart(
      t.db,
      {
        from: "13599990009",
        to: "10690000",
        dataCoding: 0,
        body: Buffer.from("TD "),
        concatenation: { reference: 9, referenceBits: 8, total: 3, sequence: 1 },
      },
      { link: "smpp:test#2", raw: Buffer.alloc(1) },
      now,
    );
    expect(await recordPendingReplies(t.db, new Date(now.getTime() + 60_000), { replyAssemblyMs: 300_000 })).toBe(0);
    expect(await recordPendingReplies(t.db, new Date(now.getTime() + 301_000), { replyAssemblyMs: 300_000 })).toBe(1);
    expect((await t.db.inboundReply.findFirstOrThrow({ where: { fromMobile: "13599990009" } })).text).toBe("TD ");
  });

  test("rows older than the receipt timeout are purged, except replies not yet recorded", async () => {
    const old = new Date(Date.now() - 5 * 3_600_000);
    await receiveReceipts(t.db, [receipt("OLD1", numbers[1]!, "delivered", { receivedAt: old })], old, WINDOW);
    await storeReplyPart(
      t.db,
      {
        from: "13599990010",
        to: "10690000",
        dataCoding: 0,
        body: Buffer.from("x"),
        concatenation: { reference: 1, referenceBits: 8, total: 2, sequence: 1 },
      },
      { link: "l", raw: Buffer.alloc(1) },
      old,
    );
    const total = await t.db.carrierInbox.count();
    expect(await purgeCarrierInbox(t.db, new Date(), WINDOW.windowMs, 1)).toBe(1);
    expect(await t.db.carrierInbox.count()).toBe(total - 1);
    expect(await inbox("OLD1")).toEqual([]);
    expect(await t.db.carrierInbox.count({ where: { handset: "13599990010" } })).toBe(1);
  });
});
