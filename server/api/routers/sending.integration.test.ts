// The portal's sending procedures through the real router: preview, send, cancel, and tenancy.
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { seedDemo } from "@/prisma/demo-data";
import { seedDemoContacts } from "../../addressbook/demo";
import type { SessionUser } from "../../auth/accounts";
import type { AppError } from "../../errors";
import { toChinaDate, toDbDate } from "../../clock";
import { translator } from "../../i18n";
import { callerWith, sessionsByEmail, trpcError as rejection } from "../../testing/callers";
import { createTestDatabase, type TestDatabase } from "../../testing/database";

let t: TestDatabase;
let users: Record<string, SessionUser> = {};
let demoId = "";
const NOW = new Date("2026-11-25T02:00:00Z");

function caller(email: string) {
  const user = users[email];
  if (!user) throw new Error(`no user ${email}`);
  return callerWith(t.db, user, { now: NOW });
}

beforeAll(async () => {
  t = await createTestDatabase();
  await seedDemo(t.db);
  users = await sessionsByEmail(t.db);
  demoId = (await t.db.enterprise.findFirstOrThrow({ where: { name: "示例科技有限公司" } })).id;
  await seedDemoContacts(t.db, demoId);
  const admin = users["admin@demo.example.com"];
  await t.db.smsSignature.create({
    data: { enterpriseId: demoId, text: "示例科技", status: "APPROVED", createdById: admin?.id ?? "", decidedAt: NOW },
  });
  await t.db.optOut.create({ data: { enterpriseId: demoId, mobile: "13800138009", keyword: "TD", replyText: "TD" } });
}, 60_000);
afterAll(async () => t.drop());

describe("compose", () => {
  test("preview says who is skipped and why; send writes the job; the operator may send too; cancel gives the quota back", async () => {
    const operator = caller("operator@demo.example.com");
    const { signature, groups } = await operator.sending.composeOptions();
    expect(signature).toEqual({ approved: "示例科技", pending: null });
    const staff = groups.find((g) => g.name === "全体员工");
    expect(staff?.members).toBe(10);

    const input = {
      purpose: "NOTICE" as const,
      content: "下午三点开会",
      groupIds: [staff?.id ?? ""],
      numbers: "13912345678, 123\n+86 138 0013 8000",
    };
    const preview = await operator.sending.preview(input);
    expect(preview).toMatchObject({
      recipients: 12,
      accepted: 9,
      optedOut: 1,
      notAllowed: 1,
      invalid: 1,
      segmentsPerMessage: 1,
      segments: 9,
      fullText: "【示例科技】下午三点开会",
      verdict: "OK",
    });

    const sent = await operator.sending.send({ ...input, scheduleAt: new Date(NOW.getTime() + 3_600_000) });
    expect(sent).toMatchObject({ status: "SCHEDULED", accepted: 9, skipped: 3 });
    const day = toDbDate(toChinaDate(NOW));
    expect(
      (await t.db.dailyUsage.findUniqueOrThrow({ where: { enterpriseId_day: { enterpriseId: demoId, day } } }))
        .reservedSegments,
    ).toBe(9);

    const job = await operator.sending.job({ jobId: sent.jobId });
    expect(job.progress).toEqual({ total: 9, done: 0, percent: 0 });
    expect((await operator.sending.jobs({ page: 1, pageSize: 20 })).rows.map((r) => r.id)).toEqual([sent.jobId]);

    // Another enterprise can neither see nor cancel it.
    const other = caller("admin@other.example.com");
    expect((await rejection(other.sending.job({ jobId: sent.jobId }))).code).toBe("NOT_FOUND");
    expect((await rejection(other.sending.cancel({ jobId: sent.jobId }))).code).toBe("NOT_FOUND");
    expect((await other.sending.jobs({ page: 1, pageSize: 20 })).total).toBe(0);

    await operator.sending.cancel({ jobId: sent.jobId });
    const cancelled = await operator.sending.job({ jobId: sent.jobId });
    expect(cancelled.status).toBe("CANCELLED");
    expect(cancelled.counts.CANCELLED).toBe(9);
    expect(
      (await t.db.dailyUsage.findUniqueOrThrow({ where: { enterpriseId_day: { enterpriseId: demoId, day } } }))
        .reservedSegments,
    ).toBe(0);
    const again = await rejection(operator.sending.cancel({ jobId: sent.jobId }));
    expect(again.code).toBe("CONFLICT");
  });

  test("a refusal carries its domain code (translated by the error formatter)", async () => {
    const error = await rejection(
      caller("admin@demo.example.com").sending.send({
        purpose: "NOTICE",
        content: "你好",
        groupIds: [],
        contactIds: [],
        numbers: "13912345678",
      }),
    );
    expect(error.code).toBe("FORBIDDEN");
    expect((error.cause as AppError).code).toBe("RECIPIENT_NOT_ALLOWED");
  });
});

describe("schedule", () => {
  test("a send time more than a minute past or more than 30 days ahead is refused, nothing written; within a minute of now it goes at once", async () => {
    const operator = caller("operator@demo.example.com");
    const staff = (await operator.sending.composeOptions()).groups.find((g) => g.name === "全体员工")!;
    const input = { purpose: "NOTICE" as const, content: "定时检查", groupIds: [staff.id] };
    const jobs = await t.db.sendJob.count();
    const past = await rejection(operator.sending.send({ ...input, scheduleAt: new Date(NOW.getTime() - 61_000) }));
    expect([past.code, (past.cause as AppError).code]).toEqual(["BAD_REQUEST", "SCHEDULE_IN_PAST"]);
    expect(translator("zh")("errors.SCHEDULE_IN_PAST")).toBe("定时发送时间已过，请选择晚于现在的时间");
    expect(
      (
        (await rejection(operator.sending.preview({ ...input, scheduleAt: new Date(NOW.getTime() - 3_600_000) })))
          .cause as AppError
      ).code,
    ).toBe("SCHEDULE_IN_PAST");
    const far = await rejection(
      operator.sending.send({ ...input, scheduleAt: new Date(NOW.getTime() + 30 * 86_400_000 + 1_000) }),
    );
    expect([(far.cause as AppError).code, (far.cause as AppError).params]).toEqual(["SCHEDULE_TOO_FAR", { days: 30 }]);
    expect(await t.db.sendJob.count()).toBe(jobs);

    // 30 s ago or 30 s ahead (a form submitted as the minute turns): sent now, not scheduled.
    for (const offset of [-30_000, 30_000]) {
      const sent = await operator.sending.send({ ...input, scheduleAt: new Date(NOW.getTime() + offset) });
      expect(sent.status).toBe("QUEUED");
      expect((await t.db.sendJob.findUniqueOrThrow({ where: { id: sent.jobId } })).scheduledAt).toBeNull();
      await operator.sending.cancel({ jobId: sent.jobId });
    }
  });
});
