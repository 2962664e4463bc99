// The 64-bit Msg_Id the ISMG gives each submit (CMPP 3.0 §6.2.3), most significant bit first:
//   month 4 | day 5 | hour 5 | minute 6 | second 6 | ISMG (gateway) code 22 | sequence 16
// We keep it as the segment's carrier id, normalised to its unsigned decimal value (as the SMPP
// layer normalises numeric ids), and show it as 16 hex digits where a person reads it.

export interface MsgIdParts {
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
  gateway: number;
  sequence: number;
}

const FIELDS: readonly [keyof MsgIdParts, number][] = [
  ["month", 4],
  ["day", 5],
  ["hour", 5],
  ["minute", 6],
  ["second", 6],
  ["gateway", 22],
  ["sequence", 16],
];

export function packMsgId(parts: MsgIdParts): bigint {
  let value = 0n;
  for (const [name, bits] of FIELDS) {
    const v = parts[name];
    if (!Number.isInteger(v) || v < 0 || v >= 2 ** bits) throw new RangeError(`Msg_Id ${name} out of range: ${v}`);
    value = (value << BigInt(bits)) | BigInt(v);
  }
  return value;
}

export function unpackMsgId(value: bigint): MsgIdParts {
  let rest = BigInt.asUintN(64, value);
  const out = {} as MsgIdParts;
  for (const [name, bits] of [...FIELDS].reverse()) {
    out[name] = Number(rest & ((1n << BigInt(bits)) - 1n));
    rest >>= BigInt(bits);
  }
  return out;
}

/** The normalised carrier id: the unsigned decimal value. Receipts carry the same. */
export function msgIdKey(value: bigint): string {
  return BigInt.asUintN(64, value).toString(10);
}

/** 16 hex digits, as the octets appear on the wire. */
export function msgIdHex(value: bigint): string {
  return BigInt.asUintN(64, value).toString(16).padStart(16, "0");
}

/** The same 8 octets read in the other byte order (some gateways write report Msg_Ids little-endian). */
export function swapMsgIdBytes(value: bigint): bigint {
  const b = Buffer.alloc(8);
  b.writeBigUInt64BE(BigInt.asUintN(64, value));
  return b.reverse().readBigUInt64BE();
}

/** Whether the date fields can be a real Msg_Id's (month 1-12, day 1-31, hour < 24, ...). */
export function plausibleMsgId(value: bigint): boolean {
  const p = unpackMsgId(value);
  return p.month >= 1 && p.month <= 12 && p.day >= 1 && p.day <= 31 && p.hour < 24 && p.minute < 60 && p.second < 60;
}
