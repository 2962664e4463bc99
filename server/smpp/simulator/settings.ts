// What the simulator does, switchable while it runs (programmatically, over its control endpoint,
// or from `npm run smsc -- config ...`). One zod schema validates all three.
import { z } from "zod";

export const RECEIPT_STATS = ["DELIVRD", "UNDELIV", "EXPIRED", "REJECTD"] as const;
export type ReceiptStat = (typeof RECEIPT_STATS)[number];

const count = z.number().int().min(0);

export const outcomeMixSchema = z
  .object({
    DELIVRD: z.number().min(0).default(0),
    UNDELIV: z.number().min(0).default(0),
    EXPIRED: z.number().min(0).default(0),
    REJECTD: z.number().min(0).default(0),
  })
  .refine((mix) => RECEIPT_STATS.some((stat) => mix[stat] > 0), "at least one outcome needs a weight above 0");

export const simulatorSettingsSchema = z.object({
  /** Time from accepting a submit to sending its receipt. */
  receiptDelayMs: count.max(86_400_000),
  /** Up to this much more, at random, so receipts do not arrive in submit order. */
  receiptDelayJitterMs: count.max(86_400_000),
  /** Relative weights of receipt outcomes. */
  outcomeMix: outcomeMixSchema,
  /** Put receipted_message_id and message_state TLVs on receipts (else text only). */
  receiptTlvs: z.boolean(),
  /** The id written in receipt text: as in submit_sm_resp (hex), or its decimal value (a common quirk). */
  receiptTextId: z.enum(["same", "decimal"]),
  /** data_coding of receipts: 0 (ASCII text) or 8 (UCS-2 text, as some SMSCs send). */
  receiptDataCoding: z.union([z.literal(0), z.literal(8)]),
  /** Answer ESME_RTHROTTLED above this many submit_sm per second for the account; 0 = never. */
  throttleAbovePerSecond: count,
  /** Drop a connection (no response to the last PDU) after every N PDUs it sent us; 0 = never. */
  dropConnectionEveryPdus: count,
  /** Delay every submit_sm_resp by this much. */
  responseDelayMs: count.max(600_000),
  /** Accept but never answer every Nth submit_sm; 0 = answer all. */
  omitResponseEvery: count,
  /** Answer every bind with ESME_RBINDFAIL. */
  refuseBinds: z.boolean(),
  /** Wait before resending a receipt or reply the client refused or never acknowledged. */
  redeliveryDelayMs: count.max(600_000),
  /**
   * Write an accepted submit's receipt (and its intermediate one) at once, BEFORE its
   * submit_sm_resp, which follows right after (or after responseDelayMs), as fast SMSCs do.
   */
  receiptBeforeResponse: z.boolean(),
  /**
   * Send a receipt or reply again (after redeliveryDelayMs) when the client answers it with a
   * non-zero command_status, a generic_nack or a malformed deliver_sm_resp; false drops it for good,
   * as some real SMSCs do. Deliveries unanswered on a lost connection go out again either way.
   */
  redeliverRefused: z.boolean(),
  /** restart() starts message ids again from the first one, so ids repeat across restarts. */
  idsRestartAfterRestart: z.boolean(),
  /**
   * How receipt text is written: "ascii" or "ucs2", whatever receiptDataCoding says (e.g. 8 with
   * ASCII text, as an SMSC echoing the submit's coding does); null follows receiptDataCoding.
   */
  receiptTextCoding: z.enum(["ascii", "ucs2"]).nullable(),
  /** Before the final receipt, an intermediate one (stat:ACCEPTD, message_state 6) on acceptance. */
  intermediateReceipts: z.boolean(),
});

export type SimulatorSettings = z.infer<typeof simulatorSettingsSchema>;
export type SimulatorSettingsPatch = Partial<z.input<typeof simulatorSettingsSchema>>;

export const DEFAULT_SIMULATOR_SETTINGS: SimulatorSettings = {
  receiptDelayMs: 1000,
  receiptDelayJitterMs: 0,
  outcomeMix: { DELIVRD: 90, UNDELIV: 5, EXPIRED: 3, REJECTD: 2 },
  receiptTlvs: true,
  receiptTextId: "same",
  receiptDataCoding: 0,
  throttleAbovePerSecond: 0,
  dropConnectionEveryPdus: 0,
  responseDelayMs: 0,
  omitResponseEvery: 0,
  refuseBinds: false,
  redeliveryDelayMs: 1000,
  receiptBeforeResponse: false,
  redeliverRefused: true,
  idsRestartAfterRestart: false,
  receiptTextCoding: null,
  intermediateReceipts: false,
};

/** Settings with a patch applied; throws a readable error when the patch is invalid. */
export function applySettingsPatch(current: SimulatorSettings, patch: unknown): SimulatorSettings {
  const parsed = simulatorSettingsSchema.partial().strict().safeParse(patch);
  if (!parsed.success) throw new SettingsError(z.prettifyError(parsed.error));
  return { ...current, ...stripUndefined(parsed.data) };
}

export class SettingsError extends Error {
  override name = "SettingsError";
}

export const replyInjectionSchema = z.object({
  /** The handset replying, e.g. 13800138000. */
  from: z.string().min(1).max(20),
  /** Our address it replies to, e.g. the 106 number. */
  to: z.string().min(1).max(20),
  text: z.string().min(1).max(2000),
});

export type ReplyInjection = z.infer<typeof replyInjectionSchema>;

function stripUndefined<T extends object>(value: T): Partial<T> {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as Partial<T>;
}
