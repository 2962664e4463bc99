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
    const client = createSimulatorControlClient(control);

    const state = await client.state();
    expect(state).toMatchObject({
      listening: true,
      port: harness.simulator.port,
      systemId: "qixintong",
      sessions: [{ mode: "transceiver" }],
    });

    const settings = await client.configure({ outcomeMix: { UNDELIV: 1 }, receiptDelayMs: 1 });
    expect(settings.outcomeMix).toEqual({ DELIVRD: 0, UNDELIV: 1, EXPIRED: 0, REJECTD: 0 });
    const outcomes = await harness.pool.submit(keyedMessages(3, { longEvery: 0 }).segments);
    await until(
      () => harness!.receipts.length >= 3,
      2_000,
      () => "receipts",
    );
    expect(harness.receipts.every((r) => r.state === "undeliverable")).toBe(true);

    const submits = await client.submits(2);
    expect(submits).toHaveLength(2);
    expect(submits[1]).toMatchObject({
      result: "accepted",
      messageId: outcomes[2]!.status === "accepted" ? outcomes[2]!.smscMessageId : "",
    });
    expect(Buffer.from(submits[1]!.shortMessageHex, "hex").toString()).toBe("Your code is 2");

    await expect(client.injectReply({ from: "13800138000", to: "10690000", text: "TD" })).resolves.toEqual({
      parts: 1,
    });
    await until(
      () => harness!.replies.length === 1,
      2_000,
      () => "the reply",
    );
    expect(harness.replies[0]).toMatchObject({ from: "13800138000", to: "10690000", text: "TD" });

    await expect(client.dropConnections()).resolves.toEqual({ dropped: 1 });
    await until(
      () => harness!.pool.status().totals.linkFailures === 1,
      2_000,
      () => "the drop noticed",
    );
    await harness.pool.waitUntilBound();
    expect((await client.state()).counters.bindsAccepted).toBe(2);
  });

  it("refuses invalid settings and unknown endpoints", async () => {
    harness = await startHarness();
    control = await startSimulatorControl(harness.simulator, { port: 0 });
    const client = createSimulatorControlClient(control);
    await expect(client.configure({ throttleAbovePerSecond: -1 })).rejects.toThrow(/400.*throttleAbovePerSecond/s);
    await expect(client.configure({ outcomeMix: { DELIVRD: 0 } })).rejects.toThrow(/400/);
    await expect(client.configure({ nonsense: true } as never)).rejects.toThrow(/400.*nonsense/s);
    await expect(client.injectReply({ from: "", to: "1", text: "x" })).rejects.toThrow(/400/);
    const response = await fetch(`${control.url}/nowhere`, { headers: { authorization: `Bearer ${control.secret}` } });
    expect(response.status).toBe(404);
    expect((await client.state()).settings.throttleAbovePerSecond).toBe(0);
  });

  it("answers only requests that carry its secret, and listens on 127.0.0.1 only", async () => {
    harness = await startHarness();
    control = await startSimulatorControl(harness.simulator, { port: 0, secret: "the-secret" });
    expect(control.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    const refused: Record<string, string>[] = [
      {},
      { authorization: "Bearer wrong" },
      { authorization: "Bearer the-secret-and-more" },
      { authorization: "the-secret" },
    ];
    for (const headers of refused) {
      const state = await fetch(`${control.url}/state`, { headers });
      expect(state.status).toBe(401);
      const drop = await fetch(`${control.url}/connections/drop`, { method: "POST", headers });
      expect(drop.status).toBe(401);
    }
    expect(harness.simulator.state().counters.bindsAccepted).toBe(1);
    expect(harness.pool.status().totals.linkFailures).toBe(0);
    await expect(createSimulatorControlClient({ url: control.url, secret: "wrong" }).state()).rejects.toThrow(/401/);
    await expect(createSimulatorControlClient(control).state()).resolves.toMatchObject({
      port: harness.simulator.port,
    });
  });

  it("makes up a secret when given none", async () => {
    harness = await startHarness();
    control = await startSimulatorControl(harness.simulator, { port: 0 });
    expect(control.secret).toMatch(/^[\w-]{32}$/);
    expect((await fetch(`${control.url}/state`)).status).toBe(401);
    await expect(createSimulatorControlClient(control).state()).resolves.toMatchObject({
      port: harness.simulator.port,
    });
  });
});
