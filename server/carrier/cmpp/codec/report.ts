// Status reports (状态报告): a CMPP_DELIVER with Registered_Delivery 1, whose Msg_Content is
//   Msg_Id 8 | Stat 7 | Submit_time 10 (YYMMDDHHMM) | Done_time 10 | Dest_terminal_Id 32 (2.0: 21) | SMSC_sequence 4
// 71 octets in 3.0, 60 in 2.0. Stat is DELIVRD on success; EXPIRED, DELETED, UNDELIV, ACCEPTD,
// UNKNOWN, REJECTD, or a carrier error word (e.g. "MK:0001", "DB:0008", "MA:0054") otherwise.
import { type MessageState } from "../../../smpp";
import { type CmppVersion, CmppDecodeError, octetString, widths } from "./pdu";

export interface ReportContent {
  msgId: bigint;
  stat: string;
  submitTime: string;
  doneTime: string;
  destTerminalId: string;
  smscSequence: number;
}

export function reportLength(version: CmppVersion): number {
  return 8 + 7 + 10 + 10 + widths(version).terminalId + 4;
}

export function encodeReport(report: ReportContent, version: CmppVersion): Buffer {
  const idWidth = widths(version).terminalId;
  const out = Buffer.alloc(reportLength(version));
  out.writeBigUInt64BE(BigInt.asUintN(64, report.msgId), 0);
  const put = (text: string, offset: number, width: number, field: string) => {
    const bytes = Buffer.from(text, "latin1");
    if (bytes.length > width) throw new RangeError(`${field}: longer than ${width} octets`);
    bytes.copy(out, offset);
  };
  put(report.stat, 8, 7, "Stat");
  put(report.submitTime, 15, 10, "Submit_time");
  put(report.doneTime, 25, 10, "Done_time");
  put(report.destTerminalId, 35, idWidth, "Dest_terminal_Id");
  out.writeUInt32BE(report.smscSequence >>> 0, 35 + idWidth);
  return out;
}

/**
 * Reads a report. The terminal id width follows the content's length (71: 3.0, 60: 2.0) so that a
 * gateway of the other version is still understood.
 */
export function decodeReport(content: Buffer, version: CmppVersion): ReportContent {
  const idWidth = content.length === 71 ? 32 : content.length === 60 ? 21 : widths(version).terminalId;
  if (content.length < 8 + 7 + 10 + 10 + idWidth + 4)
    throw new CmppDecodeError(`status report of ${content.length} octets`);
  return {
    msgId: content.readBigUInt64BE(0),
    stat: octetString(content.subarray(8, 15)),
    submitTime: octetString(content.subarray(15, 25)),
    doneTime: octetString(content.subarray(25, 35)),
    destTerminalId: octetString(content.subarray(35, 35 + idWidth)),
    smscSequence: content.readUInt32BE(35 + idWidth),
  };
}

const STATES: Record<string, MessageState> = {
  DELIVRD: "delivered",
  EXPIRED: "expired",
  DELETED: "deleted",
  UNDELIV: "undeliverable",
  ACCEPTD: "accepted",
  UNKNOWN: "unknown",
  REJECTD: "rejected",
};

/**
 * The report's state. Unlike SMPP text receipts, a CMPP Stat that is not one of the seven words is
 * a carrier error code (MK:xxxx, DB:xxxx, ...) and is final: the message was not delivered.
 */
export function reportState(stat: string): { state: MessageState; final: boolean; errorCode: string | null } {
  const state = STATES[stat.toUpperCase()];
  if (state) return { state, final: state !== "accepted" && state !== "unknown", errorCode: null };
  return { state: "undeliverable", final: true, errorCode: stat };
}

/** YYMMDDHHMM in China time (the gateways' clock) to a Date; null when it is not a real time. */
export function reportTime(text: string): Date | null {
  if (!/^\d{10}$/.test(text)) return null;
  const n = (from: number) => Number(text.slice(from, from + 2));
  const [year, month, day, hour, minute] = [2000 + n(0), n(2), n(4), n(6), n(8)];
  const utc = Date.UTC(year, month - 1, day, hour, minute);
  const check = new Date(utc);
  if (check.getUTCMonth() !== month - 1 || check.getUTCDate() !== day || hour > 23 || minute > 59) return null;
  return new Date(utc - 8 * 3600_000);
}

/** A Date as YYMMDDHHMM in China time. */
export function formatReportTime(at: Date): string {
  const china = new Date(at.getTime() + 8 * 3600_000);
  const two = (v: number) => String(v).padStart(2, "0");
  return (
    two(china.getUTCFullYear() % 100) +
    two(china.getUTCMonth() + 1) +
    two(china.getUTCDate()) +
    two(china.getUTCHours()) +
    two(china.getUTCMinutes())
  );
}
