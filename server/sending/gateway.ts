// The pipeline's side of the process gateway (server/smpp/gateway.ts): the first use starts the
// gateway if this process has none yet (e.g. `npm run worker`) and connects its receipts and
// replies to the database, once per gateway.
import type { Db } from "../db";
import { type SmppGateway, ensureProcessGateway } from "../smpp/gateway";
import { sendingConfig } from "./config";
import { type ReceiptApplier, connectGateway } from "./inbound";

const connected = ((globalThis as unknown as { qxtConnectedGateways?: WeakMap<SmppGateway, ReceiptApplier> }).qxtConnectedGateways ??= new WeakMap());

/** The process's gateway, connected to the pipeline. */
export async function sendingGateway(db: Db): Promise<SmppGateway> {
  const gateway = await ensureProcessGateway();
  connectPipeline(gateway, db);
  return gateway;
}

/** Connects a gateway's receipts and replies to the pipeline, once; returns its receipt applier. */
export function connectPipeline(gateway: SmppGateway, db: Db, options: { maxBatch?: number; parallel?: number } = {}): ReceiptApplier {
  let applier = connected.get(gateway);
  if (!applier) {
    const config = sendingConfig();
    applier = connectGateway(gateway, db, { adoptWindowMs: config.receiptTimeoutMs, parallel: config.receiptBatches, ...options });
    connected.set(gateway, applier);
  }
  return applier;
}
