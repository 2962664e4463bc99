// The HTTP API v1 over real Requests and Responses against a real database: every error code, the
// Idempotency-Key contract, tenancy of the GETs, and 20 concurrent clients racing for the daily cap.
import type { EnterpriseActor } from "../audit/log";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { seedDemo } from "@/prisma/demo-data";
import { toDbDate, toChinaDate } from "../clock";
import { actorFor } from "../testing/callers";
import { createTestDatabase, type TestDatabase } from "../testing/database";
import { type ApiContext, handleGetJob, handleGetMessage, handleSendMessages } from "./http";
import { createApiKey, revokeApiKey } from "../api-keys/keys";
import { RateLimiter } from "./rate-limit";

let t: TestDatabase;
let demo: EnterpriseActor;
let other: EnterpriseActor;
let demoKey: string;
let otherKey: string;
const T0 = new Date("2026-11-25T02:00:00Z");
const BASE = "http://localhost/api/v1";
const STAFF = Array.from({ length: 10 }, (_, i) => `1380013800${i}`);
const OPTED_OUT_NUMBER = "13800138009";
const STRANGER = "13912345678";
const BLOCK_TERM = "赌博";
const REVIEW_TERM = "贷款";

function ctx(overrides: Partial<ApiContext> = {}): ApiContext {
  return { db: t.db, now: T0, limiter: new RateLimiter({ ratePerSecond: 1000, burst: 1000 }), ...overrides };
}

function post(body: unknown, headers: Record<string, string> = {}, key: string | null = demoKey): Request {
  return new Request(`${BASE}/messages`, {
    method: "POST",
    headers: { "Content-Type": "application/json", ...(key ? { Authorization: `Bearer ${key}` } : {}), ...headers },
    body: typeof body === "string" ? body : JSON.stringify(body),
  });
}

function get(path: string, key: string | null = demoKey, headers: Record<string, string> = {}): Request {
  return new Request(`${BASE}${path}`, { headers: { ...(key ? { Authorization: `Bearer ${key}` } : {}), ...headers } });
}

interface ErrorJson {
  error: { code: string; message: string; details?: { field: string; message: string }[] };
}

async function expectError(response: Response, status: number, code: string): Promise<ErrorJson> {
  const json = (await response.json()) as ErrorJson;
  expect({ status: response.status, code: json.error?.code }).toEqual({ status, code });
  expect(json.error.message.length).toBeGreaterThan(0);
  return json;
}

const notice = (to: string[], extra: Record<string, unknown> = {}) => ({
  to,
  content: "今天下午三点在三楼会议室开会。",
  purpose: "NOTICE",
  ...extra,
});

const adminOf = (email: string): Promise<EnterpriseActor> => actorFor(t.db, email);

async function prepareEnterprise(admin: EnterpriseActor, signature: string, mobiles: string[]) {
  await t.db.smsSignature.create({
    data: {
      enterpriseId: admin.enterpriseId,
      text: signature,
      status: "APPROVED",
      createdById: admin.userId,
      decidedAt: T0,
    },
  });
  await t.db.contact.createMany({
    data: mobiles.map((mobile, i) => ({
      enterpriseId: admin.enterpriseId,
      name: `员工${i}`,
      mobile,
      kind: "STAFF" as const,
    })),
  });
}

async function contractOf(enterpriseId: string) {
  return t.db.contract.findFirstOrThrow({ where: { enterpriseId }, orderBy: { createdAt: "desc" } });
}

beforeAll(async () => {
  t = await createTestDatabase();
  await seedDemo(t.db);
  demo = await adminOf("admin@demo.example.com");
  other = await adminOf("admin@other.example.com");
  await prepareEnterprise(demo, "示例科技", STAFF);
  await prepareEnterprise(
    other,
    "远景贸易",
    Array.from({ length: 100 }, (_, i) => `137${String(i).padStart(8, "0")}`),
  );
  await t.db.optOut.create({
    data: { enterpriseId: demo.enterpriseId, mobile: OPTED_OUT_NUMBER, keyword: "TD", replyText: "TD" },
  });
  await t.db.lexiconTerm.createMany({
    data: [
      { term: BLOCK_TERM, action: "BLOCK" },
      { term: REVIEW_TERM, action: "REVIEW" },
    ],
  });
  demoKey = (await createApiKey(t.db, demo, { name: "订单系统" }, T0)).key;
  otherKey = (await createApiKey(t.db, other, { name: "ERP" }, T0)).key;
}, 60_000);
afterAll(async () => t.drop());

