// What an SMSC's command_status means for a segment. "throttle": the SMSC refused it to slow us
// down, so it is safe to send again, in order, after a pause. "retryable": refused for a reason
// that may pass (the pipeline may try again later). "permanent": sending it again cannot succeed.
import smpp from "smpp";

export type CommandStatusKind = "ok" | "throttle" | "retryable" | "permanent";

export const ESME = {
  ROK: 0x00,
  RINVMSGLEN: 0x01,
  RINVCMDLEN: 0x02,
  RINVCMDID: 0x03,
  RINVBNDSTS: 0x04,
  RALYBND: 0x05,
  RSYSERR: 0x08,
  RINVSRCADR: 0x0a,
  RINVDSTADR: 0x0b,
  RBINDFAIL: 0x0d,
  RINVPASWD: 0x0e,
  RINVSYSID: 0x0f,
  RMSGQFUL: 0x14,
  RSUBMITFAIL: 0x45,
  RTHROTTLED: 0x58,
  RX_T_APPN: 0x64,
  RX_P_APPN: 0x65,
  RX_R_APPN: 0x66,
  RUNKNOWNERR: 0xff,
} as const;

// Statuses where the SMSC says "not now": a full queue, congestion, a temporary fault on its side.
const RETRYABLE: readonly number[] = [
  ESME.RINVBNDSTS, // our bind is not in a state to submit: the link will be rebound
  ESME.RSYSERR,
  ESME.RSUBMITFAIL,
  ESME.RX_T_APPN,
  0x0067, // ESME_RQUERYFAIL
  0x00fe, // ESME_RDELIVERYFAILURE: delivery to the next network element failed
  ESME.RUNKNOWNERR,
];

// Statuses about the segment itself (address, length, coding, TLVs, permissions): resending the
// same bytes gets the same answer.
const PERMANENT: readonly number[] = [
  ESME.RINVMSGLEN,
  ESME.RINVCMDLEN,
  ESME.RINVCMDID,
  0x0006, // RINVPRTFLG
  0x0007, // RINVREGDLVFLG
  ESME.RINVSRCADR,
  ESME.RINVDSTADR,
  0x000c, // RINVMSGID
  0x0015, // RINVSERTYP
  0x0033, // RINVNUMDESTS
  0x0034, // RINVDLNAME
  0x0040, // RINVDESTFLAG
  0x0042, // RINVSUBREP
  0x0043, // RINVESMCLASS
  0x0044, // RCNTSUBDL
  0x0048, // RINVSRCTON
  0x0049, // RINVSRCNPI
  0x0050, // RINVDSTTON
  0x0051, // RINVDSTNPI
  0x0053, // RINVSYSTYP
  0x0054, // RINVREPFLAG
  0x0055, // RINVNUMMSGS
  0x0061, // RINVSCHED
  0x0062, // RINVEXPIRY
  0x0063, // RINVDFTMSGID
  ESME.RX_P_APPN,
  ESME.RX_R_APPN,
  0x00c0, // RINVTLVSTREAM
  0x00c1, // RTLVNOTALLWD
  0x00c2, // RINVTLVLEN
  0x00c3, // RMISSINGTLV
  0x00c4, // RINVTLVVAL
  0x0100, // RSERTYPUNAUTH
  0x0101, // RPROHIBITED
  0x0102, // RSERTYPUNAVAIL
  0x0103, // RSERTYPDENIED
  0x0104, // RINVDCS
  0x0105, // RINVSRCADDRSUBUNIT
  0x0106, // RINVDSTADDRSUBUNIT
];

const TABLE = new Map<number, CommandStatusKind>([
  [ESME.ROK, "ok"],
  [ESME.RTHROTTLED, "throttle"],
  [ESME.RMSGQFUL, "throttle"],
  ...RETRYABLE.map((status) => [status, "retryable"] as const),
  ...PERMANENT.map((status) => [status, "permanent"] as const),
]);

/**
 * Anything not listed (notably vendor codes 0x400-0x4FF) is treated as retryable: the SMSC did not
 * take the segment either way, and the pipeline decides how often to try again; calling an
 * unknown code permanent would drop messages on a guess.
 */
export function classifyCommandStatus(status: number): CommandStatusKind {
  return TABLE.get(status) ?? "retryable";
}

const NAMES = new Map<number, string>(Object.entries(smpp.errors).map(([name, code]) => [code, name]));

/** "ESME_RTHROTTLED", or "0x00000401" for codes SMPP 3.4 does not name. */
export function commandStatusName(status: number): string {
  return NAMES.get(status) ?? `0x${status.toString(16).padStart(8, "0")}`;
}
