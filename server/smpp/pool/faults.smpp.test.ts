// The pool under the simulator's faults. Throughout: every segment gets exactly one outcome, the
// simulator never accepts a segment twice, and the only resends are of segments the simulator
// explicitly throttled (compareEnds checks all of this against what the simulator received).
import net from "node:net";
import { afterEach, describe, expect, it } from "vitest";
import { startSimulator } from "../simulator/server";
import { type Harness, compareEnds, keyedMessages, startHarness, tally, testConfig, until } from "../testing/harness";
import { createSmppPool } from "./pool";
import { silentLogger } from "./types";

let harness: Harness | undefined;
const cleanups: Array<() => Promise<void> | void> = [];
afterEach(async () => {
  await harness?.close();
  harness = undefined;
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

/** Receipts: exactly one per message id the simulator accepted, whatever the pool made of the submit. */
async function expectOneReceiptPerAcceptedSubmit(h: Harness, timeoutMs = 15_000): Promise<void> {
  const acceptedIds = h.simulator.submits().flatMap((r) => (r.result === "accepted" ? [r.messageId!] : []));
  await until(
    () => h.receipts.length >= acceptedIds.length,
    timeoutMs,
    () => `${h.receipts.length} of ${acceptedIds.length} receipts`,
  );
  await new Promise((resolve) => setTimeout(resolve, 100));
  const perId = tally(h.receipts.map((r) => r.messageId));
  expect(new Set(perId.keys())).toEqual(new Set(acceptedIds));
  expect([...perId.entries()].filter(([, n]) => n !== 1)).toEqual([]);
}

describe("throttling", () => {
  it("pauses on ESME_RTHROTTLED and resends only the refused segments, nothing lost", async () => {
    harness = await startHarness({
      simulator: { receiptDelayMs: 10, throttleAbovePerSecond: 400 },
      config: { binds: 2, window: 20 },
    });
    const batch = keyedMessages(600, { longEvery: 4 });
    const outcomes = await harness.pool.submit(batch.segments);
    const ends = compareEnds(batch, outcomes, harness.simulator.submits());
    expect(ends.accepted).toBe(batch.segments.length);
    const throttled = harness.simulator.state().counters.submitsThrottled;
    expect(throttled).toBeGreaterThan(0);
    expect(harness.pool.status().totals.throttled).toBe(throttled);
    expect(harness.simulator.submits()).toHaveLength(batch.segments.length + throttled);
    await expectOneReceiptPerAcceptedSubmit(harness);
  });

  it("retries throttled segments in their original order", async () => {
    harness = await startHarness({ simulator: { throttleAbovePerSecond: 300 }, config: { binds: 1, window: 1 } });
    const batch = keyedMessages(200, { longEvery: 0, registeredDelivery: 0 });
    const outcomes = await harness.pool.submit(batch.segments);
    expect(outcomes.every((o) => o.status === "accepted")).toBe(true);
    expect(harness.simulator.state().counters.submitsThrottled).toBeGreaterThan(0);
    const acceptedOrder = harness.simulator
      .submits()
      .filter((r) => r.result === "accepted")
      .map((r) => batch.keyOf(r));
    expect(acceptedOrder).toEqual(batch.segments.map((s) => s.segmentKey));
  });

  it("keeps under the configured rates, so a carrier limit is never hit", async () => {
    harness = await startHarness({
      simulator: { receiptDelayMs: 0, throttleAbovePerSecond: 200 },
      config: { binds: 2, window: 10, bindMaxPerSecond: 100, accountMaxPerSecond: 150 },
    });
    const batch = keyedMessages(300, { longEvery: 0, registeredDelivery: 0 });
    const started = performance.now();
    const outcomes = await harness.pool.submit(batch.segments);
    const seconds = (performance.now() - started) / 1000;
    expect(outcomes.every((o) => o.status === "accepted")).toBe(true);
    // 300 segments at 150/s after a burst of 15: at least 1.9 s
    expect(seconds).toBeGreaterThan(1.85);
    expect(harness.simulator.state().counters.submitsThrottled).toBe(0);
  });
});

describe("connection drops", () => {
  it("reports segments in flight as unknown, never resends them, and loses nothing", async () => {
    // Every 37th PDU a connection gets is accepted but unanswered and the connection is cut,
    // with a window of 10 in flight: the worst moment for the client.
    harness = await startHarness({
      simulator: { receiptDelayMs: 10, dropConnectionEveryPdus: 37 },
      config: { binds: 2, window: 10 },
    });
    const batch = keyedMessages(1_200, { longEvery: 5 });
    const outcomes = await harness.pool.submit(batch.segments);
    const ends = compareEnds(batch, outcomes, harness.simulator.submits());
    expect(ends.unknown).toBeGreaterThan(0);
    expect(ends.accepted + ends.unknown).toBe(batch.segments.length);
    expect(ends.rejected).toBe(0);
    // unknown means "no answer": some of those the simulator did take, and the pool did not resend them
    const unknownAccepted = outcomes.filter(
      (o) => o.status === "unknown" && ends.acceptedAtSmsc.has(o.segmentKey),
    ).length;
    expect(unknownAccepted).toBeGreaterThan(0);
    expect(
      outcomes
        .filter((o) => o.status === "unknown")
        .every((o) => o.status === "unknown" && o.reason === "connection_lost"),
    ).toBe(true);
    const status = harness.pool.status();
    expect(status.totals.linkFailures).toBeGreaterThan(0);
    expect(status.totals.unknown).toBe(ends.unknown);
    expect(status.errors).toBeGreaterThanOrEqual(status.totals.linkFailures);
    expect(harness.simulator.state().counters.connectionsDropped).toBeGreaterThan(5);
    await expectOneReceiptPerAcceptedSubmit(harness);
  });

  it("survives a simulator restart mid-batch", async () => {
    harness = await startHarness({
      simulator: { receiptDelayMs: 10 },
      config: { binds: 2, window: 10, bindMaxPerSecond: 2_000 },
    });
    const { simulator, pool } = harness;
    const batch = keyedMessages(900, { longEvery: 3 });
    const submitted = pool.submit(batch.segments);
    await until(
      () => simulator.submits().length >= 300,
      10_000,
      () => "300 submits before the restart",
    );
    await simulator.restart({ downMs: 300 });
    const outcomes = await submitted;
    const ends = compareEnds(batch, outcomes, simulator.submits());
    expect(ends.accepted + ends.unknown).toBe(batch.segments.length);
    expect(ends.accepted).toBeGreaterThanOrEqual(batch.segments.length - 2 * 10); // at most two full windows lost their answers
    expect(pool.status().totals.linkFailures).toBeGreaterThanOrEqual(2);
    expect(pool.status().bindsUp).toBe(2);
    await expectOneReceiptPerAcceptedSubmit(harness);
  });

  it("keeps queued segments while no bind is up and sends them once the SMSC lets it bind", async () => {
    harness = await startHarness({ simulator: { refuseBinds: true }, config: { binds: 2 }, waitForBinds: false });
    const { simulator, pool } = harness;
    await until(
      () => pool.status().totals.bindFailures >= 2,
      5_000,
      () => "refused binds",
    );
    const status = pool.status();
    expect(status.bindsUp).toBe(0);
    expect(status.errors).toBeGreaterThanOrEqual(2);
    expect(status.binds[0]!.lastError).toBe("bind refused: ESME_RBINDFAIL");
    const batch = keyedMessages(10);
    const submitted = pool.submit(batch.segments);
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(pool.status().queued).toBe(batch.segments.length);
    simulator.configure({ refuseBinds: false });
    const outcomes = await submitted;
    expect(compareEnds(batch, outcomes, simulator.submits()).accepted).toBe(batch.segments.length);
  });

  it("says why a bind is refused for bad credentials", async () => {
    harness = await startHarness({ config: { password: "wrong" }, waitForBinds: false });
    await until(
      () => harness!.pool.status().totals.bindFailures >= 1,
      5_000,
      () => "a refused bind",
    );
    expect(harness.pool.status().binds[0]).toMatchObject({
      state: expect.stringMatching(/down|connecting|binding/),
      lastError: "bind refused: ESME_RINVPASWD",
    });
  });
});

describe("missing and late responses", () => {
  it("reports segments answered too late as unknown and does not resend them", async () => {
    harness = await startHarness({
      simulator: { receiptDelayMs: 0, responseDelayMs: 400 },
      config: { window: 10, responseTimeoutMs: 150 },
    });
    const batch = keyedMessages(20, { longEvery: 0, registeredDelivery: 0 });
    const outcomes = await harness.pool.submit(batch.segments);
    expect(outcomes.every((o) => o.status === "unknown" && o.reason === "response_timeout")).toBe(true);
    const ends = compareEnds(batch, outcomes, harness.simulator.submits());
    expect(ends.acceptedAtSmsc.size).toBe(20);
    await until(
      () => harness!.pool.status().totals.lateResponses === 20,
      2_000,
      () => "late responses",
    );
    expect(harness.simulator.submits()).toHaveLength(20);
  });

  it("reports unanswered segments as unknown while the rest go through", async () => {
    harness = await startHarness({
      simulator: { receiptDelayMs: 5, omitResponseEvery: 4 },
      config: { window: 10, responseTimeoutMs: 200 },
    });
    const batch = keyedMessages(40, { longEvery: 0 });
    const outcomes = await harness.pool.submit(batch.segments);
    const ends = compareEnds(batch, outcomes, harness.simulator.submits());
    expect(ends.unknown).toBe(10);
    expect(ends.accepted).toBe(30);
    expect(harness.simulator.submits()).toHaveLength(40);
    await expectOneReceiptPerAcceptedSubmit(harness);
  });

  it("declares a silent link dead by enquire_link and reconnects", async () => {
    const simulator = await startSimulator({ port: 0, settings: { receiptDelayMs: 5 } });
    cleanups.push(() => simulator.close());
    const proxy = await blackholeProxy(simulator.port);
    cleanups.push(() => proxy.close());
    const pool = createSmppPool({
      config: testConfig(proxy.port, { responseTimeoutMs: 100, enquireLinkMs: 100, enquireLinkMaxMissed: 2 }),
      logger: silentLogger,
    });
    cleanups.push(() => pool.close({ timeoutMs: 200 }));
    await pool.waitUntilBound();
    // The network eats everything from now on, and the TCP connection stays open: no close, no error.
    proxy.freeze();
    const frozen = await pool.submit(keyedMessages(3, { longEvery: 0 }).segments);
    expect(frozen.map((o) => o.status)).toEqual(["unknown", "unknown", "unknown"]);
    await until(
      () => pool.status().totals.linkFailures >= 1,
      3_000,
      () => "the dead link noticed",
    );
    expect(pool.status().binds[0]!.lastError).toMatch(/no answer to 2 enquire_link/);
    proxy.thaw();
    await pool.waitUntilBound({ timeoutMs: 3_000 });
    const after = await pool.submit(
      keyedMessages(3, { longEvery: 0 }).segments.map((s) => ({ ...s, segmentKey: `after-${s.segmentKey}` })),
    );
    expect(after.every((o) => o.status === "accepted")).toBe(true);
  });
});

/** A TCP proxy that can start swallowing all bytes both ways without closing anything. */
async function blackholeProxy(
  targetPort: number,
): Promise<{ port: number; freeze(): void; thaw(): void; close(): Promise<void> }> {
  let frozen = false;
  const sockets = new Set<net.Socket>();
  const server = net.createServer((client) => {
    const upstream = net.connect(targetPort, "127.0.0.1");
    for (const socket of [client, upstream]) {
      sockets.add(socket);
      socket.on("error", () => {});
      socket.on("close", () => {
        sockets.delete(socket);
        client.destroy();
        upstream.destroy();
      });
    }
    client.on("data", (data) => frozen || upstream.write(data));
    upstream.on("data", (data) => frozen || client.write(data));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const address = server.address() as net.AddressInfo;
  return {
    port: address.port,
    freeze: () => (frozen = true),
    // Connections that lost bytes are broken for good; new ones work again.
    thaw: () => (frozen = false),
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}
