import type { EnterpriseActor } from "../audit/log";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { seedDemo } from "@/prisma/demo-data";
import type { Actor } from "../audit/log";
import type { MessageStatus } from "../generated/prisma/client";
import { actorFor } from "../testing/callers";
import { createTestDatabase, type TestDatabase } from "../testing/database";
import { applyForConsent, approveConsent } from "./consents";
import { classifyRecipients } from "./recipients";
import { recordInboundReply, REPLY_REDELIVERY_WINDOW_MS } from "./replies";

let t: TestDatabase;
let demo: EnterpriseActor;
let other: EnterpriseActor;
let compliance: Actor;
const T0 = new Date("2026-11-25T02:00:00Z");
const DAY = 24 * 60 * 60 * 1000;
const at = (ms: number) => new Date(T0.getTime() + ms);
const PDF = new TextEncoder().encode("%PDF-1.4\n%%EOF\n");

const actorOf = (email: string) => actorFor(t.db, email);

async function contact(enterpriseId: string, mobile: string) {
  await t.db.contact.create({ data: { enterpriseId, mobile, name: `联系人${mobile.slice(-4)}`, kind: "CLIENT" } });
}

/** A sent message from the enterprise to the number, as sending stores it. */
async function message(enterpriseId: string, mobile: string, createdAt: Date, status: MessageStatus = "DELIVERED") {
  const job = await t.db.sendJob.create({
    data: {
      enterpriseId,
      source: "PORTAL",
      purpose: "NOTICE",
      content: "会议通知",
      signature: "示例",
      fullText: "【示例】会议通知",
      encoding: "UCS2",
      segmentsPerMessage: 1,
      status: "COMPLETED",
      recipientCount: 1,
      acceptedCount: 1,
      skippedCount: 0,
      reservedSegments: 1,
      quotaDay: new Date(Date.UTC(2026, 10, 25)),
      createdAt,
    },
  });
  await t.db.message.create({ data: { jobId: job.id, enterpriseId, mobile, status, segments: 1, createdAt } });
}

beforeAll(async () => {
  t = await createTestDatabase();
  await seedDemo(t.db);
  demo = await actorOf("admin@demo.example.com");
  other = await actorOf("admin@other.example.com");
  compliance = await actorOf("compliance@bureau.example.com");
});
afterAll(async () => t.drop());