describe("POST /api/v1/messages", () => {
  test("202: job id, per-recipient outcome (skips reported), segments per message, Location; rows written", async () => {
    const response = await handleSendMessages(
      ctx(),
      post(notice(["+86 138-0013-8000", "13800138001", OPTED_OUT_NUMBER, STRANGER, "12345"], { clientRef: "order-1" })),
    );
    expect(response.status).toBe(202);
    const body = (await response.json()) as {
      jobId: string;
      status: string;
      segmentsPerMessage: number;
      accepted: number;
      skipped: number;
      clientRef: string;
      recipients: { to: string; status: string; messageId?: string }[];
    };
    expect(body).toMatchObject({
      status: "QUEUED",
      segmentsPerMessage: 1,
      accepted: 2,
      skipped: 3,
      clientRef: "order-1",
    });
    expect(response.headers.get("location")).toBe(`/api/v1/jobs/${body.jobId}`);
    const byNumber = Object.fromEntries(body.recipients.map((r) => [r.to, r.status]));
    expect(byNumber).toEqual({
      "13800138000": "ACCEPTED",
      "13800138001": "ACCEPTED",
      [OPTED_OUT_NUMBER]: "OPTED_OUT",
      [STRANGER]: "NOT_ALLOWED",
      "12345": "INVALID_NUMBER",
    });
    expect(body.recipients.filter((r) => r.status === "ACCEPTED").every((r) => /^\d+$/.test(r.messageId ?? ""))).toBe(
      true,
    );

    const job = await t.db.sendJob.findUniqueOrThrow({ where: { id: body.jobId } });
    expect(job).toMatchObject({
      enterpriseId: demo.enterpriseId,
      source: "API",
      clientRef: "order-1",
      fullText: "【示例科技】今天下午三点在三楼会议室开会。",
      acceptedCount: 2,
      reservedSegments: 2,
    });
    const messages = await t.db.message.findMany({ where: { jobId: body.jobId }, orderBy: { mobile: "asc" } });
    expect(messages.map((m) => [m.mobile, m.status])).toEqual([
      ["13800138000", "PENDING"],
      ["13800138001", "PENDING"],
      [OPTED_OUT_NUMBER, "OPTED_OUT"],
      [STRANGER, "NOT_ALLOWED"],
    ]);
    const key = await t.db.apiKey.findFirstOrThrow({ where: { enterpriseId: demo.enterpriseId } });
    expect(key.lastUsedAt).toEqual(T0);
  });

  test("UNAUTHORIZED: no key, unknown key, revoked key (401, WWW-Authenticate); English with Accept-Language: en", async () => {
    const none = await handleSendMessages(ctx(), post(notice(STAFF.slice(0, 1)), {}, null));
    const json = await expectError(none, 401, "UNAUTHORIZED");
    expect(json.error.message).toContain("API 密钥");
    expect(none.headers.get("www-authenticate")).toContain("Bearer");
    const en = await expectError(
      await handleSendMessages(
        ctx(),
        post(notice(STAFF.slice(0, 1)), { "Accept-Language": "en-US,en;q=0.9" }, "qxt_live_nope"),
      ),
      401,
      "UNAUTHORIZED",
    );
    expect(en.error.message).toMatch(/API key is missing, invalid or revoked/);

    const { id, key } = await createApiKey(t.db, demo, { name: "临时" }, T0);
    expect((await handleGetJob(ctx(), get("/jobs/x", key), "x")).status).toBe(404);
    await revokeApiKey(t.db, demo, id, T0);
    await expectError(await handleSendMessages(ctx(), post(notice(STAFF.slice(0, 1)), {}, key)), 401, "UNAUTHORIZED");
  });

  test("INVALID_REQUEST: not JSON, missing and unknown fields, marketing purpose, schedule in the past, bad Idempotency-Key", async () => {
    await expectError(await handleSendMessages(ctx(), post("{not json")), 400, "INVALID_REQUEST");
    const missing = await expectError(
      await handleSendMessages(ctx(), post({ to: STAFF.slice(0, 1), purpose: "NOTICE" })),
      400,
      "INVALID_REQUEST",
    );
    expect(missing.error.details?.map((d) => d.field)).toContain("content");
    await expectError(
      await handleSendMessages(ctx(), post(notice(STAFF.slice(0, 1), { priority: "high" }))),
      400,
      "INVALID_REQUEST",
    );
    const marketing = await expectError(
      await handleSendMessages(ctx(), post(notice(STAFF.slice(0, 1), { purpose: "MARKETING" }))),
      400,
      "INVALID_REQUEST",
    );
    expect(marketing.error.details?.[0]?.field).toBe("purpose");
    await expectError(await handleSendMessages(ctx(), post(notice([]))), 400, "INVALID_REQUEST");
    const past = await expectError(
      await handleSendMessages(ctx(), post(notice(STAFF.slice(0, 1), { scheduleAt: "2026-11-25T09:00:00+08:00" }))),
      400,
      "INVALID_REQUEST",
    );
    expect(past.error.message).toContain("定时发送时间已过，请选择晚于现在的时间");
    expect(past.error.details).toEqual([{ field: "scheduleAt", message: "定时发送时间已过，请选择晚于现在的时间" }]);
    await expectError(
      await handleSendMessages(ctx(), post(notice(STAFF.slice(0, 1)), { "Idempotency-Key": "x".repeat(101) })),
      400,
      "INVALID_REQUEST",
    );
  });

  test("INVALID_REQUEST for invalid UTF-8 (never stored as replacement characters) and for a body past the limit, chunked or declared", async () => {
    const jobsBefore = await t.db.sendJob.count();
    const text = JSON.stringify(notice(STAFF.slice(0, 1), { content: "会议通知XX" }));
    const bytes = Buffer.from(text, "utf8");
    // "XX" becomes a lone continuation byte and a truncated three-byte sequence.
    const at = bytes.indexOf(Buffer.from("XX"));
    bytes[at] = 0x80;
    bytes[at + 1] = 0xe4;
    const badRequest = new Request(`${BASE}/messages`, {
      method: "POST",
      headers: { "Content-Type": "application/json", Authorization: `Bearer ${demoKey}` },
      body: new Uint8Array(bytes),
    });
    const invalid = await expectError(await handleSendMessages(ctx(), badRequest), 400, "INVALID_REQUEST");
    expect(invalid.error.message).toBe("请求体不是有效的 UTF-8 文本");
    expect(await t.db.sendJob.count()).toBe(jobsBefore);

    let pulled = 0;
    const endless = new ReadableStream<Uint8Array>({
      pull(controller) {
        pulled += 64 * 1024;
        controller.enqueue(new Uint8Array(64 * 1024).fill(0x20));
        if (pulled >= 60 * 1024 * 1024) controller.close();
      },
    });
    const chunked = new Request(`${BASE}/messages`, {
      method: "POST",
      headers: { "Content-Type": "application/json", Authorization: `Bearer ${demoKey}` },
      body: endless,
      duplex: "half",
    } as RequestInit);
    const tooLarge = await expectError(await handleSendMessages(ctx(), chunked), 400, "INVALID_REQUEST");
    expect(tooLarge.error.message).toContain("请求体过大");
    expect(pulled).toBeLessThan(2 * 1024 * 1024);
    const declared = post(notice(STAFF.slice(0, 1)), { "Content-Length": String(60 * 1024 * 1024) });
    expect(
      (await expectError(await handleSendMessages(ctx(), declared), 400, "INVALID_REQUEST")).error.message,
    ).toContain("请求体过大");
  });

  test("INVALID_NUMBER, RECIPIENT_NOT_ALLOWED, OPTED_OUT when nobody can receive; nothing written", async () => {
    const before = await t.db.sendJob.count();
    await expectError(await handleSendMessages(ctx(), post(notice(["12345", "0000"]))), 422, "INVALID_NUMBER");
    await expectError(await handleSendMessages(ctx(), post(notice([STRANGER]))), 422, "RECIPIENT_NOT_ALLOWED");
    const opted = await expectError(
      await handleSendMessages(ctx(), post(notice([OPTED_OUT_NUMBER]))),
      422,
      "OPTED_OUT",
    );
    expect(opted.error.message.length).toBeGreaterThan(0);
    expect(await t.db.sendJob.count()).toBe(before);
  });

  test("CONTENT_BLOCKED names the term; a REVIEW term is accepted (202) and held with the CONTENT_HELD_FOR_REVIEW warning", async () => {
    const blocked = await expectError(
      await handleSendMessages(ctx(), post(notice(STAFF.slice(0, 1), { content: `欢迎参加${BLOCK_TERM}活动` }))),
      422,
      "CONTENT_BLOCKED",
    );
    expect(blocked.error.message).toContain(BLOCK_TERM);
    // Recorded against the enterprise, in the name of the key's creator.
    expect(
      await t.db.complianceViolation.findMany({
        where: { enterpriseId: demo.enterpriseId, kind: "CONTENT_BLOCKED" },
        select: { detail: true, recordedById: true, jobId: true },
      }),
    ).toEqual([{ detail: BLOCK_TERM, recordedById: demo.userId, jobId: null }]);

    const held = await handleSendMessages(
      ctx(),
      post(notice(STAFF.slice(0, 1), { content: `关于员工${REVIEW_TERM}的通知` })),
    );
    expect(held.status).toBe(202);
    const body = (await held.json()) as { jobId: string; status: string; warning?: { code: string; message: string } };
    expect(body.status).toBe("HELD_FOR_REVIEW");
    expect(body.warning?.code).toBe("CONTENT_HELD_FOR_REVIEW");
    expect((await t.db.sendJob.findUniqueOrThrow({ where: { id: body.jobId } })).heldTerms).toEqual([REVIEW_TERM]);
  });

  test("CONTRACT_NOT_ACTIVE and ACCOUNT_SUSPENDED (403)", async () => {
    const contract = await contractOf(demo.enterpriseId);
    try {
      await t.db.contract.update({ where: { id: contract.id }, data: { status: "SUSPENDED" } });
      await expectError(await handleSendMessages(ctx(), post(notice(STAFF.slice(0, 1)))), 403, "ACCOUNT_SUSPENDED");
      await t.db.contract.update({ where: { id: contract.id }, data: { status: "TERMINATED" } });
      const ended = await expectError(
        await handleSendMessages(ctx(), post(notice(STAFF.slice(0, 1)), { "Accept-Language": "en" })),
        403,
        "CONTRACT_NOT_ACTIVE",
      );
      expect(ended.error.message).not.toContain("TERMINATED");
    } finally {
      await t.db.contract.update({ where: { id: contract.id }, data: { status: "ACTIVE" } });
    }
  });

  test("RATE_LIMITED past the key's burst, with Retry-After", async () => {
    const limiter = new RateLimiter({ ratePerSecond: 1, burst: 2 });
    const c = ctx({ limiter });
    expect((await handleGetJob(c, get("/jobs/none"), "none")).status).toBe(404);
    expect((await handleGetJob(c, get("/jobs/none"), "none")).status).toBe(404);
    const limited = await handleGetJob(c, get("/jobs/none"), "none");
    await expectError(limited, 429, "RATE_LIMITED");
    expect(Number(limited.headers.get("retry-after"))).toBeGreaterThanOrEqual(1);
  });

  test("DAILY_CAP_EXCEEDED refuses the whole request with the remaining quota and Retry-After until China midnight", async () => {
    const day = toDbDate(toChinaDate(T0));
    const contract = await t.db.contract.findFirstOrThrow({
      where: { enterpriseId: demo.enterpriseId },
      include: { packagePrice: true },
    });
    const cap = contract.packagePrice.dailyCap;
    const usage = await t.db.dailyUsage.findUniqueOrThrow({
      where: { enterpriseId_day: { enterpriseId: demo.enterpriseId, day } },
    });
    await t.db.dailyUsage.update({
      where: { enterpriseId_day: { enterpriseId: demo.enterpriseId, day } },
      data: { reservedSegments: cap - 1 },
    });
    try {
      const jobsBefore = await t.db.sendJob.count();
      const response = await handleSendMessages(ctx(), post(notice(STAFF.slice(0, 3))));
      const json = await expectError(response, 429, "DAILY_CAP_EXCEEDED");
      expect(json.error.message).toContain("1");
      // 10:00 China time: 14 hours to the next China day.
      expect(Number(response.headers.get("retry-after"))).toBe(14 * 3600);
      expect(await t.db.sendJob.count()).toBe(jobsBefore);
      expect(
        (
          await t.db.dailyUsage.findUniqueOrThrow({
            where: { enterpriseId_day: { enterpriseId: demo.enterpriseId, day } },
          })
        ).reservedSegments,
      ).toBe(cap - 1);
    } finally {
      await t.db.dailyUsage.update({
        where: { enterpriseId_day: { enterpriseId: demo.enterpriseId, day } },
        data: { reservedSegments: usage.reservedSegments },
      });
    }
  });
});

