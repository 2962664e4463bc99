// What a customer sees of its jobs, messages and replies: progress, search by number and China-time
// dates, replies with the contact's name, the CSV/XLSX export, and never another enterprise's rows.
import ExcelJS from "exceljs";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { seedDemo } from "@/prisma/demo-data";
import type { AppError } from "../errors";
import type { MessageStatus } from "../generated/prisma/enums";
import { translator } from "../i18n";
import { createTestDatabase, type TestDatabase } from "../testing/database";
import { exportJobMessages } from "./export";
import {
  getCustomerJob,
  listCustomerJobs,
  listCustomerReplies,
  listJobMessages,
  searchCustomerMessages,
} from "./views";

let t: TestDatabase;
let demoId: string;
let otherId: string;
let jobId: string;

async function enterpriseId(name: string) {
  return (await t.db.enterprise.findFirstOrThrow({ where: { name } })).id;
}

async function makeJob(enterprise: string, createdAt: Date, messages: { mobile: string; status: MessageStatus }[]) {
  const job = await t.db.sendJob.create({
    data: {
      enterpriseId: enterprise,
      source: "PORTAL",
      purpose: "NOTICE",
      content: "开会",
      signature: "示例科技",
      fullText: "【示例科技】开会",
      encoding: "ucs2",
      segmentsPerMessage: 1,
      status: "SENDING",
      recipientCount: messages.length,
      acceptedCount: messages.filter((m) => !["OPTED_OUT", "NOT_ALLOWED"].includes(m.status)).length,
      skippedCount: messages.filter((m) => ["OPTED_OUT", "NOT_ALLOWED"].includes(m.status)).length,
      reservedSegments: 0,
      quotaDay: new Date("2026-11-25"),
      createdAt,
    },
  });
  await t.db.message.createMany({
    data: messages.map((m) => ({
      jobId: job.id,
      enterpriseId: enterprise,
      mobile: m.mobile,
      status: m.status,
      segments: 1,
      createdAt,
    })),
  });
  return job.id;
}

beforeAll(async () => {
  t = await createTestDatabase();
  await seedDemo(t.db);
  demoId = await enterpriseId("示例科技有限公司");
  otherId = await enterpriseId("远景贸易有限公司");
  // 2026-11-24 23:30 China time (15:30 UTC) and 2026-11-25 00:30 China time (16:30 UTC).
  await makeJob(demoId, new Date("2026-11-24T15:30:00Z"), [{ mobile: "13800138000", status: "DELIVERED" }]);
  jobId = await makeJob(demoId, new Date("2026-11-24T16:30:00Z"), [
    { mobile: "13800138000", status: "DELIVERED" },
    { mobile: "13800138001", status: "UNDELIVERED" },
    { mobile: "13800138002", status: "SUBMITTED" },
    { mobile: "13800138003", status: "PENDING" },
    { mobile: "13800138009", status: "OPTED_OUT" },
  ]);
  await makeJob(otherId, new Date("2026-11-24T16:30:00Z"), [{ mobile: "13800138000", status: "DELIVERED" }]);
  await t.db.contact.create({ data: { enterpriseId: demoId, name: "张伟", mobile: "13800138000", kind: "STAFF" } });
  await t.db.inboundReply.createMany({
    data: [
      {
        enterpriseId: demoId,
        fromMobile: "13800138000",
        toAddress: "1069",
        text: "收到",
        receivedAt: new Date("2026-11-25T01:00:00Z"),
      },
      {
        enterpriseId: demoId,
        fromMobile: "13800138009",
        toAddress: "1069",
        text: "TD",
        optOut: true,
        receivedAt: new Date("2026-11-25T02:00:00Z"),
      },
      {
        enterpriseId: otherId,
        fromMobile: "13700000000",
        toAddress: "1069",
        text: "别家的回复",
        receivedAt: new Date("2026-11-25T02:00:00Z"),
      },
    ],
  });
}, 60_000);
afterAll(async () => t.drop());

