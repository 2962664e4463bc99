// The pipeline's side of the process gateway (server/smpp/gateway.ts): the first use starts the
// gateway if this process has none yet (e.g. `npm run worker`) and connects its receipts and
// replies to the carrier inbox (./inbox.ts), once per gateway.
import type { Db } from "../db";
import { type SmppGateway, ensureProcessGateway } from "../smpp/gateway";
import { sendingConfig } from "./config";
import { type CarrierInbox, type CarrierInboxOptions, connectGateway } from "./inbox";

const connected = ((
  globalThis as unknown as { qxtConnectedGateways?: WeakMap<SmppGateway, CarrierInbox> }
).qxtConnectedGateways ??= new WeakMap());

/** The process's gateway, connected to the pipeline. */
export async function sendingGateway(db: Db): Promise<SmppGateway> {
  const gateway = await ensureProcessGateway();
  connectPipeline(gateway, db);
  return gateway;
}

/** Connects a gateway's receipts and replies to the pipeline, once; returns its carrier inbox. */
export function connectPipeline(
  gateway: SmppGateway,
  db: Db,
  options: Partial<CarrierInboxOptions> = {},
): CarrierInbox {
  let inbox = connected.get(gateway);
  if (!inbox) {
    const config = sendingConfig();
    inbox = connectGateway(gateway, db, {
      windowMs: config.receiptTimeoutMs,
      parallel: config.receiptBatches,
      sweepMs: config.inboxSweepMs,
      ...options,
    });
    connected.set(gateway, inbox);
  }
  return inbox;
}