describe("Idempotency-Key", () => {
  test("same key and body: the first answer again, one job; same key, other body: 409 IDEMPOTENCY_CONFLICT", async () => {
    const body = notice(STAFF.slice(2, 4), { clientRef: "idem-1" });
    const first = await handleSendMessages(ctx(), post(body, { "Idempotency-Key": "k-1" }));
    expect(first.status).toBe(202);
    const firstJson = (await first.json()) as { jobId: string };
    // Key order and whitespace do not matter: the body is compared as JSON.
    const reordered = `{ "purpose": "NOTICE", "clientRef": "idem-1", "content": ${JSON.stringify(body.content)}, "to": ${JSON.stringify(body.to)} }`;
    const again = await handleSendMessages(ctx(), post(reordered, { "Idempotency-Key": "k-1" }));
    expect(again.status).toBe(202);
    expect(again.headers.get("idempotent-replayed")).toBe("true");
    expect(await again.json()).toEqual(firstJson);
    expect(await t.db.sendJob.count({ where: { clientRef: "idem-1" } })).toBe(1);

    await expectError(
      await handleSendMessages(ctx(), post({ ...body, content: "另一条内容" }, { "Idempotency-Key": "k-1" })),
      409,
      "IDEMPOTENCY_CONFLICT",
    );
    // Keys are per enterprise: another enterprise may use the same key.
    const elsewhere = await handleSendMessages(
      ctx(),
      post(notice(["13700000000"]), { "Idempotency-Key": "k-1" }, otherKey),
    );
    expect(elsewhere.status).toBe(202);
  });

  test("a refused request does not burn its key; concurrent duplicates make one job", async () => {
    await expectError(
      await handleSendMessages(ctx(), post(notice([STRANGER]), { "Idempotency-Key": "k-2" })),
      422,
      "RECIPIENT_NOT_ALLOWED",
    );
    expect(await t.db.idempotencyRecord.count({ where: { key: "k-2" } })).toBe(0);

    const body = notice(STAFF.slice(4, 6), { clientRef: "idem-3" });
    const answers = await Promise.all(
      Array.from({ length: 5 }, () =>
        handleSendMessages(ctx({ idempotencyWaitMs: 20_000 }), post(body, { "Idempotency-Key": "k-3" })),
      ),
    );
    expect(answers.map((a) => a.status)).toEqual([202, 202, 202, 202, 202]);
    const ids = new Set(await Promise.all(answers.map(async (a) => ((await a.json()) as { jobId: string }).jobId)));
    expect(ids.size).toBe(1);
    expect(await t.db.sendJob.count({ where: { clientRef: "idem-3" } })).toBe(1);
  });
});

