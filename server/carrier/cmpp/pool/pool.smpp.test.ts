// The CMPP pool against the in-process CMPP simulator, both versions: the guarantees the pipeline
// relies on (server/carrier/types.ts).
import { afterEach, describe, expect, it } from "vitest";
import { encodeCmppMessage } from "../codec/message";
import { type Harness, byStatus, eventually, segments, startHarness } from "../testing/harness";
import { type CmppConnectError } from "./session";

let harness: Harness | null = null;
afterEach(async () => {
  await harness?.close();
  harness = null;
});

for (const version of ["3.0", "2.0"] as const) {
  describe(`CMPP ${version}`, () => {
    it("every segment gets one carrier id and exactly one report with the same id", async () => {
      harness = await startHarness({ version, config: { connections: 2, window: 16 } });
      const outcomes = await harness.pool.submit(segments(200));
      expect(byStatus(outcomes)).toEqual({ accepted: 200 });
      const ids = outcomes.map((o) => (o.status === "accepted" ? o.messageId : ""));
      expect(new Set(ids).size).toBe(200);
      await eventually(() => harness!.receipts.length >= 200, 10_000, "200 reports");
      await new Promise((r) => setTimeout(r, 100));
      expect(harness.receipts).toHaveLength(200);
      expect(new Set(harness.receipts.map((r) => r.messageId))).toEqual(new Set(ids));
      // The simulator saw each segment once, with our Src_Id, Msg_src and Service_Id.
      const submits = harness.simulator.submits();
      expect(submits).toHaveLength(200);
      expect(submits[0]).toMatchObject({
        srcId: "10690000",
        msgSrc: "901234",
        serviceId: "MQX0019901",
        registeredDelivery: 1,
      });
      expect(new Set(submits.map((s) => s.sessionId)).size).toBe(2);
      expect(harness.receipts.every((r) => r.final)).toBe(true);
    });

    it("a long UCS-2 message goes as Pk_total/Pk_number with TP_udhi, to a per-submission Src_Id", async () => {
      harness = await startHarness({ version });
      const text = "您好，".repeat(40);
      const encoded = encodeCmppMessage(text, { reference: 7 });
      const outcomes = await harness.pool.submit(
        encoded.segments.map((s) => ({
          segmentKey: `long:${s.sequence}`,
          destination: "13800138000",
          source: "1069000012345",
          dataCoding: encoded.dataCoding,
          udh: s.udh,
          shortMessage: s.payload,
        })),
      );
      expect(byStatus(outcomes)).toEqual({ accepted: 2 });
      expect(harness.simulator.submits().map((s) => [s.pkTotal, s.pkNumber, s.tpUdhi, s.msgFmt, s.srcId])).toEqual([
        [2, 1, 1, 8, "1069000012345"],
        [2, 2, 1, 8, "1069000012345"],
      ]);
    });

    it("flow control (Result 8): paused, then every segment goes again in order; none lost, none twice", async () => {
      // Window 1: strict order is observable (with a wider window, submits already written when the
      // first Result 8 comes back may be accepted before the refused ones go again, as with SMPP).
      harness = await startHarness({
        version,
        config: { window: 1 },
        simulator: { receiptDelayMs: 10, throttleAbovePerSecond: 20 },
      });
      const outcomes = await harness.pool.submit(segments(50));
      expect(byStatus(outcomes)).toEqual({ accepted: 50 });
      const submits = harness.simulator.submits();
      expect(submits.some((s) => s.result === "throttled")).toBe(true);
      const accepted = submits.filter((s) => s.result === "accepted");
      expect(accepted).toHaveLength(50);
      // In order: the accepted ones carry m0, m1, ... m49.
      expect(accepted.map((s) => s.msgContent.toString("latin1"))).toEqual(
        Array.from({ length: 50 }, (_, i) => `m${i}`),
      );
      expect(harness.pool.status().totals.throttled).toBeGreaterThan(0);
    });

    it("a connection dropped mid-window: written segments come back unknown and are not resent; the rest go on another", async () => {
      harness = await startHarness({
        version,
        config: { window: 16 },
        simulator: { receiptDelayMs: 10, dropConnectionEveryPdus: 40 },
      });
      const outcomes = await harness.pool.submit(segments(100));
      const counts = byStatus(outcomes);
      expect(counts.unknown).toBeGreaterThan(0);
      expect((counts.accepted ?? 0) + (counts.unknown ?? 0)).toBe(100);
      // Each segment reached the simulator at most once: unknowns were never resent.
      const seen = harness.simulator.submits().map((s) => s.msgContent.toString("latin1"));
      expect(new Set(seen).size).toBe(seen.length);
      for (const o of outcomes) if (o.status === "unknown") expect(o.reason).toBe("connection_lost");
    });

    it("a simulator restart loses nothing and resends nothing on its own; reports still arrive after it", async () => {
      harness = await startHarness({
        version,
        config: { window: 32 },
        simulator: { receiptDelayMs: 300, responseDelayMs: 1_000 },
      });
      const first = harness.pool.submit(segments(20, "a"));
      await eventually(() => harness!.simulator.submits().length === 20, 5_000, "submits");
      await harness.simulator.stop();
      const outcomes = await first;
      expect(byStatus(outcomes)).toEqual({ unknown: 20 });
      await harness.simulator.restart();
      await harness.pool.waitUntilBound({ timeoutMs: 5_000 });
      const second = await harness.pool.submit(segments(10, "b"));
      expect(byStatus(second)).toEqual({ accepted: 10 });
      expect(harness.simulator.submits()).toHaveLength(30);
      // The reports of the unknown ones were kept by the gateway and come after the reconnect.
      await eventually(() => harness!.receipts.length >= 30, 5_000, "30 reports");
    });

    it("a missing SUBMIT_RESP becomes unknown (response_timeout), never resent", async () => {
      harness = await startHarness({
        version,
        config: { responseTimeoutMs: 200 },
        simulator: { receiptDelayMs: 10, omitResponseEvery: 5 },
      });
      const outcomes = await harness.pool.submit(segments(20));
      expect(byStatus(outcomes)).toEqual({ accepted: 16, unknown: 4 });
      expect(harness.simulator.submits()).toHaveLength(20);
    });

    it("status reports whose Msg_Id the gateway writes little-endian are matched", async () => {
      harness = await startHarness({ version, simulator: { receiptDelayMs: 10, reportMsgIdLittleEndian: true } });
      const outcomes = await harness.pool.submit(segments(30));
      await eventually(() => harness!.receipts.length >= 30, 5_000, "reports");
      const ids = new Set(outcomes.map((o) => (o.status === "accepted" ? o.messageId : "")));
      expect(harness.receipts.every((r) => ids.has(r.messageId))).toBe(true);
    });

    it("replies: short ASCII and long UCS-2 (reassembled), each answered with DELIVER_RESP", async () => {
      harness = await startHarness({ version });
      harness.simulator.injectReply({ from: "13800138000", to: "106900001234", text: "TD" });
      const long = "请不要再给我发短信了，谢谢。".repeat(8);
      expect(harness.simulator.injectReply({ from: "13900139000", to: "106900001234", text: long }).parts).toBe(2);
      await eventually(() => harness!.replies.length >= 2, 5_000, "replies");
      expect(harness.replies.map((r) => [r.from, r.to, r.text, r.complete])).toEqual([
        ["13800138000", "106900001234", "TD", true],
        ["13900139000", "106900001234", long, true],
      ]);
      await eventually(() => harness!.simulator.state().counters.repliesAcknowledged === 3, 2_000, "acks");
    });

    it("ACTIVE_TEST keeps an idle link; TERMINATE on close", async () => {
      harness = await startHarness({ version, config: { activeTestMs: 50 } });
      await eventually(() => harness!.simulator.state().counters.activeTestsReceived >= 2, 3_000, "active tests");
      expect(harness.pool.status().bindsUp).toBe(1);
      await harness.pool.close();
      expect(harness.simulator.state().counters.terminatesReceived).toBe(1);
    });
  });
}

