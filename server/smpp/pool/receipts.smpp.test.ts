// Receipts and replies coming in: acknowledged only once the app has them, redelivered when the
// app fails, passed on once even when the SMSC sends them again, long replies reassembled.
import { afterEach, describe, expect, it } from "vitest";
import { type Harness, keyedMessages, startHarness, tally, until } from "../testing/harness";

let harness: Harness | undefined;
afterEach(async () => {
  await harness?.close();
  harness = undefined;
});

describe("receipts", () => {
  it("are redelivered when the app's handler fails, and handed over once it succeeds", async () => {
    const attempts = new Map<string, number>();
    const handled: string[] = [];
    harness = await startHarness({
      simulator: { receiptDelayMs: 5, redeliveryDelayMs: 30 },
      pool: {
        onReceipt: async (receipt) => {
          const n = (attempts.get(receipt.messageId) ?? 0) + 1;
          attempts.set(receipt.messageId, n);
          if (n === 1) throw new Error("database unavailable");
          await new Promise((resolve) => setTimeout(resolve, 1));
          handled.push(receipt.messageId);
        },
      },
    });
    const outcomes = await harness.pool.submit(keyedMessages(20, { longEvery: 0 }).segments);
    await until(
      () => handled.length >= 20,
      5_000,
      () => `${handled.length} handled`,
    );
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(new Set(handled)).toEqual(new Set(outcomes.map((o) => (o.status === "accepted" ? o.messageId : ""))));
    expect(handled).toHaveLength(20);
    expect([...attempts.values()].every((n) => n === 2)).toBe(true);
    const counters = harness.simulator.state().counters;
    expect(counters.deliveryRetries).toBe(20);
    expect(counters.receiptsAcknowledged).toBe(20);
  });

  it("are handed over once when the SMSC repeats them after losing the acknowledgement", async () => {
    // Connections drop every 7 PDUs, so acknowledgements of receipts get lost and the simulator
    // sends those receipts again on the next connection.
    harness = await startHarness({
      simulator: { receiptDelayMs: 50, dropConnectionEveryPdus: 7 },
      config: { binds: 2, window: 3 },
    });
    const batch = keyedMessages(60, { longEvery: 0 });
    await harness.pool.submit(batch.segments);
    const acceptedIds = harness.simulator.submits().flatMap((r) => (r.result === "accepted" ? [r.messageId!] : []));
    await until(
      () => harness!.simulator.state().counters.receiptsAcknowledged >= acceptedIds.length,
      15_000,
      () => `${harness!.simulator.state().counters.receiptsAcknowledged} acknowledged`,
    );
    expect(harness.simulator.state().counters.deliveryRetries).toBeGreaterThan(0);
    const perId = tally(harness.receipts.map((r) => r.messageId));
    expect(new Set(perId.keys())).toEqual(new Set(acceptedIds));
    expect([...perId.values()].every((n) => n === 1)).toBe(true);
  });
});

describe("replies", () => {
  it("decodes replies and reassembles long ones", async () => {
    harness = await startHarness();
    const long =
      "你好，我想咨询一下这个订单什么时候发货？我已经等了三天了，麻烦尽快处理，谢谢。如果不能发货请帮我退款，退款请原路返回到我的账户，另外请把发票寄到公司地址。";
    expect(long.length).toBeGreaterThan(70);
    expect(harness.simulator.injectReply({ from: "13800138000", to: "106900001", text: "TD" })).toEqual({ parts: 1 });
    expect(harness.simulator.injectReply({ from: "13900139000", to: "106900002", text: long })).toEqual({ parts: 2 });
    expect(harness.simulator.injectReply({ from: "13700137000", to: "106900003", text: "退订" })).toEqual({ parts: 1 });
    await until(
      () => harness!.replies.length >= 3,
      5_000,
      () => `${harness!.replies.length} replies`,
    );
    const byFrom = new Map(harness.replies.map((r) => [r.from, r]));
    expect(byFrom.get("13800138000")).toMatchObject({
      to: "106900001",
      text: "TD",
      dataCoding: 0,
      parts: 1,
      complete: true,
    });
    expect(byFrom.get("13900139000")).toMatchObject({
      to: "106900002",
      text: long,
      dataCoding: 8,
      parts: 2,
      complete: true,
    });
    expect(byFrom.get("13700137000")).toMatchObject({ text: "退订", dataCoding: 8 });
    expect(harness.pool.status().totals.replies).toBe(3);
    // acknowledged only after the app had them: one per part
    await until(
      () => harness!.simulator.state().counters.repliesAcknowledged === 4,
      2_000,
      () => "acknowledgements",
    );
    expect(harness.receipts).toHaveLength(0);
  });
});
