import { afterEach, describe, expect, it } from "vitest";
import { type CmppSimulatorControl, startCmppSimulatorControl } from "./control";
import { type CmppSimulator, startCmppSimulator } from "./server";

let simulator: CmppSimulator | null = null;
let control: CmppSimulatorControl | null = null;
afterEach(async () => {
  await control?.close();
  await simulator?.close();
});

describe("CMPP simulator control endpoint", () => {
  it("needs the secret, then configures, injects replies and reports state", async () => {
    simulator = await startCmppSimulator({ version: "2.0" });
    control = await startCmppSimulatorControl({ cmpp2: simulator }, { secret: "s3cret-for-tests" });
    const call = (path: string, init: RequestInit = {}, secret = control!.secret) =>
      fetch(`${control!.url}${path}`, { ...init, headers: { authorization: `Bearer ${secret}` } });
    expect((await call("/cmpp2/state", {}, "wrong")).status).toBe(401);
    const configured = await call("/cmpp2/config", {
      method: "POST",
      body: JSON.stringify({ throttleAbovePerSecond: 5 }),
    });
    expect(((await configured.json()) as { throttleAbovePerSecond: number }).throttleAbovePerSecond).toBe(5);
    expect((await call("/cmpp2/config", { method: "POST", body: JSON.stringify({ nonsense: 1 }) })).status).toBe(400);
    const injected = await call("/cmpp2/replies", {
      method: "POST",
      body: JSON.stringify({ from: "13800138000", to: "10690000", text: "TD" }),
    });
    expect(await injected.json()).toEqual({ parts: 1 });
    const state = (await (await call("/cmpp2/state")).json()) as { version: string; pendingDeliveries: number };
    expect(state).toMatchObject({ version: "2.0", pendingDeliveries: 1 });
    expect((await call("/cmpp3/state")).status).toBe(404);
  });
});
