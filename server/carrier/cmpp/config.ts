// A CMPP link's settings. The link table (issue 10 item 4) builds a CmppConfig per link; until then
// loadCmppConfig reads CMPP_* variables, with defaults that suit the local simulator (`npm run smsc`).
import { z } from "zod";
import { type CmppVersion } from "./codec/pdu";

const int = (min: number, max: number) => z.coerce.number().int().min(min).max(max);

export interface CmppConfig {
  host: string;
  port: number;
  version: CmppVersion;
  /** Source_Addr of CMPP_CONNECT: the SP's login (企业代码), at most 6 characters. */
  sourceAddr: string;
  /** The shared secret the gateway gave us. */
  secret: string;
  /** Msg_src of every submit: the SP id (usually the same as sourceAddr). */
  spId: string;
  /** Service_Id of every submit (业务代码), at most 10 characters. */
  serviceId: string;
  /** Src_Id when a segment names none: the access number (e.g. 1069xxxx), at most 21 digits. */
  srcId: string;
  /** FeeUserType / FeeType / FeeCode; bulk SMS is normally billed to the SP: 2 / "01" / "000000". */
  fee: { userType: number; type: string; code: string };
  connections: number;
  /** Submits outstanding per connection. */
  window: number;
  /** Segments per second per connection; 0 = none. */
  connectionMaxPerSecond: number;
  /** Segments per second for the whole link; 0 = only the per-connection limits. */
  linkMaxPerSecond: number;
  responseTimeoutMs: number;
  /** Silence after which an ACTIVE_TEST is sent. */
  activeTestMs: number;
  /** Unanswered ACTIVE_TESTs after which the connection is declared dead. */
  activeTestMaxMissed: number;
  reconnect: { minMs: number; maxMs: number };
  /** Pause of a connection after Result 8 (flow control). */
  throttlePauseMs: number;
  queueTimeoutMs: number;
}

const envSchema = z.object({
  CMPP_URL: z
    .string()
    .default("cmpp://127.0.0.1:7890")
    .refine((value) => /^cmpp:\/\/[^/:]+(:\d+)?\/?$/.test(value), "must look like cmpp://host:port"),
  CMPP_VERSION: z.enum(["3.0", "2.0"]).default("3.0"),
  CMPP_SOURCE_ADDR: z.string().min(1).max(6).default("901234"),
  CMPP_SECRET: z.string().max(64).default("secret"),
  CMPP_SP_ID: z.string().max(6).optional(),
  CMPP_SERVICE_ID: z.string().max(10).default("MQX0019901"),
  CMPP_SRC_ID: z
    .string()
    .regex(/^\d{1,21}$/, "digits, at most 21")
    .default("10690000"),
  CMPP_FEE_USER_TYPE: int(0, 3).default(2),
  CMPP_FEE_TYPE: z.string().max(2).default("01"),
  CMPP_FEE_CODE: z.string().max(6).default("000000"),
  CMPP_CONNECTIONS: int(1, 64).default(1),
  CMPP_WINDOW: int(1, 1000).default(16),
  CMPP_CONNECTION_MAX_PER_SECOND: int(0, 100_000).default(100),
  CMPP_LINK_MAX_PER_SECOND: int(0, 1_000_000).default(0),
  CMPP_RESPONSE_TIMEOUT_MS: int(10, 600_000).default(10_000),
  CMPP_ACTIVE_TEST_MS: int(10, 600_000).default(30_000),
  CMPP_ACTIVE_TEST_MAX_MISSED: int(1, 100).default(3),
  CMPP_RECONNECT_MIN_MS: int(1, 600_000).default(1_000),
  CMPP_RECONNECT_MAX_MS: int(1, 3_600_000).default(60_000),
  CMPP_THROTTLE_PAUSE_MS: int(1, 600_000).default(1_000),
  CMPP_QUEUE_TIMEOUT_MS: int(100, 86_400_000).default(120_000),
});

/** Checks a config built elsewhere (the link table) the way the env loader does. */
export function validateCmppConfig(config: CmppConfig): CmppConfig {
  const problems: string[] = [];
  if (!config.sourceAddr || config.sourceAddr.length > 6) problems.push("sourceAddr: 1-6 characters");
  if (config.spId.length > 6) problems.push("spId: at most 6 characters");
  if (config.serviceId.length > 10) problems.push("serviceId: at most 10 characters");
  if (!/^\d{1,21}$/.test(config.srcId)) problems.push("srcId: digits, at most 21");
  if (!Number.isInteger(config.window) || config.window < 1) problems.push("window: at least 1");
  if (!Number.isInteger(config.connections) || config.connections < 1) problems.push("connections: at least 1");
  if (config.reconnect.maxMs < config.reconnect.minMs) problems.push("reconnect.maxMs < reconnect.minMs");
  if (problems.length > 0) throw new Error(`Invalid CMPP configuration: ${problems.join("; ")}`);
  return config;
}

/** Reads CMPP_* variables (process.env by default). Throws with every problem listed. */
export function loadCmppConfig(env: Record<string, string | undefined> = process.env): CmppConfig {
  const parsed = envSchema.safeParse(env);
  if (!parsed.success) throw new Error(`Invalid CMPP configuration: ${z.prettifyError(parsed.error)}`);
  const e = parsed.data;
  const url = new URL(e.CMPP_URL.replace(/^cmpp:/, "http:"));
  return validateCmppConfig({
    host: url.hostname,
    port: url.port ? Number(url.port) : 7890,
    version: e.CMPP_VERSION,
    sourceAddr: e.CMPP_SOURCE_ADDR,
    secret: e.CMPP_SECRET,
    spId: e.CMPP_SP_ID ?? e.CMPP_SOURCE_ADDR,
    serviceId: e.CMPP_SERVICE_ID,
    srcId: e.CMPP_SRC_ID,
    fee: { userType: e.CMPP_FEE_USER_TYPE, type: e.CMPP_FEE_TYPE, code: e.CMPP_FEE_CODE },
    connections: e.CMPP_CONNECTIONS,
    window: e.CMPP_WINDOW,
    connectionMaxPerSecond: e.CMPP_CONNECTION_MAX_PER_SECOND,
    linkMaxPerSecond: e.CMPP_LINK_MAX_PER_SECOND,
    responseTimeoutMs: e.CMPP_RESPONSE_TIMEOUT_MS,
    activeTestMs: e.CMPP_ACTIVE_TEST_MS,
    activeTestMaxMissed: e.CMPP_ACTIVE_TEST_MAX_MISSED,
    reconnect: { minMs: e.CMPP_RECONNECT_MIN_MS, maxMs: e.CMPP_RECONNECT_MAX_MS },
    throttlePauseMs: e.CMPP_THROTTLE_PAUSE_MS,
    queueTimeoutMs: e.CMPP_QUEUE_TIMEOUT_MS,
  });
}
