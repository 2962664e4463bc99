// The simulator's control endpoint, through its client, with the pool bound to the simulator.
import { afterEach, describe, expect, it } from "vitest";
import { type Harness, keyedMessages, startHarness, until } from "../testing/harness";
import { type SimulatorControl, startSimulatorControl } from "./control";
import { createSimulatorControlClient } from "./control-client";

let harness: Harness | undefined;
let control: SimulatorControl | undefined;
afterEach(async () => {
  await control?.close();
  await harness?.close();
  control = harness = undefined;
});

describe("simulator control endpoint", () => {
  it("reports state, changes settings, injects replies and drops connections", async () => {
    harness = await startHarness({ simulator: { receiptDelayMs: 5 } });
    control = await startSimulatorControl(harness.simulator, { port: 0 });
    const client = createSimulatorControlClient(control.url);

    const state = await client.state();
    expect(state).toMatchObject({ listening: true, port: harness.simulator.port, systemId: "qixintong", sessions: [{ mode: "transceiver" }] });

    const settings = await client.configure({ outcomeMix: { UNDELIV: 1 }, receiptDelayMs: 1 });
    expect(settings.outcomeMix).toEqual({ DELIVRD: 0, UNDELIV: 1, EXPIRED: 0, REJECTD: 0 });
    const outcomes = await harness.pool.submit(keyedMessages(3, { longEvery: 0 }).segments);
    await until(() => harness!.receipts.length >= 3, 2_000, () => "receipts");
    expect(harness.receipts.every((r) => r.state === "undeliverable")).toBe(true);

    const submits = await client.submits(2);
    expect(submits).toHaveLength(2);
    expect(submits[1]).toMatchObject({ result: "accepted", messageId: outcomes[2]!.status === "accepted" ? outcomes[2]!.smscMessageId : "" });
    expect(Buffer.from(submits[1]!.shortMessageHex, "hex").toString()).toBe("Your code is 2");

    await expect(client.injectReply({ from: "13800138000", to: "10690000", text: "TD" })).resolves.toEqual({ parts: 1 });
    await until(() => harness!.replies.length === 1, 2_000, () => "the reply");
    expect(harness.replies[0]).toMatchObject({ from: "13800138000", to: "10690000", text: "TD" });

    await expect(client.dropConnections()).resolves.toEqual({ dropped: 1 });
    await until(() => harness!.pool.status().totals.linkFailures === 1, 2_000, () => "the drop noticed");
    await harness.pool.waitUntilBound();
    expect((await client.state()).counters.bindsAccepted).toBe(2);
  });

  it("refuses invalid settings and unknown endpoints", async () => {
    harness = await startHarness();
    control = await startSimulatorControl(harness.simulator, { port: 0 });
    const client = createSimulatorControlClient(control.url);
    await expect(client.configure({ throttleAbovePerSecond: -1 })).rejects.toThrow(/400.*throttleAbovePerSecond/s);
    await expect(client.configure({ outcomeMix: { DELIVRD: 0 } })).rejects.toThrow(/400/);
    await expect(client.configure({ nonsense: true } as never)).rejects.toThrow(/400.*nonsense/s);
    await expect(client.injectReply({ from: "", to: "1", text: "x" })).rejects.toThrow(/400/);
    const response = await fetch(`${control.url}/nowhere`);
    expect(response.status).toBe(404);
    expect((await client.state()).settings.throttleAbovePerSecond).toBe(0);
  });
});