describe("GET /api/v1/jobs/{id} and /api/v1/messages/{id}", () => {
  test("the key's own job and message; another enterprise's ids are 404 NOT_FOUND", async () => {
    const sent = (await (
      await handleSendMessages(ctx(), post(notice(STAFF.slice(6, 8), { clientRef: "get-1" })))
    ).json()) as { jobId: string; recipients: { messageId?: string }[] };
    const jobResponse = await handleGetJob(ctx(), get(`/jobs/${sent.jobId}`), sent.jobId);
    expect(jobResponse.status).toBe(200);
    const job = (await jobResponse.json()) as {
      jobId: string;
      status: string;
      accepted: number;
      counts: Record<string, number>;
      progress: { total: number; done: number; percent: number };
    };
    expect(job).toMatchObject({
      jobId: sent.jobId,
      status: "QUEUED",
      accepted: 2,
      progress: { total: 2, done: 0, percent: 0 },
    });
    expect(job.counts.PENDING).toBe(2);

    const messageId = sent.recipients[0]?.messageId ?? "";
    await t.db.message.update({ where: { id: BigInt(messageId) }, data: { status: "DELIVERED", finalAt: T0 } });
    const message = (await (await handleGetMessage(ctx(), get(`/messages/${messageId}`), messageId)).json()) as {
      messageId: string;
      status: string;
      to: string;
      jobId: string;
    };
    expect(message).toMatchObject({ messageId, status: "DELIVERED", to: "13800138006", jobId: sent.jobId });
    const after = (await (await handleGetJob(ctx(), get(`/jobs/${sent.jobId}`), sent.jobId)).json()) as {
      progress: { percent: number };
    };
    expect(after.progress.percent).toBe(50);

    await expectError(await handleGetJob(ctx(), get(`/jobs/${sent.jobId}`, otherKey), sent.jobId), 404, "NOT_FOUND");
    await expectError(
      await handleGetMessage(ctx(), get(`/messages/${messageId}`, otherKey), messageId),
      404,
      "NOT_FOUND",
    );
    await expectError(await handleGetMessage(ctx(), get("/messages/abc"), "abc"), 404, "NOT_FOUND");
    await expectError(
      await handleGetMessage(ctx(), get("/messages/99999999999999999999"), "99999999999999999999"),
      404,
      "NOT_FOUND",
    );
  });
});