describe("CONNECT refusals map to clear errors", () => {
  it("wrong secret: AUTH_FAILED", async () => {
    harness = await startHarness({ config: { secret: "wrong" }, waitForBinds: false });
    const error = (await harness.pool
      .waitUntilBound({ timeoutMs: 3_000 })
      .catch((e: unknown) => e)) as CmppConnectError;
    expect(error.code).toBe("AUTH_FAILED");
    expect(error.status).toBe(3);
    expect(harness.pool.status().binds[0]!.lastError).toMatch(/authentication failed/);
  });

  it("unknown SP login: BAD_SOURCE_ADDR", async () => {
    harness = await startHarness({ config: { sourceAddr: "999999" }, waitForBinds: false });
    const error = (await harness.pool
      .waitUntilBound({ timeoutMs: 3_000 })
      .catch((e: unknown) => e)) as CmppConnectError;
    expect(error.code).toBe("BAD_SOURCE_ADDR");
  });

  it("a 2.0 gateway asked for 3.0: VERSION_TOO_HIGH", async () => {
    harness = await startHarness({ version: "2.0", config: { version: "3.0" }, waitForBinds: false });
    const error = (await harness.pool
      .waitUntilBound({ timeoutMs: 3_000 })
      .catch((e: unknown) => e)) as CmppConnectError;
    expect(error.code).toBe("VERSION_TOO_HIGH");
  });

  it("a refused connect retries with backoff and connects once the gateway accepts", async () => {
    harness = await startHarness({ simulator: { receiptDelayMs: 10, refuseConnectStatus: 3 }, waitForBinds: false });
    await eventually(() => harness!.simulator.state().counters.connectsRefused >= 2, 3_000, "refusals");
    harness.simulator.configure({ refuseConnectStatus: 0 });
    await eventually(() => harness!.pool.status().bindsUp === 1, 3_000, "connected");
    expect(byStatus(await harness.pool.submit(segments(3)))).toEqual({ accepted: 3 });
  });
});
