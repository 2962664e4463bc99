// CMPP_SUBMIT_RESP Result values (3.0 §6.2.3; 2.0 has 0-9) and what the pool does with each.
export type ResultKind = "ok" | "throttle" | "retryable" | "permanent";

export const SUBMIT_RESULT = {
  OK: 0,
  BAD_STRUCTURE: 1,
  BAD_COMMAND: 2,
  DUPLICATE_SEQUENCE: 3,
  BAD_LENGTH: 4,
  BAD_FEE_CODE: 5,
  TOO_LONG: 6,
  BAD_SERVICE_ID: 7,
  FLOW_CONTROL: 8,
  NOT_SERVED: 9,
  BAD_SRC_ID: 10,
  BAD_MSG_SRC: 11,
  BAD_FEE_TERMINAL: 12,
  BAD_DEST_TERMINAL: 13,
} as const;

const NAMES: Record<number, string> = {
  0: "OK",
  1: "BAD_STRUCTURE",
  2: "BAD_COMMAND",
  3: "DUPLICATE_SEQUENCE",
  4: "BAD_LENGTH",
  5: "BAD_FEE_CODE",
  6: "TOO_LONG",
  7: "BAD_SERVICE_ID",
  8: "FLOW_CONTROL",
  9: "NOT_SERVED",
  10: "BAD_SRC_ID",
  11: "BAD_MSG_SRC",
  12: "BAD_FEE_TERMINAL",
  13: "BAD_DEST_TERMINAL",
};

/** Stable name of a Result, e.g. "CMPP_FLOW_CONTROL"; unlisted ones "CMPP_RESULT_<n>". */
export function submitResultName(result: number): string {
  return `CMPP_${NAMES[result] ?? `RESULT_${result}`}`;
}

/**
 * 8 (flow control) pauses the connection and the segment goes again in order. A duplicate
 * sequence (3) or an unlisted result may be the gateway's passing trouble: retryable. What is wrong
 * in the message or the account (1, 2, 4-7, 9-13) fails the same way every time: permanent.
 */
export function classifySubmitResult(result: number): ResultKind {
  if (result === SUBMIT_RESULT.OK) return "ok";
  if (result === SUBMIT_RESULT.FLOW_CONTROL) return "throttle";
  if (result === SUBMIT_RESULT.DUPLICATE_SEQUENCE || NAMES[result] === undefined) return "retryable";
  return "permanent";
}
