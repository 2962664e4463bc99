// The process gateway: with no SMPP_URL it runs the simulator in-process and binds to it; with one,
// it binds there and starts nothing; receipts and replies reach the installed handlers (and are
// held back by the SMSC until there are some); the pool shows in the back office registry.
import { afterEach, describe, expect, it } from "vitest";
import { type DeliveryReceipt } from "./codec/receipt";
import { type ReplyPart } from "./codec/reply";
import {
  type SmppGateway,
  ensureProcessGateway,
  installProcessGateway,
  processGateway,
  processSimulatorControl,
  startGateway,
  stopProcessGateway,
} from "./gateway";
import { silentLogger } from "./pool/types";
import { processPoolStatus } from "./registry";
import { startSimulatorControl } from "./simulator/control";
import { startSimulator } from "./simulator/server";
import { createSimulatorControlClient } from "./simulator/control-client";
import { keyedMessages, until } from "./testing/harness";

const fast = {
  SMSC_PORT: "0",
  SMSC_CONTROL_PORT: "0",
  SMPP_BIND_MAX_PER_SECOND: "0",
  SMPP_REBIND_MIN_MS: "10",
  SMPP_REBIND_MAX_MS: "100",
};

let gateway: SmppGateway | undefined;
afterEach(async () => {
  await gateway?.close();
  gateway = undefined;
  await stopProcessGateway();
});