describe("jobs", () => {
  test("progress counts the messages to send (skipped ones excluded); lists are per enterprise", async () => {
    const job = await getCustomerJob(t.db, demoId, jobId);
    expect(job.counts).toMatchObject({ DELIVERED: 1, UNDELIVERED: 1, SUBMITTED: 1, PENDING: 1, OPTED_OUT: 1 });
    expect(job.progress).toEqual({ total: 4, done: 2, percent: 50 });
    const other = await getCustomerJob(t.db, otherId, jobId).then(
      () => null,
      (e: unknown) => e,
    );
    expect((other as AppError).code).toBe("NOT_FOUND");
    expect((await listCustomerJobs(t.db, demoId, { page: 1, pageSize: 20 })).total).toBe(2);
    expect((await listCustomerJobs(t.db, otherId, { page: 1, pageSize: 20 })).total).toBe(1);
    const messages = await listJobMessages(t.db, demoId, { jobId, page: 1, pageSize: 20, status: "UNDELIVERED" });
    expect(messages.rows.map((m) => m.mobile)).toEqual(["13800138001"]);
  });
});

describe("message search", () => {
  test("by number (whole or prefix) and by China-time date; never another enterprise's", async () => {
    const byNumber = await searchCustomerMessages(t.db, demoId, { page: 1, pageSize: 20, mobile: "+86 138 0013 8000" });
    expect(byNumber.total).toBe(2);
    const prefix = await searchCustomerMessages(t.db, demoId, { page: 1, pageSize: 20, mobile: "1380013800" });
    expect(prefix.total).toBe(6);
    // 2026-11-25 in China starts at 16:00 UTC on the 24th: the 23:30 message is the day before.
    const the25th = await searchCustomerMessages(t.db, demoId, {
      page: 1,
      pageSize: 20,
      mobile: "13800138000",
      from: { year: 2026, month: 11, day: 25 },
      to: { year: 2026, month: 11, day: 25 },
    });
    expect(the25th.rows.map((r) => r.createdAt.toISOString())).toEqual(["2026-11-24T16:30:00.000Z"]);
    const the24th = await searchCustomerMessages(t.db, demoId, {
      page: 1,
      pageSize: 20,
      to: { year: 2026, month: 11, day: 24 },
    });
    expect(the24th.total).toBe(1);
    expect(the24th.rows[0]?.fullText).toBe("【示例科技】开会");
  });

  test("a reversed date range is refused with its own code, not answered with nothing", async () => {
    const error = (await searchCustomerMessages(t.db, demoId, {
      page: 1,
      pageSize: 20,
      from: { year: 2026, month: 11, day: 26 },
      to: { year: 2026, month: 11, day: 25 },
    }).catch((e: unknown) => e)) as AppError;
    expect([error.code, error.params]).toEqual(["DATE_RANGE_INVALID", { from: "2026-11-26", to: "2026-11-25" }]);
    expect(translator("zh")("errors.DATE_RANGE_INVALID", error.params)).toBe(
      "日期范围无效：起始日期 2026-11-26 晚于结束日期 2026-11-25",
    );
  });
});

describe("replies", () => {
  test("newest first, with the contact's name and the opt-out flag; per enterprise", async () => {
    const replies = await listCustomerReplies(t.db, demoId, { page: 1, pageSize: 20 });
    expect(replies.rows.map((r) => [r.fromMobile, r.text, r.optOut, r.contactName])).toEqual([
      ["13800138009", "TD", true, null],
      ["13800138000", "收到", false, "张伟"],
    ]);
    expect((await listCustomerReplies(t.db, otherId, { page: 1, pageSize: 20 })).rows.map((r) => r.text)).toEqual([
      "别家的回复",
    ]);
  });
});

describe("export", () => {
  test("CSV with BOM and XLSX hold every message of the job; another enterprise gets NOT_FOUND", async () => {
    const t8n = translator("zh");
    const csv = await exportJobMessages(t.db, demoId, jobId, "csv", t8n);
    const text = new TextDecoder("utf-8", { ignoreBOM: true }).decode(csv.body);
    expect(text.startsWith("\uFEFF短信编号,手机号码,状态,status")).toBe(true);
    const lines = text.trim().split("\r\n");
    expect(lines).toHaveLength(6);
    expect(lines[1]).toContain(",13800138000,成功,DELIVERED,1,");
    expect(csv.count).toBe(5);

    const xlsx = await exportJobMessages(t.db, demoId, jobId, "xlsx", t8n);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(Buffer.from(xlsx.body) as unknown as ArrayBuffer);
    const sheet = workbook.worksheets[0];
    expect(sheet?.rowCount).toBe(6);
    expect(sheet?.getRow(2).getCell(2).value).toBe("13800138000");

    const other = await exportJobMessages(t.db, otherId, jobId, "csv", t8n).then(
      () => null,
      (e: unknown) => e,
    );
    expect((other as AppError).code).toBe("NOT_FOUND");
  });
});
