// Shapes the simulator reports, shared by the in-process API, the control endpoint and its client.
import { type ReceiptStat, type SimulatorSettings } from "./settings";

/** One submit_sm as the simulator received it. */
export interface SubmitRecord {
  /** The id it answered with; null when it refused the submit. */
  messageId: string | null;
  result: "accepted" | "throttled" | "refused";
  sessionId: number;
  sequenceNumber: number;
  source: string;
  destination: string;
  dataCoding: number;
  esmClass: number;
  registeredDelivery: number;
  /** short_message octets exactly as received, UDH included. */
  shortMessage: Buffer;
  receivedAt: Date;
}

/** A receipt or reply the client acknowledged. */
export interface DeliveryRecord {
  kind: "receipt" | "reply";
  messageId: string | null;
  stat: ReceiptStat | null;
  from: string;
  to: string;
  acknowledgedAt: Date;
}

export interface SimulatorSessionState {
  id: number;
  mode: "transceiver" | "transmitter" | "receiver" | null;
  pdusReceived: number;
  deliveriesInFlight: number;
}

export interface SimulatorCounters {
  bindsAccepted: number;
  bindsRefused: number;
  submitsReceived: number;
  submitsAccepted: number;
  submitsThrottled: number;
  responsesOmitted: number;
  connectionsDropped: number;
  unbindsReceived: number;
  receiptsAcknowledged: number;
  repliesAcknowledged: number;
  deliveryRetries: number;
}

export interface SimulatorState {
  listening: boolean;
  host: string;
  port: number;
  systemId: string;
  settings: SimulatorSettings;
  sessions: SimulatorSessionState[];
  /** Receipts not yet due. */
  scheduledReceipts: number;
  /** Receipts and replies due but not yet acknowledged (no bound receiver, or awaiting redelivery). */
  pendingDeliveries: number;
  counters: SimulatorCounters;
}

/** A SubmitRecord as JSON (the control endpoint): bytes as hex. */
export interface SubmitView extends Omit<SubmitRecord, "shortMessage" | "receivedAt"> {
  shortMessageHex: string;
  receivedAt: string;
}