describe("gateway", () => {
  it("starts the simulator in-process when SMPP_URL is unset, submits through it and routes receipts and replies", async () => {
    const receipts: DeliveryReceipt[] = [];
    const replies: ReplyPart[] = [];
    gateway = await startGateway({
      env: fast,
      logger: silentLogger,
      simulatorSettings: { receiptDelayMs: 5, outcomeMix: { DELIVRD: 1 } },
      inbound: { receipt: (r) => void receipts.push(r), replyPart: (p) => void replies.push(p) },
    });
    expect(gateway.simulator).not.toBeNull();
    expect(gateway.config.port).toBe(gateway.simulator!.port);
    expect(gateway.simulatorControl?.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(gateway.simulatorControl?.secret).toMatch(/^[\w-]{32}$/);
    await gateway.pool.waitUntilBound({ timeoutMs: 5_000 });

    const batch = keyedMessages(12, { longEvery: 4 });
    const outcomes = await gateway.pool.submit(batch.segments);
    expect(outcomes.every((o) => o.status === "accepted")).toBe(true);
    expect(gateway.simulator!.submits()).toHaveLength(batch.segments.length);
    await until(
      () => receipts.length >= outcomes.length,
      5_000,
      () => `${receipts.length} receipts`,
    );
    expect(new Set(receipts.map((r) => r.messageId))).toEqual(
      new Set(outcomes.map((o) => (o.status === "accepted" ? o.messageId : ""))),
    );
    expect(receipts.every((r) => r.state === "delivered")).toBe(true);

    // A handset's reply, injected over the control endpoint as the back office and the CLI do.
    await createSimulatorControlClient(gateway.simulatorControl!).injectReply({
      from: "13800138000",
      to: "10690000",
      text: "TD",
    });
    await until(
      () => replies.length === 1,
      5_000,
      () => `${replies.length} replies`,
    );
    expect(replies[0]).toMatchObject({ from: "13800138000", to: "10690000", concatenation: null });
    expect(replies[0]!.body.toString("latin1")).toBe("TD");
  });

  it("holds receipts unacknowledged (never refused) until the pipeline is connected, then hands each over once", async () => {
    const receipts: DeliveryReceipt[] = [];
    gateway = await startGateway({
      env: fast,
      logger: silentLogger,
      simulatorSettings: { receiptDelayMs: 5, redeliveryDelayMs: 50 },
    });
    await gateway.pool.waitUntilBound({ timeoutMs: 5_000 });
    const outcomes = await gateway.pool.submit(keyedMessages(5, { longEvery: 0 }).segments);
    await until(
      () => gateway!.simulator!.state().sessions.some((s) => s.deliveriesInFlight >= 5),
      5_000,
      () => "receipts not delivered yet",
    );
    await new Promise((resolve) => setTimeout(resolve, 150));
    expect(gateway.simulator!.state().counters).toMatchObject({ receiptsAcknowledged: 0, deliveryRetries: 0 });

    gateway.setInbound({ receipt: (r) => void receipts.push(r), replyPart: () => {} });
    await until(
      () => receipts.length >= 5,
      5_000,
      () => `${receipts.length} receipts`,
    );
    await new Promise((resolve) => setTimeout(resolve, 150));
    expect(receipts.map((r) => r.messageId).sort()).toEqual(
      outcomes.map((o) => (o.status === "accepted" ? o.messageId : "")).sort(),
    );
    expect(gateway.simulator!.state().counters.receiptsAcknowledged).toBe(5);
  });

  it("binds to the SMSC named by SMPP_URL and starts no simulator of its own", async () => {
    const smsc = await startSimulator({ port: 0, settings: { receiptDelayMs: 5 } });
    try {
      gateway = await startGateway({
        env: { ...fast, SMPP_URL: `smpp://127.0.0.1:${smsc.port}` },
        logger: silentLogger,
        inbound: { receipt: () => {}, replyPart: () => {} },
      });
      expect(gateway.simulator).toBeNull();
      expect(gateway.simulatorControl).toBeNull();
      // The back office shows no simulator controls with a real SMSC upstream.
      installProcessGateway(gateway);
      await expect(
        processSimulatorControl({ ...fast, SMPP_URL: `smpp://127.0.0.1:${smsc.port}`, SMSC_CONTROL_SECRET: "s" }),
      ).resolves.toBeNull();
      await gateway.pool.waitUntilBound({ timeoutMs: 5_000 });
      const outcomes = await gateway.pool.submit(keyedMessages(3, { longEvery: 0 }).segments);
      expect(outcomes.map((o) => o.status)).toEqual(["accepted", "accepted", "accepted"]);
      expect(smsc.submits()).toHaveLength(3);
    } finally {
      await gateway?.close();
      gateway = undefined;
      await smsc.close();
    }
  });

  it("uses a simulator already listening on the port instead of starting a second", async () => {
    const smsc = await startSimulator({ port: 0 });
    try {
      gateway = await startGateway({ env: { ...fast, SMSC_PORT: String(smsc.port) }, logger: silentLogger });
      expect(gateway.simulator).toBeNull();
      expect(gateway.config.port).toBe(smsc.port);
      await gateway.pool.waitUntilBound({ timeoutMs: 5_000 });
    } finally {
      await gateway?.close();
      gateway = undefined;
      await smsc.close();
    }
  });

  it("is one per process and registers its pool for the back office", async () => {
    expect(processGateway()).toBeNull();
    expect(processPoolStatus()).toBeNull();
    const [a, b] = await Promise.all([
      ensureProcessGateway({ env: fast, logger: silentLogger }),
      ensureProcessGateway({ env: fast, logger: silentLogger }),
    ]);
    expect(a).toBe(b);
    await a.pool.waitUntilBound({ timeoutMs: 5_000 });
    expect(processPoolStatus()).toMatchObject({ state: "running", bindsUp: 1 });
    await stopProcessGateway();
    expect(processGateway()).toBeNull();
    expect(processPoolStatus()).toBeNull();
  });

  it("drives its own simulator: two gateways with simulators on different ports each see their own, and neither's secret opens the other's", async () => {
    const a = await startGateway({ env: fast, logger: silentLogger, simulatorSettings: { receiptDelayMs: 5 } });
    const b = await startGateway({
      env: { ...fast, SMSC_CONTROL_SECRET: "b-secret" },
      logger: silentLogger,
      simulatorSettings: { receiptDelayMs: 5 },
    });
    try {
      expect(a.simulator!.port).not.toBe(b.simulator!.port);
      expect(b.simulatorControl!.secret).toBe("b-secret");
      expect(a.simulatorControl!.secret).not.toBe("b-secret");
      await createSimulatorControlClient(b.simulatorControl!).configure({ throttleAbovePerSecond: 7 });
      expect((await createSimulatorControlClient(a.simulatorControl!).state()).port).toBe(a.simulator!.port);
      expect(a.simulator!.state().settings.throttleAbovePerSecond).toBe(0);
      expect(b.simulator!.state().settings.throttleAbovePerSecond).toBe(7);
      await expect(
        createSimulatorControlClient({ url: a.simulatorControl!.url, secret: "b-secret" }).state(),
      ).rejects.toThrow(/401/);

      // What the back office of each process uses: its own gateway's simulator.
      installProcessGateway(b);
      expect(await processSimulatorControl()).toEqual(b.simulatorControl);
      expect((await createSimulatorControlClient((await processSimulatorControl())!).state()).port).toBe(
        b.simulator!.port,
      );
      installProcessGateway(a);
      expect((await createSimulatorControlClient((await processSimulatorControl())!).state()).port).toBe(
        a.simulator!.port,
      );
    } finally {
      await a.close();
      await b.close();
    }
  });

  it("uses the controls of another process's simulator only when given its secret", async () => {
    const smsc = await startSimulator({ port: 0 });
    const control = await startSimulatorControl(smsc, { port: 0, secret: "standalone" });
    try {
      gateway = await startGateway({ env: { ...fast, SMSC_PORT: String(smsc.port) }, logger: silentLogger });
      expect(gateway.simulator).toBeNull();
      expect(gateway.simulatorControl).toBeNull();
      await gateway.close();
      gateway = await startGateway({
        env: {
          ...fast,
          SMSC_PORT: String(smsc.port),
          SMSC_CONTROL_URL: control.url,
          SMSC_CONTROL_SECRET: "standalone",
        },
        logger: silentLogger,
      });
      expect(gateway.simulatorControl).toEqual({ url: control.url, secret: "standalone" });
      expect((await createSimulatorControlClient(gateway.simulatorControl!).state()).port).toBe(smsc.port);
      // A process without a gateway (SMPP_GATEWAY=off) reaches it the same way, and without the secret not at all.
      await expect(
        processSimulatorControl({ SMSC_CONTROL_URL: control.url, SMSC_CONTROL_SECRET: "standalone" }),
      ).resolves.toEqual({ url: control.url, secret: "standalone" });
      await expect(processSimulatorControl({ SMSC_CONTROL_URL: control.url })).resolves.toBeNull();
    } finally {
      await gateway?.close();
      gateway = undefined;
      await control.close();
      await smsc.close();
    }
  });
});