describe("the daily cap under 20 concurrent API clients", () => {
  test("together they never get more than the cap accepted", async () => {
    const contract = await t.db.contract.findFirstOrThrow({ where: { enterpriseId: other.enterpriseId } });
    const CAP = 37;
    await t.db.packagePrice.update({ where: { id: contract.packagePriceId }, data: { dailyCap: CAP } });
    const day = toDbDate(toChinaDate(T0));
    await t.db.dailyUsage.deleteMany({ where: { enterpriseId: other.enterpriseId, day } });
    const jobsBefore = await t.db.sendJob.count({ where: { enterpriseId: other.enterpriseId } });
    const keys = await Promise.all(
      Array.from({ length: 20 }, (_, i) => createApiKey(t.db, other, { name: `client-${i}` }, T0)),
    );
    // Each client sends to 4 of its own numbers: 20 x 4 = 80 segments asked for, 37 allowed.
    const answers = await Promise.all(
      keys.map(({ key }, i) =>
        handleSendMessages(
          ctx(),
          post(notice(Array.from({ length: 4 }, (_, j) => `137${String(20 + i * 4 + j).padStart(8, "0")}`)), {}, key),
        ),
      ),
    );
    const statuses = answers.map((a) => a.status);
    expect(statuses.every((s) => s === 202 || s === 429)).toBe(true);
    const accepted = statuses.filter((s) => s === 202).length;
    expect(accepted).toBe(Math.floor(CAP / 4));
    for (const refused of answers.filter((a) => a.status === 429))
      expect(((await refused.json()) as ErrorJson).error.code).toBe("DAILY_CAP_EXCEEDED");

    const usage = await t.db.dailyUsage.findUniqueOrThrow({
      where: { enterpriseId_day: { enterpriseId: other.enterpriseId, day } },
    });
    expect(usage.reservedSegments).toBe(accepted * 4);
    expect(usage.reservedSegments).toBeLessThanOrEqual(CAP);
    const pending = await t.db.message.aggregate({
      where: { status: "PENDING", job: { apiKeyId: { in: keys.map((k) => k.id) } } },
      _sum: { segments: true },
    });
    expect(pending._sum.segments).toBe(accepted * 4);
    expect(await t.db.sendJob.count({ where: { enterpriseId: other.enterpriseId } })).toBe(jobsBefore + accepted);
  }, 60_000);
});