describe("classifyRecipients", () => {
  test("contact, consent, expired consent, opt-out wins, another enterprise's contact is not allowed", async () => {
    await contact(demo.enterpriseId, "13500000001");
    await contact(other.enterpriseId, "13500000002");
    await contact(demo.enterpriseId, "13500000005"); // a contact that opted out
    await t.db.optOut.create({
      data: { enterpriseId: demo.enterpriseId, mobile: "13500000005", keyword: "TD", replyText: "TD" },
    });
    await t.db.optOut.create({
      data: { enterpriseId: other.enterpriseId, mobile: "13500000001", keyword: "TD", replyText: "TD" },
    });

    const current = await applyForConsent(
      t.db,
      demo,
      { reason: "通知", numbersText: "13500000003\n13500000006", letter: { name: "a.pdf", bytes: PDF } },
      T0,
    );
    await approveConsent(t.db, compliance, current.id, { numbers: null, validUntilDate: "2026-12-31" }, T0);
    const expired = await applyForConsent(
      t.db,
      demo,
      { reason: "通知", numbersText: "13500000004", letter: { name: "b.pdf", bytes: PDF } },
      at(-10 * DAY),
    );
    await approveConsent(t.db, compliance, expired.id, { numbers: null, validUntilDate: "2026-11-20" }, at(-10 * DAY));
    const pending = await applyForConsent(
      t.db,
      demo,
      { reason: "通知", numbersText: "13500000007", letter: { name: "c.pdf", bytes: PDF } },
      T0,
    );
    expect(pending.numbers).toBe(1);
    await t.db.optOut.create({
      data: { enterpriseId: demo.enterpriseId, mobile: "13500000006", keyword: "退订", replyText: "退订" },
    });

    const result = await classifyRecipients(
      t.db,
      demo.enterpriseId,
      [
        "13500000001",
        "+86 135 0000 0001",
        "13500000002",
        "13500000003",
        "13500000004",
        "13500000005",
        "13500000006",
        "13500000007",
        "13500000008",
        "not a number",
      ],
      T0,
    );
    expect(Object.fromEntries(result)).toEqual({
      "13500000001": "ALLOWED", // own contact (another enterprise's opt-out does not matter)
      "+86 135 0000 0001": "ALLOWED", // same number, other notation
      "13500000002": "NOT_ALLOWED", // another enterprise's contact
      "13500000003": "ALLOWED", // approved consent, valid
      "13500000004": "NOT_ALLOWED", // consent expired at 24:00 of 20 Nov
      "13500000005": "OPTED_OUT", // contact, but opted out
      "13500000006": "OPTED_OUT", // consent, but opted out
      "13500000007": "NOT_ALLOWED", // consent still pending
      "13500000008": "NOT_ALLOWED",
      "not a number": "NOT_ALLOWED",
    });
    expect(
      Object.fromEntries(
        await classifyRecipients(t.db, other.enterpriseId, ["13500000001", "13500000002", "13500000003"], T0),
      ),
    ).toEqual({
      "13500000001": "OPTED_OUT",
      "13500000002": "ALLOWED",
      "13500000003": "NOT_ALLOWED",
    });
    expect((await classifyRecipients(t.db, demo.enterpriseId, [], T0)).size).toBe(0);
  });

  test("100,000 numbers in one set-based query (timing printed)", async () => {
    // 30,000 contacts, 20,000 consented numbers (one application), 5,000 opt-outs among the 100,000.
    const base = 15_000_000_000;
    const numbers = Array.from({ length: 100_000 }, (_, i) => String(base + i));
    await t.db.$executeRaw`
      INSERT INTO "Contact" (id, "enterpriseId", name, mobile, kind, tags, "updatedAt")
      SELECT 'perf-' || g, ${demo.enterpriseId}, '客户' || g, (${base}::bigint + g)::text, 'CLIENT', '{}', now() FROM generate_series(0, 29999) g`;
    const consent = await applyForConsent(
      t.db,
      demo,
      {
        reason: "大批量",
        numbersText: numbers.slice(30_000, 50_000).join("\n"),
        letter: { name: "p.pdf", bytes: PDF },
      },
      T0,
    );
    await approveConsent(t.db, compliance, consent.id, { numbers: null, validUntilDate: "2026-12-31" }, T0);
    await t.db.$executeRaw`
      INSERT INTO "OptOut" (id, "enterpriseId", mobile, keyword, "replyText")
      SELECT 'perf-' || g, ${demo.enterpriseId}, (${base}::bigint + g * 20)::text, 'TD', 'TD' FROM generate_series(0, 4999) g`;
    await t.db.$executeRaw`ANALYZE`;

    await classifyRecipients(t.db, demo.enterpriseId, numbers.slice(0, 1000), T0); // warm the connection and the plan cache
    const started = performance.now();
    const result = await classifyRecipients(t.db, demo.enterpriseId, numbers, T0);
    const ms = performance.now() - started;
    console.log(`[compliance] classifyRecipients: 100,000 numbers in ${ms.toFixed(0)} ms`);

    const tally = { ALLOWED: 0, NOT_ALLOWED: 0, OPTED_OUT: 0 };
    for (const value of result.values()) tally[value] += 1;
    // Opt-outs are every 20th number: 1,500 among the contacts, 1,000 among the consented, 2,500 among the rest.
    expect(tally).toEqual({ ALLOWED: 50_000 - 2_500, NOT_ALLOWED: 50_000 - 2_500, OPTED_OUT: 5_000 });
    expect(result.get(String(base))).toBe("OPTED_OUT");
    expect(result.get(String(base + 1))).toBe("ALLOWED");
    expect(result.get(String(base + 30_001))).toBe("ALLOWED");
    expect(result.get(String(base + 50_001))).toBe("NOT_ALLOWED");
  });
});

