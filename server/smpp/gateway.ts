// The process-wide SMS gateway: one SMPP pool per process, and the carrier simulator in-process
// when no real SMSC is configured.
//
//   SMPP_URL set      the pool binds to that SMSC; no simulator.
//   SMPP_URL unset    the simulator starts on SMSC_HOST:SMSC_PORT (127.0.0.1:2775) with its control
//                     endpoint on 127.0.0.1:SMSC_CONTROL_PORT (2776), secret SMSC_CONTROL_SECRET (else
//                     a random one), and the pool binds to it. If the port is taken (`npm run smsc`,
//                     or another process of the app already runs one), the pool uses that simulator
//                     instead of starting a second one; its controls are this process's only if
//                     SMSC_CONTROL_SECRET says so (at SMSC_CONTROL_URL, else 127.0.0.1:SMSC_CONTROL_PORT).
//   SMPP_GATEWAY=off  no gateway in this process (e.g. a web process that sends nothing).
//
// Receipts and reply parts go to the inbound handlers the pipeline installs (setInbound: the
// durable carrier inbox, server/sending/inbox.ts). Until it has, they wait unacknowledged (never
// refused: real SMSCs do not reliably deliver a refused one again); the SMSC's delivery window
// holds back the rest, and if the link drops meanwhile the SMSC delivers them again on the next bind.
// The pool is registered with server/smpp/registry.ts so that /bureau/gateway shows live binds.
import { type SmppConfig, loadSmppConfig } from "./config";
import { type DeliveryReceipt } from "./codec/receipt";
import { type ReplyPart } from "./codec/reply";
import { type DeliveryMeta, type SmppPool, createSmppPool } from "./pool/pool";
import { type SmppLogger, consoleLogger } from "./pool/types";
import { registerProcessPool } from "./registry";
import { type SimulatorControl, type SimulatorControlAccess, startSimulatorControl } from "./simulator/control";
import { type Simulator, startSimulator } from "./simulator/server";
import { type SimulatorSettingsPatch } from "./simulator/settings";
import { z } from "zod";

/** Where receipts and reply parts go. The SMSC's deliver_sm is acknowledged when these resolve. */
export interface GatewayInbound {
  receipt(receipt: DeliveryReceipt, meta: DeliveryMeta & { link: string }): void | Promise<void>;
  /** A reply part (a short reply is one part); long replies are put together by the handler. */
  replyPart(part: ReplyPart, meta: DeliveryMeta & { link: string }): void | Promise<void>;
  /** Called when the gateway closes, after the pool (no more deliveries come). */
  close?(): Promise<void>;
}

export interface SmppGateway {
  readonly config: SmppConfig;
  readonly pool: SmppPool;
  /** The simulator this process started, or null (a real SMSC, or one started elsewhere). */
  readonly simulator: Simulator | null;
  /**
   * The control endpoint of the simulator this process uses (what /bureau/gateway talks to) and its
   * secret, or null: a real SMSC, or a simulator of another process whose secret it was not given.
   */
  readonly simulatorControl: SimulatorControlAccess | null;
  setInbound(inbound: GatewayInbound | null): void;
  close(options?: { timeoutMs?: number }): Promise<void>;
}

const gatewayEnvSchema = z.object({
  SMPP_URL: z.string().optional(),
  SMPP_GATEWAY: z.enum(["on", "off", "1", "0", "true", "false", ""]).optional(),
  SMSC_HOST: z.string().default("127.0.0.1"),
  SMSC_PORT: z.coerce.number().int().min(0).max(65535).default(2775),
  SMSC_CONTROL_PORT: z.coerce.number().int().min(0).max(65535).default(2776),
  SMSC_CONTROL_URL: z.string().url().optional(),
  SMSC_CONTROL_SECRET: z.string().optional(),
});

export interface GatewayOptions {
  /** Defaults to process.env. */
  env?: Record<string, string | undefined>;
  inbound?: GatewayInbound;
  logger?: SmppLogger;
  /** Settings of an in-process simulator (tests, benchmarks). */
  simulatorSettings?: SimulatorSettingsPatch;
  /** Overrides of the pool configuration read from the environment (tests, benchmarks). */
  config?: Partial<SmppConfig>;
}

/** True unless SMPP_GATEWAY turns the gateway off for this process. */
export function gatewayEnabled(env: Record<string, string | undefined> = process.env): boolean {
  const value = env.SMPP_GATEWAY;
  return !(value === "off" || value === "0" || value === "false");
}

