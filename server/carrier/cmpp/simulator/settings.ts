// What the CMPP gateway simulator does, switchable while it runs (in-process, over its control
// endpoint: POST /cmpp3/config or /cmpp2/config). One zod schema validates both.
import { z } from "zod";
import { RECEIPT_STATS, SettingsError, outcomeMixSchema } from "../../../smpp/simulator/settings";

export { RECEIPT_STATS, SettingsError };

const count = z.number().int().min(0);

export const cmppSimulatorSettingsSchema = z.object({
  /** Time from accepting a submit to sending its status report. */
  receiptDelayMs: count.max(86_400_000),
  receiptDelayJitterMs: count.max(86_400_000),
  /** Relative weights of report outcomes (DELIVRD / UNDELIV / EXPIRED / REJECTD). */
  outcomeMix: outcomeMixSchema,
  /** Answer Result 8 (flow control) above this many submits per second, all connections; 0 = never. */
  throttleAbovePerSecond: count,
  /** Drop a connection (no answer to the PDU) after every N PDUs it sent us; 0 = never. */
  dropConnectionEveryPdus: count,
  /** Delay every SUBMIT_RESP by this much. */
  responseDelayMs: count.max(600_000),
  /** Accept but never answer every Nth submit; 0 = answer all. */
  omitResponseEvery: count,
  /** Refuse every CONNECT with this Status (1 structure, 2 source address, 3 authentication, 4 version); 0 = accept. */
  refuseConnectStatus: count.max(255),
  /** Write the Msg_Id inside status reports little-endian, as some gateways do. */
  reportMsgIdLittleEndian: z.boolean(),
  /** Send a report or reply again after this long when the client answered it with a non-zero Result. */
  redeliveryDelayMs: count.max(600_000),
});

export type CmppSimulatorSettings = z.infer<typeof cmppSimulatorSettingsSchema>;
export type CmppSimulatorSettingsPatch = Partial<z.input<typeof cmppSimulatorSettingsSchema>>;

export const DEFAULT_CMPP_SIMULATOR_SETTINGS: CmppSimulatorSettings = {
  receiptDelayMs: 1000,
  receiptDelayJitterMs: 0,
  outcomeMix: { DELIVRD: 90, UNDELIV: 5, EXPIRED: 3, REJECTD: 2 },
  throttleAbovePerSecond: 0,
  dropConnectionEveryPdus: 0,
  responseDelayMs: 0,
  omitResponseEvery: 0,
  refuseConnectStatus: 0,
  reportMsgIdLittleEndian: false,
  redeliveryDelayMs: 1000,
};

export function applyCmppSettingsPatch(current: CmppSimulatorSettings, patch: unknown): CmppSimulatorSettings {
  const parsed = cmppSimulatorSettingsSchema.partial().strict().safeParse(patch);
  if (!parsed.success) throw new SettingsError(z.prettifyError(parsed.error));
  const defined = Object.fromEntries(Object.entries(parsed.data).filter(([, v]) => v !== undefined));
  return { ...current, ...defined } as CmppSimulatorSettings;
}

export const cmppReplySchema = z.object({
  /** The handset replying. */
  from: z.string().regex(/^\d{1,21}$/),
  /** Our number it replies to: the access number plus an extension. */
  to: z.string().regex(/^\d{1,21}$/),
  text: z.string().min(1).max(2000),
});

export type CmppReplyInjection = z.infer<typeof cmppReplySchema>;
