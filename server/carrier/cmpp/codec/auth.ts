// CMPP_CONNECT authentication (CMPP 3.0 §6.2.1 / 2.0 §6.2.1):
//   AuthenticatorSource = MD5(Source_Addr + 9 octets 0x00 + shared secret + timestamp "MMDDHHMMSS")
//   AuthenticatorISMG   = MD5(Status + AuthenticatorSource + shared secret)
// Status enters the second digest in its field width: 4 octets big-endian in 3.0, 1 octet in 2.0.
import { createHash } from "node:crypto";
import { type CmppVersion, widths } from "./pdu";

/** The 10-digit MMDDHHMMSS of a moment in China time (the gateways' clock), and its number. */
export function connectTimestamp(at: Date): { text: string; value: number } {
  const china = new Date(at.getTime() + 8 * 3600_000);
  const two = (n: number) => String(n).padStart(2, "0");
  const text =
    two(china.getUTCMonth() + 1) +
    two(china.getUTCDate()) +
    two(china.getUTCHours()) +
    two(china.getUTCMinutes()) +
    two(china.getUTCSeconds());
  return { text, value: Number(text) };
}

/** The timestamp field's number back to the 10 digits the digest used (a leading zero month restored). */
export function timestampText(value: number): string {
  return String(value).padStart(10, "0");
}

export function authenticatorSource(sourceAddr: string, secret: string, timestamp: string): Buffer {
  return createHash("md5")
    .update(Buffer.from(sourceAddr, "latin1"))
    .update(Buffer.alloc(9))
    .update(Buffer.from(secret, "latin1"))
    .update(Buffer.from(timestamp, "latin1"))
    .digest();
}

export function authenticatorIsmg(status: number, authSource: Buffer, secret: string, version: CmppVersion): Buffer {
  const statusBytes = Buffer.alloc(widths(version).result);
  if (statusBytes.length === 4) statusBytes.writeUInt32BE(status >>> 0);
  else statusBytes.writeUInt8(status & 0xff);
  return createHash("md5").update(statusBytes).update(authSource).update(Buffer.from(secret, "latin1")).digest();
}

/** CONNECT_RESP Status values. */
export const CONNECT_STATUS = {
  OK: 0,
  BAD_STRUCTURE: 1,
  BAD_SOURCE_ADDR: 2,
  AUTH_FAILED: 3,
  VERSION_TOO_HIGH: 4,
} as const;

const CONNECT_STATUS_NAMES: Record<number, { code: string; text: string }> = {
  0: { code: "OK", text: "connected" },
  1: { code: "BAD_STRUCTURE", text: "the gateway could not read our CONNECT (消息结构错)" },
  2: { code: "BAD_SOURCE_ADDR", text: "the gateway does not know this Source_Addr / SP login (非法源地址)" },
  3: { code: "AUTH_FAILED", text: "authentication failed: wrong shared secret or clock too far off (认证错)" },
  4: { code: "VERSION_TOO_HIGH", text: "the gateway does not speak this CMPP version (版本太高)" },
};

/** A stable code and a sentence for a CONNECT_RESP Status (5 and above: "other error"). */
export function describeConnectStatus(status: number): { code: string; text: string } {
  return (
    CONNECT_STATUS_NAMES[status] ?? { code: `CONNECT_STATUS_${status}`, text: `gateway error ${status} (其他错误)` }
  );
}