/** Starts a gateway (not registered as the process's: see ensureProcessGateway). */
export async function startGateway(options: GatewayOptions = {}): Promise<SmppGateway> {
  const env = options.env ?? process.env;
  const parsed = gatewayEnvSchema.safeParse(env);
  if (!parsed.success) throw new Error(`Invalid gateway configuration: ${z.prettifyError(parsed.error)}`);
  const e = parsed.data;
  const log = options.logger ?? consoleLogger;

  let simulator: Simulator | null = null;
  let control: SimulatorControl | null = null;
  let simulatorControl: SimulatorControlAccess | null = null;
  let config: SmppConfig;
  if (e.SMPP_URL) {
    config = { ...loadSmppConfig(env), ...options.config };
  } else {
    const base = loadSmppConfig(env);
    simulator = await startSimulatorUnlessRunning(
      {
        host: e.SMSC_HOST,
        port: e.SMSC_PORT,
        systemId: base.systemId,
        password: base.password,
        settings: options.simulatorSettings,
      },
      log,
    );
    if (simulator) {
      control = await startSimulatorControl(simulator, {
        port: e.SMSC_CONTROL_PORT,
        secret: e.SMSC_CONTROL_SECRET,
      }).catch((error: unknown) => {
        log.warn("simulator control endpoint not started", { error: (error as Error).message });
        return null;
      });
      simulatorControl = control && { url: control.url, secret: control.secret };
      log.info(
        `carrier simulator on smpp://${simulator.host}:${simulator.port}${control ? `, control ${control.url}` : ""}`,
      );
    } else if (e.SMSC_CONTROL_SECRET) {
      simulatorControl = {
        url: e.SMSC_CONTROL_URL ?? `http://127.0.0.1:${e.SMSC_CONTROL_PORT}`,
        secret: e.SMSC_CONTROL_SECRET,
      };
    }
    config = { ...base, host: e.SMSC_HOST, port: simulator?.port ?? e.SMSC_PORT, ...options.config };
  }

  let inbound: GatewayInbound | null = options.inbound ?? null;
  let waiters: (() => void)[] = [];
  let shuttingDown = false;
  const wakeAll = () => {
    const woken = waiters;
    waiters = [];
    for (const wake of woken) wake();
  };
  const connected = async (): Promise<GatewayInbound> => {
    while (!inbound) {
      // Closing without a pipeline: left unacknowledged, the SMSC delivers it again elsewhere.
      if (shuttingDown) throw new Error("gateway closed before the pipeline was connected");
      await new Promise<void>((resolve) => waiters.push(resolve));
    }
    return inbound;
  };
  const link = (bind: number) => `smpp:${config.systemId}#${bind}`;
  const pool = createSmppPool({
    config,
    logger: log,
    onReceipt: async (receipt, meta) => (await connected()).receipt(receipt, { ...meta, link: link(meta.bind) }),
    onReplyPart: async (part, meta) => (await connected()).replyPart(part, { ...meta, link: link(meta.bind) }),
  });

  let closing: Promise<void> | null = null;
  return {
    config,
    pool,
    simulator,
    simulatorControl,
    setInbound(next) {
      inbound = next;
      if (next) wakeAll();
    },
    close(closeOptions) {
      closing ??= (async () => {
        shuttingDown = true;
        wakeAll();
        await pool.close(closeOptions);
        await inbound?.close?.();
        await control?.close();
        await simulator?.close();
      })();
      return closing;
    },
  };
}

async function startSimulatorUnlessRunning(
  options: { host: string; port: number; systemId: string; password: string; settings?: SimulatorSettingsPatch },
  log: SmppLogger,
): Promise<Simulator | null> {
  try {
    return await startSimulator(options);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "EADDRINUSE") throw error;
    log.info(`smpp://${options.host}:${options.port} is already taken: using the simulator that listens there`);
    return null;
  }
}

const holder = globalThis as unknown as { qxtGateway?: Promise<SmppGateway> };

/**
 * The process's gateway, started on first use and kept on globalThis (Next's dev server may load
 * this module more than once). Its pool is what /bureau/gateway shows.
 */
export function ensureProcessGateway(options: GatewayOptions = {}): Promise<SmppGateway> {
  holder.qxtGateway ??= startGateway(options).then(
    (gateway) => {
      registerProcessPool(gateway.pool);
      return gateway;
    },
    (error: unknown) => {
      holder.qxtGateway = undefined;
      throw error;
    },
  );
  return holder.qxtGateway;
}

/** Makes an already started gateway the process's (tests and benchmarks bring their own). */
export function installProcessGateway(gateway: SmppGateway): void {
  holder.qxtGateway = Promise.resolve(gateway);
  registerProcessPool(gateway.pool);
}

/** The process's gateway if one was started, else null (without starting one). */
export function processGateway(): Promise<SmppGateway> | null {
  return holder.qxtGateway ?? null;
}

/**
 * The controls of the simulator this process sends to, for the back office: its gateway's; with no
 * gateway here (SMPP_GATEWAY=off, `npm run worker` holds it) a simulator named by SMSC_CONTROL_SECRET
 * (and SMSC_CONTROL_URL / SMSC_CONTROL_PORT); null with a real SMSC (SMPP_URL) or nothing known.
 */
export async function processSimulatorControl(
  env: Record<string, string | undefined> = process.env,
): Promise<SimulatorControlAccess | null> {
  const gateway = processGateway();
  if (gateway) return (await gateway.catch(() => null))?.simulatorControl ?? null;
  const e = gatewayEnvSchema.parse(env);
  if (e.SMPP_URL || !e.SMSC_CONTROL_SECRET) return null;
  return { url: e.SMSC_CONTROL_URL ?? `http://127.0.0.1:${e.SMSC_CONTROL_PORT}`, secret: e.SMSC_CONTROL_SECRET };
}

/** Closes the process's gateway (in-flight submissions get up to timeoutMs to be answered). */
export async function stopProcessGateway(options?: { timeoutMs?: number }): Promise<void> {
  const gateway = holder.qxtGateway;
  holder.qxtGateway = undefined;
  registerProcessPool(undefined);
  if (gateway) await (await gateway).close(options);
}
