// `npm run smsc` starts the SMSC simulator and its control endpoint; the subcommands talk to a
// running one through that endpoint.
//
//   npm run smsc [-- --port 2775 --control-port 2776 --receipt-delay-ms 1000
//                    --mix DELIVRD=90,UNDELIV=5,EXPIRED=3,REJECTD=2 --throttle-above 100 ...]
//   npm run smsc -- inject --from 13800138000 --to 10690000 --text TD
//   npm run smsc -- config --throttle-above 50 --drop-every 0 --refuse-binds false
//   npm run smsc -- state
//   npm run smsc -- drop
//
// Environment: SMSC_PORT (2775), SMSC_HOST (127.0.0.1), SMSC_CONTROL_PORT (2776),
// SMSC_CONTROL_URL (http://127.0.0.1:2776, for the subcommands), SMSC_SYSTEM_ID / SMSC_PASSWORD
// (default to SMPP_SYSTEM_ID / SMPP_PASSWORD, so the app's defaults bind without set-up),
// SMSC_CONTROL_SECRET: the control endpoint's secret. Unset, `start` makes up one and prints it;
// the subcommands (and an app using this simulator) need it in the environment or --secret.
// CMPP: CMPP_SIM_PORT (3.0) and CMPP2_SIM_PORT (2.0) start CMPP gateway simulators beside the SMSC
// (unset: none), accepting CMPP_SOURCE_ADDR / CMPP_SECRET (defaults 901234 / secret), driven at
// CMPP_SIM_CONTROL_PORT (default SMSC_CONTROL_PORT + 1) as /cmpp3/... and /cmpp2/... with the same secret
// (server/carrier/cmpp/simulator/control.ts).
import "../load-env";
import { parseArgs } from "node:util";
import { z } from "zod";
import { createSimulatorControlClient } from "../smpp/simulator/control-client";
import { generateControlSecret, startSimulatorControl } from "../smpp/simulator/control";
import { startSimulator } from "../smpp/simulator/server";
import { RECEIPT_STATS, type SimulatorSettingsPatch } from "../smpp/simulator/settings";
import { startCmppSimulators } from "../carrier/cmpp/simulator/cli";

const USAGE = `usage:
  npm run smsc [-- <settings>] [--port N] [--host H] [--control-port N] [--system-id S] [--password P]
  npm run smsc -- inject --from <handset> --to <our address> --text <text> [--control URL] [--secret S]
  npm run smsc -- config <settings> [--control URL] [--secret S]
  npm run smsc -- state [--control URL] [--secret S]
  npm run smsc -- drop [--control URL] [--secret S]
  (--secret defaults to SMSC_CONTROL_SECRET; start prints the one it uses)
settings:
  --receipt-delay-ms N  --receipt-jitter-ms N  --mix DELIVRD=90,UNDELIV=5,EXPIRED=3,REJECTD=2
  --receipt-tlvs true|false  --receipt-text-id same|decimal  --receipt-data-coding 0|8
  --throttle-above N/s  --drop-every N PDUs  --response-delay-ms N  --omit-every N
  --refuse-binds true|false  --redelivery-delay-ms N   (0 turns a fault off)
  as real SMSCs do: --receipt-before-response true|false  --redeliver-refused true|false
  --ids-restart true|false  --receipt-text-coding ascii|ucs2  --intermediate-receipts true|false`;

const env = z
  .object({
    SMSC_HOST: z.string().default("127.0.0.1"),
    SMSC_PORT: z.coerce.number().int().min(0).max(65535).default(2775),
    SMSC_CONTROL_PORT: z.coerce.number().int().min(0).max(65535).default(2776),
    SMSC_CONTROL_URL: z.string().url().optional(),
    SMSC_CONTROL_SECRET: z.string().optional(),
    SMPP_SYSTEM_ID: z.string().default("qixintong"),
    SMPP_PASSWORD: z.string().default("secret"),
    SMSC_SYSTEM_ID: z.string().optional(),
    SMSC_PASSWORD: z.string().optional(),
  })
  .parse(process.env);

const { values, positionals } = parseCommandLine();

const command = positionals[0] ?? "start";
const controlUrl = values.control ?? env.SMSC_CONTROL_URL ?? `http://127.0.0.1:${env.SMSC_CONTROL_PORT}`;
const controlSecret = values.secret ?? env.SMSC_CONTROL_SECRET;

function controlClient() {
  if (!controlSecret)
    throw new Error(`the control endpoint needs its secret: set SMSC_CONTROL_SECRET or pass --secret\n${USAGE}`);
  return createSimulatorControlClient({ url: controlUrl, secret: controlSecret });
}

try {
  if (values.help) console.log(USAGE);
  else if (command === "start") await start();
  else if (command === "inject") await inject();
  else if (command === "config") print(await controlClient().configure(settingsFromFlags()));
  else if (command === "state") print(await controlClient().state());
  else if (command === "drop") print(await controlClient().dropConnections());
  else throw new Error(`unknown command "${command}"\n${USAGE}`);
} catch (error) {
  console.error((error as Error).message);
  process.exit(1);
}

