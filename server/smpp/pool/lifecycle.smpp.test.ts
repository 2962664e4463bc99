// Shutdown, queue time-outs, and how SMSC error answers become outcomes.
import smpp from "smpp";
import { afterEach, describe, expect, it } from "vitest";
import { type Harness, compareEnds, keyedMessages, startHarness, testConfig, until } from "../testing/harness";
import { createSmppPool } from "./pool";
import { silentLogger } from "./types";

let harness: Harness | undefined;
const cleanups: Array<() => Promise<void> | void> = [];
afterEach(async () => {
  await harness?.close();
  harness = undefined;
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

describe("shutdown", () => {
  it("hands back what it never sent, lets in-flight segments finish and unbinds", async () => {
    harness = await startHarness({
      simulator: { receiptDelayMs: 0 },
      config: { binds: 2, window: 5, bindMaxPerSecond: 200 },
    });
    const { pool, simulator } = harness;
    const batch = keyedMessages(400, { longEvery: 0, registeredDelivery: 0 });
    const submitted = pool.submit(batch.segments);
    await until(
      () => simulator.submits().length >= 50,
      5_000,
      () => "50 submits",
    );
    await pool.close();
    const outcomes = await submitted;
    const ends = compareEnds(batch, outcomes, simulator.submits());
    expect(ends.rejected).toBeGreaterThan(0);
    expect(ends.unknown).toBe(0); // every segment written got its answer before the unbind
    expect(ends.accepted).toBe(simulator.submits().length);
    for (const outcome of outcomes) {
      if (outcome.status === "rejected")
        expect(outcome).toMatchObject({ errorCode: null, errorName: "POOL_CLOSED", permanent: false });
    }
    await until(
      () => simulator.state().sessions.length === 0,
      2_000,
      () => "sessions closed",
    );
    expect(simulator.state().counters.unbindsReceived).toBe(2);
    expect(pool.status().state).toBe("closed");
    expect(pool.status().binds.every((b) => b.state === "closed")).toBe(true);
    expect(() => pool.submit(batch.segments)).toThrow(/closed/);
  });

  it("hands segments back when no bind could send them in time", async () => {
    harness = await startHarness({
      simulator: { refuseBinds: true },
      config: { queueTimeoutMs: 300 },
      waitForBinds: false,
    });
    const outcomes = await harness.pool.submit(keyedMessages(3, { longEvery: 0 }).segments);
    expect(outcomes.map((o) => o.status === "rejected" && o.errorName)).toEqual([
      "QUEUE_TIMEOUT",
      "QUEUE_TIMEOUT",
      "QUEUE_TIMEOUT",
    ]);
    expect(outcomes.every((o) => o.status === "rejected" && !o.permanent && o.errorCode === null)).toBe(true);
    expect(harness.simulator.submits()).toHaveLength(0);
  });

  it("refuses malformed batches and keys already in flight", async () => {
    harness = await startHarness({ simulator: { responseDelayMs: 200 } });
    const [segment] = keyedMessages(1, { longEvery: 0 }).segments;
    const pending = harness.pool.submit([segment!]);
    expect(() => harness!.pool.submit([segment!])).toThrow(/already being submitted/);
    expect(() =>
      harness!.pool.submit([
        { ...segment!, segmentKey: "a" },
        { ...segment!, segmentKey: "a" },
      ]),
    ).toThrow(/already/);
    expect(() =>
      harness!.pool.submit([{ ...segment!, segmentKey: "big", shortMessage: Buffer.alloc(250), udh: Buffer.alloc(6) }]),
    ).toThrow(RangeError);
    expect(() => harness!.pool.submit([{ ...segment!, segmentKey: "nodest", destination: "" }])).toThrow(RangeError);
    expect(() => harness!.pool.submit([{ ...segment!, segmentKey: "longsrc", source: "1".repeat(21) }])).toThrow(
      RangeError,
    );
    expect(() => harness!.pool.submit([{ ...segment!, segmentKey: "dcs", dataCoding: 256 }])).toThrow(/dataCoding/);
    expect(harness.pool.status().queued).toBe(0); // a refused batch enqueues nothing
    expect((await pending)[0]!.status).toBe("accepted");
    await expect(harness.pool.submit([])).resolves.toEqual([]);
  });
});

describe("SMSC error answers", () => {
  it("maps errors and generic_nack to rejected outcomes by the table", async () => {
    // A bare SMSC on the smpp package answering by destination.
    const answers: Record<string, (pdu: smpp.PDU) => smpp.PDU> = {
      "1": (pdu) => new smpp.PDU("generic_nack", { sequence_number: pdu.sequence_number, command_status: 0x03 }),
      "2": (pdu) => pdu.response({ command_status: 0x0b }), // ESME_RINVDSTADR
      "3": (pdu) => pdu.response({ command_status: 0x08 }), // ESME_RSYSERR
      "4": (pdu) => pdu.response({ command_status: 0x0401 }), // vendor code
    };
    let next = 0;
    const server = smpp.createServer((session) => {
      session.on("error", () => {});
      session.on("bind_transceiver", (pdu: smpp.PDU) => session.send(pdu.response()));
      session.on("unbind", (pdu: smpp.PDU) => session.send(pdu.response()));
      session.on("submit_sm", (pdu: smpp.PDU) => {
        const answer = answers[pdu.destination_addr as string];
        session.send(answer ? answer(pdu) : pdu.response({ message_id: `id-${next++}` }));
      });
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    cleanups.push(() => new Promise<void>((resolve) => server.close(() => resolve())));
    cleanups.push(() => server.sessions.forEach((s) => s.destroy()));
    const address = server.address() as { port: number };
    const pool = createSmppPool({ config: testConfig(address.port), logger: silentLogger });
    cleanups.push(() => pool.close({ timeoutMs: 500 }));
    await pool.waitUntilBound();
    const segment = (destination: string) => ({
      segmentKey: `to-${destination}`,
      destination,
      dataCoding: 0,
      shortMessage: Buffer.from("hi"),
    });
    const outcomes = await pool.submit(["1", "2", "3", "4", "5"].map(segment));
    expect(outcomes).toEqual([
      { segmentKey: "to-1", status: "rejected", errorCode: 0x03, errorName: "ESME_RINVCMDID", permanent: true },
      { segmentKey: "to-2", status: "rejected", errorCode: 0x0b, errorName: "ESME_RINVDSTADR", permanent: true },
      { segmentKey: "to-3", status: "rejected", errorCode: 0x08, errorName: "ESME_RSYSERR", permanent: false },
      { segmentKey: "to-4", status: "rejected", errorCode: 0x0401, errorName: "0x00000401", permanent: false },
      { segmentKey: "to-5", status: "accepted", messageId: "id-0", smscMessageId: "id-0" },
    ]);
    expect(pool.status().totals).toMatchObject({ genericNacks: 1, rejected: 4, accepted: 1 });
  });
});
