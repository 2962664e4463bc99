import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { seedDemo } from "@/prisma/demo-data";
import { toChinaDate, toDbDate } from "../clock";
import { callerFor, trpcCode } from "../testing/callers";
import { createTestDatabase, type TestDatabase } from "../testing/database";
import { REVIEW_REJECTED_CODE } from "./review";

let t: TestDatabase;
let demoId: string;
let otherId: string;
const T0 = new Date("2026-11-25T02:00:00Z"); // 10:00 China time
const DAY = toDbDate(toChinaDate(T0));

const callerAs = (email: string, now = T0) => callerFor(t.db, email, { now });

/**
 * A job as sending accepts one that matched a REVIEW term: HELD_FOR_REVIEW, `pending` messages
 * PENDING (2 segments each) with their quota reserved, plus one skipped OPTED_OUT recipient.
 */
async function heldJob(enterpriseId: string, pending: number, options: { scheduledAt?: Date; terms?: string[] } = {}) {
  const segments = 2;
  const job = await t.db.sendJob.create({
    data: {
      enterpriseId,
      source: "PORTAL",
      purpose: "NOTICE",
      content: "本周末返利活动",
      signature: "示例科技",
      fullText: "【示例科技】本周末返利活动",
      encoding: "ucs2",
      segmentsPerMessage: segments,
      status: "HELD_FOR_REVIEW",
      scheduledAt: options.scheduledAt ?? null,
      recipientCount: pending + 1,
      acceptedCount: pending,
      skippedCount: 1,
      reservedSegments: pending * segments,
      quotaDay: DAY,
      heldTerms: options.terms ?? ["返利"],
      createdAt: T0,
    },
  });
  await t.db.message.createMany({
    data: [
      ...Array.from({ length: pending }, (_, i) => ({
        jobId: job.id,
        enterpriseId,
        mobile: `1390000${String(i).padStart(4, "0")}`,
        status: "PENDING" as const,
        segments,
        createdAt: T0,
      })),
      {
        jobId: job.id,
        enterpriseId,
        mobile: "13700000000",
        status: "OPTED_OUT" as const,
        segments,
        finalAt: T0,
        createdAt: T0,
      },
    ],
  });
  await t.db.$executeRaw`
    INSERT INTO "DailyUsage" ("enterpriseId", day, "reservedSegments") VALUES (${enterpriseId}, ${DAY}::date, ${pending * segments})
    ON CONFLICT ("enterpriseId", day) DO UPDATE SET "reservedSegments" = "DailyUsage"."reservedSegments" + ${pending * segments}`;
  return job.id;
}

const reserved = async (enterpriseId: string) =>
  (await t.db.dailyUsage.findUnique({ where: { enterpriseId_day: { enterpriseId, day: DAY } } }))?.reservedSegments ??
  0;
const releasedEvents = (jobId: string) =>
  t.db.jobEvent.findMany({ where: { name: "sending/job.released", idempotencyKey: `sending-job-released:${jobId}` } });

beforeAll(async () => {
  t = await createTestDatabase();
  await seedDemo(t.db);
  demoId = (await t.db.user.findUniqueOrThrow({ where: { email: "admin@demo.example.com" } })).enterpriseId ?? "";
  otherId = (await t.db.user.findUniqueOrThrow({ where: { email: "admin@other.example.com" } })).enterpriseId ?? "";
});

afterAll(async () => {
  await t?.drop();
});