describe("recordInboundReply", () => {
  test("attributed to the enterprise that sent last (90 days, really sent); a keyword opts out; redelivery is the same reply", async () => {
    const mobile = "13300000001";
    await message(other.enterpriseId, mobile, at(-2 * DAY));
    await message(demo.enterpriseId, mobile, at(-1 * DAY));
    // Newer, but never sent (blocked at classification): it does not count.
    await message(other.enterpriseId, mobile, at(-1 * 60_000), "NOT_ALLOWED");

    const first = await recordInboundReply(t.db, { from: "+8613300000001", to: "1069000001", text: " td " }, T0);
    expect(first).toMatchObject({ enterpriseId: demo.enterpriseId, optedOut: true });
    const reply = await t.db.inboundReply.findUniqueOrThrow({ where: { id: first.replyId } });
    expect(reply).toMatchObject({
      fromMobile: mobile,
      toAddress: "1069000001",
      text: " td ",
      optOut: true,
      enterpriseId: demo.enterpriseId,
      receivedAt: T0,
    });
    const entry = await t.db.optOut.findUniqueOrThrow({
      where: { enterpriseId_mobile: { enterpriseId: demo.enterpriseId, mobile } },
    });
    expect(entry).toMatchObject({ keyword: "TD", replyText: " td ", replyId: first.replyId, createdAt: T0 });
    expect(await t.db.optOut.count({ where: { enterpriseId: other.enterpriseId, mobile } })).toBe(0);
    const audit = await t.db.auditLog.findFirstOrThrow({
      where: { action: "compliance.optout.recorded", entityId: entry.id },
    });
    expect(audit).toMatchObject({ enterpriseId: demo.enterpriseId, actorId: null });

    expect((await classifyRecipients(t.db, demo.enterpriseId, [mobile], at(1000))).get(mobile)).toBe("OPTED_OUT");

    // The SMSC delivers it again a minute later: same reply, nothing new.
    const again = await recordInboundReply(t.db, { from: "13300000001", to: "1069000001", text: " td " }, at(60_000));
    expect(again).toEqual(first);
    // Concurrent redeliveries also collapse into one.
    const racing = await Promise.all(
      [1, 2, 3].map(() => recordInboundReply(t.db, { from: mobile, to: "1069000001", text: "退订" }, at(120_000))),
    );
    expect(new Set(racing.map((r) => r.replyId)).size).toBe(1);
    expect(await t.db.inboundReply.count({ where: { fromMobile: mobile } })).toBe(2);

    // Past the window it is a new reply; the number stays opted out with its original entry.
    const later = await recordInboundReply(
      t.db,
      { from: mobile, to: "1069000001", text: " td " },
      at(REPLY_REDELIVERY_WINDOW_MS + 1000),
    );
    expect(later.replyId).not.toBe(first.replyId);
    expect(later.optedOut).toBe(true);
    expect(
      await t.db.optOut.findUniqueOrThrow({
        where: { enterpriseId_mobile: { enterpriseId: demo.enterpriseId, mobile } },
      }),
    ).toMatchObject({ replyId: first.replyId });
    expect(
      await t.db.auditLog.count({ where: { action: "compliance.optout.recorded", enterpriseId: demo.enterpriseId } }),
    ).toBe(1);
  });

  test("an ordinary reply is stored for the enterprise and opts nobody out", async () => {
    const mobile = "13300000002";
    await message(other.enterpriseId, mobile, at(-3 * DAY));
    const result = await recordInboundReply(t.db, { from: mobile, to: "1069000002", text: "收到，谢谢" }, T0);
    expect(result).toMatchObject({ enterpriseId: other.enterpriseId, optedOut: false });
    expect((await t.db.inboundReply.findUniqueOrThrow({ where: { id: result.replyId } })).optOut).toBe(false);
    expect(await t.db.optOut.count({ where: { mobile } })).toBe(0);
    // "T" followed by letters is not the keyword T.
    expect((await recordInboundReply(t.db, { from: mobile, to: "1069000002", text: "Thanks" }, T0)).optedOut).toBe(
      false,
    );
  });

  test("no enterprise sent to the number in 90 days: stored unattributed, no opt-out", async () => {
    const mobile = "13300000003";
    await message(demo.enterpriseId, mobile, at(-91 * DAY));
    const result = await recordInboundReply(t.db, { from: mobile, to: "1069000003", text: "TD" }, T0);
    expect(result).toMatchObject({ enterpriseId: null, optedOut: false });
    expect(await t.db.optOut.count({ where: { mobile } })).toBe(0);
    const stranger = await recordInboundReply(t.db, { from: "10086", to: "1069000003", text: "TD" }, T0);
    expect(stranger).toMatchObject({ enterpriseId: null, optedOut: false });
  });

  test("the configured keywords are the ones that count", async () => {
    const mobile = "13300000004";
    await message(demo.enterpriseId, mobile, at(-1 * DAY));
    await t.db.bureauConfig.update({ where: { id: 1 }, data: { optOutKeywords: ["QX"] } });
    try {
      expect((await recordInboundReply(t.db, { from: mobile, to: "1069", text: "TD" }, T0)).optedOut).toBe(false);
      expect((await recordInboundReply(t.db, { from: mobile, to: "1069", text: "qx。" }, T0)).optedOut).toBe(true);
      expect(await t.db.optOut.findFirstOrThrow({ where: { mobile } })).toMatchObject({
        keyword: "QX",
        replyText: "qx。",
      });
    } finally {
      await t.db.bureauConfig.update({
        where: { id: 1 },
        data: { optOutKeywords: ["TD", "T", "N", "退订", "取消", "STOP", "UNSUBSCRIBE"] },
      });
    }
  });
});
