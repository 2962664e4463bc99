// What the sending pipeline hands the pool and what it gets back. See server/smpp/index.ts.

/** One SMS segment to submit: exactly one submit_sm. */
export interface SegmentSubmission {
  /** The caller's stable key for this segment (e.g. `${messageId}:${sequence}`); outcomes carry it back. */
  segmentKey: string;
  destination: string;
  /** Our sending address; the account's configured source address when omitted. */
  source?: string;
  dataCoding: number;
  /** Concatenation header (length byte first) when the segment is part of a long message; sets UDHI. */
  udh?: Buffer | null;
  /** The encoded text of this segment, without the UDH. */
  shortMessage: Buffer;
  /** SMPP registered_delivery; 1 (receipt on success and failure) when omitted. */
  registeredDelivery?: number;
}

export type SegmentOutcome =
  /** The SMSC took the segment. `messageId` is normalised: receipts carry the same value. */
  | { segmentKey: string; status: "accepted"; messageId: string; smscMessageId: string }
  /**
   * The SMSC did not take the segment (or the pool never sent it: errorCode null, errorName
   * "QUEUE_TIMEOUT" / "POOL_CLOSED"). Nothing was accepted, so sending it again cannot duplicate it;
   * `permanent` says whether trying again can help.
   */
  | { segmentKey: string; status: "rejected"; errorCode: number | null; errorName: string; permanent: boolean }
  /**
   * Written to the SMSC with no answer (the link died, or no response in time): it may or may not
   * have been accepted. The pool never resends these; the pipeline reconciles them (a receipt for an
   * unknown message id, or an operator decision).
   */
  | { segmentKey: string; status: "unknown"; reason: "connection_lost" | "response_timeout" };

export type BindState = "connecting" | "binding" | "bound" | "unbinding" | "down" | "closed";

export interface BindStatus {
  id: number;
  state: BindState;
  inFlight: number;
  window: number;
  /** Set while the link is paused after ESME_RTHROTTLED / ESME_RMSGQFUL. */
  pausedUntil: Date | null;
  boundSince: Date | null;
  /** When the next connection attempt is due while down. */
  nextAttemptAt: Date | null;
  submitted: number;
  throttled: number;
  errors: number;
  lastError: string | null;
}

export interface SmppPoolStatus {
  state: "running" | "closing" | "closed";
  systemId: string;
  bindsUp: number;
  bindsConfigured: number;
  /** Segments waiting for a bind. */
  queued: number;
  /** Segments written and awaiting submit_sm_resp, all binds. */
  inFlight: number;
  /** Accepted segments per second, over the last 5 seconds. */
  submittedPerSecond: number;
  /** Errors of all binds: refused submits, refused binds, dead links, timed-out responses. */
  errors: number;
  /** submit_sm -> submit_sm_resp over recent responses, ms. */
  latencyMs: { p50: number; p99: number } | null;
  totals: {
    accepted: number;
    rejected: number;
    unknown: number;
    throttled: number;
    genericNacks: number;
    responseTimeouts: number;
    lateResponses: number;
    linkFailures: number;
    bindFailures: number;
    receipts: number;
    duplicateReceipts: number;
    unreadableReceipts: number;
    replies: number;
  };
  binds: BindStatus[];
}

export interface SmppLogger {
  info(message: string, fields?: Record<string, unknown>): void;
  warn(message: string, fields?: Record<string, unknown>): void;
}

export const consoleLogger: SmppLogger = {
  info: (message, fields) => console.info(`[smpp] ${message}`, fields ?? ""),
  warn: (message, fields) => console.warn(`[smpp] ${message}`, fields ?? ""),
};

export const silentLogger: SmppLogger = { info: () => {}, warn: () => {} };