describe("review queue (乙方 3: REVIEW terms)", () => {
  test("the queue lists held jobs with content and matched terms; reading it is audited", async () => {
    const jobId = await heldJob(demoId, 3, { terms: ["返利", "活动"] });
    const reviewer = await callerAs("compliance@bureau.example.com");
    const queue = await reviewer.compliance.review.queue({ page: 1, pageSize: 50 });
    const row = queue.rows.find((r) => r.id === jobId);
    expect(row).toMatchObject({
      content: "本周末返利活动",
      fullText: "【示例科技】本周末返利活动",
      heldTerms: ["返利", "活动"],
      acceptedCount: 3,
      status: "HELD_FOR_REVIEW",
    });
    expect(row?.enterprise.id).toBe(demoId);
    expect(await t.db.auditLog.count({ where: { action: "compliance.review.viewed" } })).toBeGreaterThanOrEqual(1);
  });

  test("approve: QUEUED with the release event in the same transaction; the decision is on the job; only once", async () => {
    const jobId = await heldJob(demoId, 2);
    const reviewer = await callerAs("compliance@bureau.example.com");
    expect(await reviewer.compliance.review.approve({ id: jobId, note: "通知类内容，放行" })).toEqual({
      status: "QUEUED",
    });
    const job = await t.db.sendJob.findUniqueOrThrow({ where: { id: jobId } });
    expect(job.status).toBe("QUEUED");
    expect(job.reviewNote).toBe("通知类内容，放行");
    expect(job.reviewedAt?.toISOString()).toBe(T0.toISOString());
    expect(job.reviewedById).not.toBeNull();
    const events = await releasedEvents(jobId);
    expect(events).toHaveLength(1);
    expect(events[0]?.data).toEqual({ jobId });
    expect(await t.db.message.count({ where: { jobId, status: "PENDING" } })).toBe(2);
    expect(await trpcCode(reviewer.compliance.review.approve({ id: jobId }))).toBe("CONFLICT");
    expect(await trpcCode(reviewer.compliance.review.reject({ id: jobId, reason: "晚了" }))).toBe("CONFLICT");
    expect(await t.db.auditLog.count({ where: { action: "compliance.review.approved", entityId: jobId } })).toBe(1);
  });

  test("approve a job scheduled ahead: SCHEDULED, no event yet", async () => {
    const jobId = await heldJob(demoId, 1, { scheduledAt: new Date(T0.getTime() + 3 * 60 * 60 * 1000) });
    const admin = await callerAs("admin@bureau.example.com");
    expect(await admin.compliance.review.approve({ id: jobId })).toEqual({ status: "SCHEDULED" });
    expect(await releasedEvents(jobId)).toHaveLength(0);
  });

  test("reject: job REJECTED with the reason, messages REJECTED, quota given back, violation recorded", async () => {
    const before = await reserved(otherId);
    const jobId = await heldJob(otherId, 5);
    expect(await reserved(otherId)).toBe(before + 10);
    const reviewer = await callerAs("compliance@bureau.example.com");
    expect(await trpcCode(reviewer.compliance.review.reject({ id: jobId, reason: "   " }))).toBe("BAD_REQUEST");
    expect(await reviewer.compliance.review.reject({ id: jobId, reason: "含诱导性营销内容" })).toEqual({
      messages: 5,
      releasedSegments: 10,
    });

    const job = await t.db.sendJob.findUniqueOrThrow({ where: { id: jobId } });
    expect(job).toMatchObject({ status: "REJECTED", reviewNote: "含诱导性营销内容" });
    expect(job.completedAt?.toISOString()).toBe(T0.toISOString());
    const states = await t.db.message.groupBy({
      by: ["status", "errorCode"],
      where: { jobId },
      _count: { _all: true },
    });
    expect(states.map((s) => [s.status, s.errorCode, s._count._all]).sort()).toEqual([
      ["OPTED_OUT", null, 1],
      ["REJECTED", REVIEW_REJECTED_CODE, 5],
    ]);
    expect(await t.db.message.count({ where: { jobId, finalAt: null } })).toBe(0);
    expect(await reserved(otherId)).toBe(before);
    expect(await releasedEvents(jobId)).toHaveLength(0);

    const violations = await t.db.complianceViolation.findMany({ where: { jobId } });
    expect(violations).toHaveLength(1);
    expect(violations[0]).toMatchObject({
      enterpriseId: otherId,
      kind: "CONTENT_REJECTED",
      detail: "含诱导性营销内容（返利）",
    });
    const list = await reviewer.compliance.violations.list({ page: 1, pageSize: 20, enterpriseId: otherId });
    expect(list.rows.map((r) => r.jobId)).toContain(jobId);
    expect(list.enterprises.find((e) => e.id === otherId)?.count).toBeGreaterThanOrEqual(1);

    const decided = await reviewer.compliance.review.queue({ page: 1, pageSize: 50, state: "DECIDED" });
    expect(decided.rows.find((r) => r.id === jobId)).toMatchObject({
      status: "REJECTED",
      reviewNote: "含诱导性营销内容",
    });
  });

  test("only COMPLIANCE and the bureau admin decide; customers and other staff are refused", async () => {
    const jobId = await heldJob(demoId, 1);
    for (const email of [
      "admin@demo.example.com",
      "operator@demo.example.com",
      "sales@bureau.example.com",
      "finance@bureau.example.com",
    ]) {
      const caller = await callerAs(email);
      expect(await trpcCode(caller.compliance.review.queue({ page: 1, pageSize: 20 }))).toBe("FORBIDDEN");
      expect(await trpcCode(caller.compliance.review.approve({ id: jobId }))).toBe("FORBIDDEN");
      expect(await trpcCode(caller.compliance.review.reject({ id: jobId, reason: "x" }))).toBe("FORBIDDEN");
    }
    expect((await t.db.sendJob.findUniqueOrThrow({ where: { id: jobId } })).status).toBe("HELD_FOR_REVIEW");
    const reviewer = await callerAs("compliance@bureau.example.com");
    expect(await trpcCode(reviewer.compliance.review.approve({ id: "no-such-job" }))).toBe("NOT_FOUND");
  });
});
