// Client of the simulator's control endpoint, for the CLI and the back office. Plain fetch: safe
// to import from server code that must not open SMPP sockets itself.
import type { SimulatorControlAccess } from "./control";
import { type ReplyInjection, type SimulatorSettings, type SimulatorSettingsPatch } from "./settings";
import { type SentReceiptView, type SimulatorState, type SubmitView } from "./types";

export const DEFAULT_SIMULATOR_CONTROL_URL = "http://127.0.0.1:2776";

export interface SimulatorControlClient {
  state(): Promise<SimulatorState>;
  submits(limit?: number): Promise<SubmitView[]>;
  receiptsSent(limit?: number): Promise<SentReceiptView[]>;
  configure(patch: SimulatorSettingsPatch): Promise<SimulatorSettings>;
  injectReply(reply: ReplyInjection): Promise<{ parts: number }>;
  dropConnections(): Promise<{ dropped: number }>;
}

/** A client of the endpoint at `access.url`, sending `access.secret` with every call. */
export function createSimulatorControlClient(access: SimulatorControlAccess): SimulatorControlClient {
  const call = async <T>(method: "GET" | "POST", path: string, body?: unknown): Promise<T> => {
    const response = await fetch(new URL(path, access.url), {
      method,
      headers: {
        authorization: `Bearer ${access.secret}`,
        ...(body === undefined ? {} : { "content-type": "application/json" }),
      },
      body: body === undefined ? undefined : JSON.stringify(body),
      signal: AbortSignal.timeout(5_000),
    });
    const payload = (await response.json()) as T & { error?: string };
    if (!response.ok)
      throw new Error(`simulator control ${method} ${path}: ${response.status} ${payload.error ?? ""}`.trim());
    return payload;
  };
  return {
    state: () => call("GET", "/state"),
    submits: (limit = 100) => call("GET", `/submits?limit=${limit}`),
    receiptsSent: (limit = 100) => call("GET", `/receipts?limit=${limit}`),
    configure: (patch) => call("POST", "/config", patch),
    injectReply: (reply) => call("POST", "/replies", reply),
    dropConnections: () => call("POST", "/connections/drop"),
  };
}
