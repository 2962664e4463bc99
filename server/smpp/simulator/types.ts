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

/** The stat word of a receipt the simulator sends: an outcome, or ACCEPTD for an intermediate one. */
export type SentStat = ReceiptStat | "ACCEPTD";

/** A receipt (final, not intermediate) or reply the client acknowledged. */
export interface DeliveryRecord {
  kind: "receipt" | "reply";
  messageId: string | null;
  stat: ReceiptStat | null;
  from: string;
  to: string;
  acknowledgedAt: Date;
}

/**
 * One receipt deliver_sm as written (a redelivery is a new record), for comparing both ends.
 * result, updated as answers come: "in_flight" written, not answered yet; "acknowledged" answered
 * OK; "refused" answered with an error (or malformed) and to be sent again after
 * redeliveryDelayMs; "dropped" refused and never sent again (redeliverRefused false);
 * "redelivering" its connection went away unanswered, so it goes out again on the next bind.
 */
export interface SentReceiptRecord {
  messageId: string;
  stat: SentStat;
  intermediate: boolean;
  /** The handset: the receipt's source_addr (the submit's destination). */
  destination: string;
  /** Our address: the receipt's destination_addr (the submit's source). */
  source: string;
  sessionId: number;
  sentAt: Date;
  result: "acknowledged" | "refused" | "dropped" | "in_flight" | "redelivering";
}

/** A SentReceiptRecord as JSON (the control endpoint). */
export interface SentReceiptView extends Omit<SentReceiptRecord, "sentAt"> {
  sentAt: string;
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
  /** Receipts acknowledged, intermediate ones included. */
  receiptsAcknowledged: number;
  repliesAcknowledged: number;
  deliveryRetries: number;
  /** Receipt deliver_sm written, redeliveries included. */
  receiptsSent: number;
  /** Receipts the client answered with an error or a malformed response. */
  receiptsRefused: number;
  /** Receipts and replies refused and given up on (redeliverRefused false). */
  deliveriesDropped: number;
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
