// SMPP account settings from the environment, validated once. Defaults suit the local simulator
// (`npm run smsc`), whose defaults read the same SMPP_SYSTEM_ID / SMPP_PASSWORD.
import { z } from "zod";
import { type MessageIdFormats } from "./codec/message-id";

const int = (min: number, max: number) => z.coerce.number().int().min(min).max(max);
const idFormat = z.enum(["text", "hex", "decimal"]);

const envSchema = z.object({
  /** smpp://host:port of the SMSC. */
  SMPP_URL: z
    .string()
    .default("smpp://127.0.0.1:2775")
    .refine((value) => /^smpp:\/\/[^/:]+(:\d+)?\/?$/.test(value), "must look like smpp://host:port"),
  SMPP_SYSTEM_ID: z.string().min(1).max(15).default("qixintong"),
  SMPP_PASSWORD: z.string().max(8).default("secret"),
  SMPP_SYSTEM_TYPE: z.string().max(12).default(""),
  SMPP_SERVICE_TYPE: z.string().max(5).default(""),
  /** Our sending number (e.g. a 106 code), used when a segment names none. */
  SMPP_SOURCE_ADDR: z.string().max(20).default("10690000"),
  SMPP_SOURCE_TON: int(0, 6).default(0),
  SMPP_SOURCE_NPI: int(0, 18).default(0),
  SMPP_DEST_TON: int(0, 6).default(0),
  SMPP_DEST_NPI: int(0, 18).default(1),
  SMPP_BINDS: int(1, 64).default(1),
  /** Requests outstanding per bind. */
  SMPP_WINDOW: int(1, 1000).default(10),
  /** Segments per second per bind; 0 = no limit. */
  SMPP_BIND_MAX_PER_SECOND: int(0, 100_000).default(100),
  /** Segments per second for the whole account (all binds); 0 = only the per-bind limits apply. */
  SMPP_ACCOUNT_MAX_PER_SECOND: int(0, 1_000_000).default(0),
  SMPP_RESPONSE_TIMEOUT_MS: int(10, 600_000).default(10_000),
  /** Silence after which an enquire_link is sent. */
  SMPP_ENQUIRE_LINK_MS: int(10, 600_000).default(30_000),
  /** Unanswered enquire_links after which the link is declared dead. */
  SMPP_ENQUIRE_LINK_MAX_MISSED: int(1, 100).default(2),
  SMPP_REBIND_MIN_MS: int(1, 600_000).default(1_000),
  SMPP_REBIND_MAX_MS: int(1, 3_600_000).default(60_000),
  /** Pause of a link after ESME_RTHROTTLED / ESME_RMSGQFUL. */
  SMPP_THROTTLE_PAUSE_MS: int(1, 600_000).default(1_000),
  /** A segment no bind could send in this time is handed back as rejected (retryable). */
  SMPP_QUEUE_TIMEOUT_MS: int(100, 86_400_000).default(120_000),
  /** How the SMSC writes message ids: in submit_sm_resp, in the receipt TLV, in the receipt text. */
  SMPP_ID_FORMAT_SUBMIT: idFormat.default("text"),
  SMPP_ID_FORMAT_RECEIPT_TLV: idFormat.optional(),
  SMPP_ID_FORMAT_RECEIPT_TEXT: idFormat.optional(),
  /** Zone of the dates in receipt text, minutes east of UTC. */
  SMPP_RECEIPT_UTC_OFFSET_MINUTES: int(-720, 840).default(480),
});

export interface SmppConfig {
  host: string;
  port: number;
  systemId: string;
  password: string;
  systemType: string;
  serviceType: string;
  source: { address: string; ton: number; npi: number };
  destination: { ton: number; npi: number };
  binds: number;
  window: number;
  bindMaxPerSecond: number;
  accountMaxPerSecond: number;
  responseTimeoutMs: number;
  enquireLinkMs: number;
  enquireLinkMaxMissed: number;
  rebind: { minMs: number; maxMs: number };
  throttlePauseMs: number;
  queueTimeoutMs: number;
  messageIdFormats: MessageIdFormats;
  receiptUtcOffsetMinutes: number;
}

/** Reads SMPP_* variables (process.env by default). Throws with every problem listed. */
export function loadSmppConfig(env: Record<string, string | undefined> = process.env): SmppConfig {
  const parsed = envSchema.safeParse(env);
  if (!parsed.success) throw new Error(`Invalid SMPP configuration: ${z.prettifyError(parsed.error)}`);
  const e = parsed.data;
  const url = new URL(e.SMPP_URL);
  if (e.SMPP_REBIND_MAX_MS < e.SMPP_REBIND_MIN_MS)
    throw new Error("Invalid SMPP configuration: SMPP_REBIND_MAX_MS < SMPP_REBIND_MIN_MS");
  return {
    host: url.hostname,
    port: url.port ? Number(url.port) : 2775,
    systemId: e.SMPP_SYSTEM_ID,
    password: e.SMPP_PASSWORD,
    systemType: e.SMPP_SYSTEM_TYPE,
    serviceType: e.SMPP_SERVICE_TYPE,
    source: { address: e.SMPP_SOURCE_ADDR, ton: e.SMPP_SOURCE_TON, npi: e.SMPP_SOURCE_NPI },
    destination: { ton: e.SMPP_DEST_TON, npi: e.SMPP_DEST_NPI },
    binds: e.SMPP_BINDS,
    window: e.SMPP_WINDOW,
    bindMaxPerSecond: e.SMPP_BIND_MAX_PER_SECOND,
    accountMaxPerSecond: e.SMPP_ACCOUNT_MAX_PER_SECOND,
    responseTimeoutMs: e.SMPP_RESPONSE_TIMEOUT_MS,
    enquireLinkMs: e.SMPP_ENQUIRE_LINK_MS,
    enquireLinkMaxMissed: e.SMPP_ENQUIRE_LINK_MAX_MISSED,
    rebind: { minMs: e.SMPP_REBIND_MIN_MS, maxMs: e.SMPP_REBIND_MAX_MS },
    throttlePauseMs: e.SMPP_THROTTLE_PAUSE_MS,
    queueTimeoutMs: e.SMPP_QUEUE_TIMEOUT_MS,
    messageIdFormats: {
      submitResponse: e.SMPP_ID_FORMAT_SUBMIT,
      // The receipt TLV carries the id the SMSC returned at submit: same notation unless told otherwise.
      receiptTlv: e.SMPP_ID_FORMAT_RECEIPT_TLV ?? e.SMPP_ID_FORMAT_SUBMIT,
      receiptText: e.SMPP_ID_FORMAT_RECEIPT_TEXT ?? e.SMPP_ID_FORMAT_SUBMIT,
    },
    receiptUtcOffsetMinutes: e.SMPP_RECEIPT_UTC_OFFSET_MINUTES,
  };
}
