// What `npm run smsc` starts for CMPP, from the environment: a 3.0 simulator on CMPP_SIM_PORT and a
// 2.0 one on CMPP2_SIM_PORT (either, both or none), and one control endpoint for them.
import { z } from "zod";
import { startCmppSimulatorControl } from "./control";
import { type CmppSimulator, startCmppSimulator } from "./server";

const port = z.coerce.number().int().min(0).max(65535);
const envSchema = z.object({
  SMSC_HOST: z.string().default("127.0.0.1"),
  CMPP_SIM_PORT: port.optional(),
  CMPP2_SIM_PORT: port.optional(),
  CMPP_SIM_CONTROL_PORT: port.optional(),
  CMPP_SOURCE_ADDR: z.string().min(1).max(6).default("901234"),
  CMPP_SECRET: z.string().default("secret"),
  CMPP_SIM_RECEIPT_DELAY_MS: z.coerce.number().int().min(0).default(1000),
});

/** Null when neither port is set. Prints where each listens. */
export async function startCmppSimulators(
  env: Record<string, string | undefined>,
  secret: string,
  defaultControlPort: number,
): Promise<{ close(): Promise<void> } | null> {
  const e = envSchema.parse(env);
  const simulators: Record<string, CmppSimulator> = {};
  for (const [name, version, listen] of [
    ["cmpp3", "3.0", e.CMPP_SIM_PORT],
    ["cmpp2", "2.0", e.CMPP2_SIM_PORT],
  ] as const) {
    if (listen === undefined) continue;
    simulators[name] = await startCmppSimulator({
      host: e.SMSC_HOST,
      port: listen,
      version,
      sourceAddr: e.CMPP_SOURCE_ADDR,
      secret: e.CMPP_SECRET,
      settings: { receiptDelayMs: e.CMPP_SIM_RECEIPT_DELAY_MS },
    });
  }
  const all = Object.entries(simulators);
  if (all.length === 0) return null;
  const control = await startCmppSimulatorControl(simulators, {
    port: e.CMPP_SIM_CONTROL_PORT ?? defaultControlPort,
    secret,
  });
  for (const [name, sim] of all)
    console.log(
      `CMPP ${sim.version} simulator on cmpp://${sim.host}:${sim.port} (Source_Addr ${sim.sourceAddr}); control ${control.url}/${name}`,
    );
  return {
    close: async () => {
      await control.close();
      await Promise.all(all.map(([, sim]) => sim.close()));
    },
  };
}
