// The pool against the simulator with no faults: every segment gets a message id, the bytes
// arrive as sent, and exactly one receipt per segment reaches the app, matched by message id.
import { afterEach, describe, expect, it } from "vitest";
import { type Harness, compareEnds, keyedMessages, startHarness, tally, until } from "../testing/harness";

let harness: Harness | undefined;
afterEach(async () => {
  await harness?.close();
  harness = undefined;
});

describe("delivery through the pool", () => {
  it("gives every segment a message id and the app exactly one receipt per segment", async () => {
    harness = await startHarness({
      simulator: { receiptDelayMs: 20, receiptDelayJitterMs: 50 },
      config: { binds: 2, window: 10 },
    });
    const { pool, simulator, receipts } = harness;
    const batch = keyedMessages(300);
    const outcomes = await pool.submit(batch.segments);

    expect(outcomes.every((o) => o.status === "accepted")).toBe(true);
    const ends = compareEnds(batch, outcomes, simulator.submits());
    expect(ends.accepted).toBe(batch.segments.length);
    expect(ends.acceptedAtSmsc.size).toBe(batch.segments.length);
    expect(simulator.submits()).toHaveLength(batch.segments.length);

    // what arrived is what was sent: data_coding, UDHI with a UDH, registered_delivery
    const sent = new Map(batch.segments.map((s) => [s.segmentKey, s]));
    for (const record of simulator.submits()) {
      const segment = sent.get(batch.keyOf(record))!;
      expect(record.dataCoding).toBe(segment.dataCoding);
      expect(record.esmClass & 0x40).toBe(segment.udh ? 0x40 : 0);
      expect(record.registeredDelivery).toBe(1);
    }

    const ids = outcomes.map((o) => (o.status === "accepted" ? o.messageId : ""));
    expect(new Set(ids).size).toBe(ids.length);
    await until(
      () => receipts.length >= ids.length,
      10_000,
      () => `${receipts.length} of ${ids.length} receipts`,
    );
    await new Promise((resolve) => setTimeout(resolve, 100)); // room for a duplicate to show up
    const perId = tally(receipts.map((r) => r.messageId));
    expect(perId.size).toBe(ids.length);
    expect([...perId.values()].every((n) => n === 1)).toBe(true);
    expect(new Set(perId.keys())).toEqual(new Set(ids));

    // each receipt says what the simulator decided for that message
    const stat = new Map(simulator.deliveries().map((d) => [d.messageId, d.stat]));
    const expected = {
      DELIVRD: "delivered",
      UNDELIV: "undeliverable",
      EXPIRED: "expired",
      REJECTD: "rejected",
    } as const;
    for (const receipt of receipts) expect(receipt.state).toBe(expected[stat.get(receipt.messageId)!]);

    const status = pool.status();
    expect(status.totals).toMatchObject({
      accepted: ids.length,
      receipts: ids.length,
      unknown: 0,
      rejected: 0,
      throttled: 0,
    });
    expect(status.bindsUp).toBe(2);
    expect(status.binds.reduce((sum, b) => sum + b.submitted, 0)).toBe(ids.length);
    expect(status.binds.every((b) => b.submitted > 0)).toBe(true); // both binds carried traffic
    expect(status.latencyMs).not.toBeNull();
  });

  it("matches receipts whose text gives the hex submit id in decimal, without TLVs", async () => {
    harness = await startHarness({
      simulator: { receiptDelayMs: 5, receiptTlvs: false, receiptTextId: "decimal" },
      config: { messageIdFormats: { submitResponse: "hex", receiptTlv: "hex", receiptText: "decimal" } },
    });
    const batch = keyedMessages(20, { longEvery: 0 });
    const outcomes = await harness.pool.submit(batch.segments);
    await until(
      () => harness!.receipts.length >= 20,
      5_000,
      () => `${harness!.receipts.length} receipts`,
    );
    const accepted = new Map(outcomes.map((o) => [o.status === "accepted" ? o.messageId : "", o]));
    for (const receipt of harness.receipts) {
      const outcome = accepted.get(receipt.messageId);
      expect(outcome, `receipt ${receipt.smscMessageId} matches a segment`).toBeDefined();
      // the two ends wrote the id differently; only the normalised form matches
      expect(receipt.smscMessageId).not.toBe(outcome?.status === "accepted" ? outcome.smscMessageId : undefined);
    }
  });

  it("reads receipts sent as UCS-2 text (data_coding 8)", async () => {
    harness = await startHarness({
      simulator: { receiptDelayMs: 5, receiptTlvs: false, receiptDataCoding: 8, outcomeMix: { EXPIRED: 1 } },
    });
    const batch = keyedMessages(9);
    const outcomes = await harness.pool.submit(batch.segments);
    await until(
      () => harness!.receipts.length >= outcomes.length,
      5_000,
      () => `${harness!.receipts.length} receipts`,
    );
    const ids = new Set(outcomes.map((o) => (o.status === "accepted" ? o.messageId : "")));
    expect(new Set(harness.receipts.map((r) => r.messageId))).toEqual(ids);
    expect(
      harness.receipts.every((r) => r.state === "expired" && r.errorCode === "002" && r.doneAt instanceof Date),
    ).toBe(true);
  });

  it("asks for no receipt when told not to", async () => {
    harness = await startHarness({ simulator: { receiptDelayMs: 0 } });
    const outcomes = await harness.pool.submit(keyedMessages(5, { registeredDelivery: 0 }).segments);
    expect(outcomes.every((o) => o.status === "accepted")).toBe(true);
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(harness.receipts).toHaveLength(0);
    expect(harness.simulator.state().scheduledReceipts).toBe(0);
  });
});
