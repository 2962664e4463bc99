// The back office's gateway procedures drive the simulator of this process's own gateway: with two
// gateways (simulators on different ports) in one process, each shows and configures its own; with a
// real SMSC upstream there are no simulator controls.
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { seedDemo } from "@/prisma/demo-data";
import { installProcessGateway, startGateway, stopProcessGateway } from "../../smpp/gateway";
import { silentLogger } from "../../smpp/pool/types";
import { startSimulator } from "../../smpp/simulator/server";
import { callerFor, trpcError } from "../../testing/callers";
import { createTestDatabase, type TestDatabase } from "../../testing/database";

const fast = {
  SMSC_PORT: "0",
  SMSC_CONTROL_PORT: "0",
  SMPP_BIND_MAX_PER_SECOND: "0",
  SMPP_REBIND_MIN_MS: "10",
  SMPP_REBIND_MAX_MS: "100",
};
const now = new Date("2026-11-25T02:00:00Z");
let t: TestDatabase;

beforeAll(async () => {
  t = await createTestDatabase();
  await seedDemo(t.db);
});
afterAll(async () => t.drop());
afterEach(async () => stopProcessGateway());

const admin = () => callerFor(t.db, "admin@bureau.example.com", { now });

describe("gateway router", () => {
  it("shows and configures the simulator of the process's own gateway, not another one on the machine", async () => {
    const a = await startGateway({ env: fast, logger: silentLogger });
    const b = await startGateway({ env: fast, logger: silentLogger });
    try {
      installProcessGateway(a);
      expect((await (await admin()).gateway.status()).simulator?.state?.port).toBe(a.simulator!.port);
      await (await admin()).gateway.configureSimulator({ throttleAbovePerSecond: 11 });
      expect(a.simulator!.state().settings.throttleAbovePerSecond).toBe(11);

      installProcessGateway(b);
      const status = await (await admin()).gateway.status();
      expect(status.simulator?.state?.port).toBe(b.simulator!.port);
      expect(status.simulator?.state?.settings.throttleAbovePerSecond).toBe(0);
      await b.pool.waitUntilBound({ timeoutMs: 5_000 });
      await expect((await admin()).gateway.dropConnections()).resolves.toEqual({ dropped: 1 });
      expect(b.simulator!.state().counters.connectionsDropped).toBe(1);
      expect(a.simulator!.state().counters.connectionsDropped).toBe(0);
      expect(await t.db.auditLog.count({ where: { action: { startsWith: "gateway.simulator." } } })).toBe(2);
    } finally {
      await a.close();
      await b.close();
    }
  });

  it("has no simulator controls when the upstream is a real SMSC", async () => {
    const smsc = await startSimulator({ port: 0 });
    const gateway = await startGateway({
      env: { ...fast, SMPP_URL: `smpp://127.0.0.1:${smsc.port}` },
      logger: silentLogger,
    });
    try {
      installProcessGateway(gateway);
      expect((await (await admin()).gateway.status()).simulator).toBeNull();
      expect(
        (await trpcError((await admin()).gateway.injectReply({ from: "13800138000", to: "10690000", text: "TD" })))
          .code,
      ).toBe("BAD_REQUEST");
    } finally {
      await gateway.close();
      await smsc.close();
    }
  });
});