function parseCommandLine() {
  try {
    return parseArgs({
      allowPositionals: true,
      options: {
        port: { type: "string" },
        host: { type: "string" },
        "control-port": { type: "string" },
        control: { type: "string" },
        secret: { type: "string" },
        "system-id": { type: "string" },
        password: { type: "string" },
        from: { type: "string" },
        to: { type: "string" },
        text: { type: "string" },
        "receipt-delay-ms": { type: "string" },
        "receipt-jitter-ms": { type: "string" },
        mix: { type: "string" },
        "receipt-tlvs": { type: "string" },
        "receipt-text-id": { type: "string" },
        "receipt-data-coding": { type: "string" },
        "throttle-above": { type: "string" },
        "drop-every": { type: "string" },
        "response-delay-ms": { type: "string" },
        "omit-every": { type: "string" },
        "refuse-binds": { type: "string" },
        "redelivery-delay-ms": { type: "string" },
        "receipt-before-response": { type: "string" },
        "redeliver-refused": { type: "string" },
        "ids-restart": { type: "string" },
        "receipt-text-coding": { type: "string" },
        "intermediate-receipts": { type: "string" },
        help: { type: "boolean" },
      },
    });
  } catch (error) {
    console.error(`${(error as Error).message}\n${USAGE}`);
    process.exit(2);
  }
}

async function start(): Promise<void> {
  const simulator = await startSimulator({
    host: values.host ?? env.SMSC_HOST,
    port: values.port ? Number(values.port) : env.SMSC_PORT,
    systemId: values["system-id"] ?? env.SMSC_SYSTEM_ID ?? env.SMPP_SYSTEM_ID,
    password: values.password ?? env.SMSC_PASSWORD ?? env.SMPP_PASSWORD,
    settings: settingsFromFlags(),
  });
  const control = await startSimulatorControl(simulator, {
    port: values["control-port"] ? Number(values["control-port"]) : env.SMSC_CONTROL_PORT,
    secret: controlSecret ?? generateControlSecret(),
  });
  console.log(
    `SMSC simulator on smpp://${simulator.host}:${simulator.port} (system_id ${simulator.systemId}); control ${control.url}`,
  );
  // Printed only when made up here: the subcommands and the app need it as SMSC_CONTROL_SECRET.
  if (!controlSecret)
    console.log(`control secret (set SMSC_CONTROL_SECRET=${control.secret} for the subcommands and the app)`);
  const cmpp = await startCmppSimulators(process.env, control.secret, Number(env.SMSC_CONTROL_PORT) + 1);
  const stop = async () => {
    await cmpp?.close();
    await control.close();
    await simulator.close();
    process.exit(0);
  };
  process.once("SIGINT", () => void stop());
  process.once("SIGTERM", () => void stop());
}

async function inject(): Promise<void> {
  if (!values.from || !values.to || !values.text) throw new Error(`inject needs --from, --to and --text\n${USAGE}`);
  print(await controlClient().injectReply({ from: values.from, to: values.to, text: values.text }));
}

/** Only the flags given: the simulator validates the values (and reports what is wrong). */
function settingsFromFlags(): SimulatorSettingsPatch {
  const patch: Record<string, unknown> = {};
  const number = (flag: keyof typeof values, key: string) => {
    const value = values[flag];
    if (typeof value === "string") patch[key] = Number(value);
  };
  const boolean = (flag: keyof typeof values, key: string) => {
    const value = values[flag];
    if (typeof value === "string") patch[key] = value === "true" || value === "1" || value === "on";
  };
  number("receipt-delay-ms", "receiptDelayMs");
  number("receipt-jitter-ms", "receiptDelayJitterMs");
  number("receipt-data-coding", "receiptDataCoding");
  number("throttle-above", "throttleAbovePerSecond");
  number("drop-every", "dropConnectionEveryPdus");
  number("response-delay-ms", "responseDelayMs");
  number("omit-every", "omitResponseEvery");
  number("redelivery-delay-ms", "redeliveryDelayMs");
  boolean("receipt-tlvs", "receiptTlvs");
  boolean("refuse-binds", "refuseBinds");
  boolean("receipt-before-response", "receiptBeforeResponse");
  boolean("redeliver-refused", "redeliverRefused");
  boolean("ids-restart", "idsRestartAfterRestart");
  boolean("intermediate-receipts", "intermediateReceipts");
  if (values["receipt-text-coding"]) patch.receiptTextCoding = values["receipt-text-coding"];
  if (values["receipt-text-id"]) patch.receiptTextId = values["receipt-text-id"];
  if (values.mix) patch.outcomeMix = parseMix(values.mix);
  return patch as SimulatorSettingsPatch;
}

function parseMix(text: string): Record<string, number> {
  const mix: Record<string, number> = {};
  for (const pair of text.split(",")) {
    const [stat, weight] = pair.split("=");
    if (!stat || !(RECEIPT_STATS as readonly string[]).includes(stat.toUpperCase()) || weight === undefined) {
      throw new Error(`--mix: expected STAT=weight with STAT one of ${RECEIPT_STATS.join(", ")}; got "${pair}"`);
    }
    mix[stat.toUpperCase()] = Number(weight);
  }
  return mix;
}

function print(value: unknown): void {
  console.log(JSON.stringify(value, null, 2));
}
