// Every PDU either side of ours writes is complete per SMPP 3.4, read by a strict decoder written
// here (not the smpp package's, which is lenient about short bodies): command_length equals the
// bytes, each command's mandatory body is there with its C-strings terminated, nothing is left
// over. deliver_sm_resp and data_sm_resp carry message_id (a single NUL) even when they refuse
// (§4.6.2, §4.7.2); only submit_sm_resp and bind_*_resp may drop their body on an error.
import net from "node:net";
import smpp from "smpp";
import { afterEach, describe, expect, it } from "vitest";
import { type SmppPool, createSmppPool } from "./pool/pool";
import { silentLogger } from "./pool/types";
import { type Simulator, startSimulator } from "./simulator/server";
import { testConfig, until } from "./testing/harness";

const cleanups: Array<() => Promise<void> | void> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

// ---- the strict decoder ----

const COMMAND = {
  generic_nack: 0x80000000,
  bind_transceiver: 0x00000009,
  bind_transceiver_resp: 0x80000009,
  submit_sm: 0x00000004,
  submit_sm_resp: 0x80000004,
  deliver_sm: 0x00000005,
  deliver_sm_resp: 0x80000005,
  unbind: 0x00000006,
  unbind_resp: 0x80000006,
  enquire_link: 0x00000015,
  enquire_link_resp: 0x80000015,
  data_sm: 0x00000103,
  data_sm_resp: 0x80000103,
} as const;
const NAME = new Map<number, string>(Object.entries(COMMAND).map(([name, id]) => [id, name]));

interface StrictPdu {
  command: string;
  commandId: number;
  status: number;
  sequence: number;
  /** Mandatory fields by name; C-strings without their NUL. */
  fields: Record<string, string | number | Buffer>;
  tlvs: Map<number, Buffer>;
  raw: Buffer;
}

class Reader {
  offset = 16;
  constructor(
    private readonly bytes: Buffer,
    private readonly what: string,
  ) {}
  get left(): number {
    return this.bytes.length - this.offset;
  }
  cString(name: string, max: number): string {
    const end = this.bytes.indexOf(0, this.offset);
    if (end < 0) throw new Error(`${this.what}: ${name} is not NUL-terminated`);
    if (end - this.offset + 1 > max) throw new Error(`${this.what}: ${name} longer than ${max} octets with its NUL`);
    const value = this.bytes.toString("latin1", this.offset, end);
    this.offset = end + 1;
    return value;
  }
  int8(name: string): number {
    if (this.left < 1) throw new Error(`${this.what}: ${name} missing`);
    return this.bytes[this.offset++]!;
  }
  octets(name: string, length: number): Buffer {
    if (this.left < length) throw new Error(`${this.what}: ${name} shorter than ${length} octets`);
    const value = this.bytes.subarray(this.offset, this.offset + length);
    this.offset += length;
    return value;
  }
  tlvs(): Map<number, Buffer> {
    const tlvs = new Map<number, Buffer>();
    while (this.left > 0) {
      if (this.left < 4) throw new Error(`${this.what}: ${this.left} octets left over, too few for a TLV`);
      const tag = this.bytes.readUInt16BE(this.offset);
      const length = this.bytes.readUInt16BE(this.offset + 2);
      this.offset += 4;
      tlvs.set(tag, this.octets(`TLV 0x${tag.toString(16)}`, length));
    }
    return tlvs;
  }
}

/** Reads one PDU; throws on anything SMPP 3.4 does not allow. */
function decodeStrict(raw: Buffer): StrictPdu {
  if (raw.length < 16) throw new Error(`PDU of ${raw.length} octets is shorter than a header`);
  const length = raw.readUInt32BE(0);
  if (length !== raw.length) throw new Error(`command_length ${length} but ${raw.length} octets`);
  const commandId = raw.readUInt32BE(4);
  const status = raw.readUInt32BE(8);
  const sequence = raw.readUInt32BE(12);
  const command = NAME.get(commandId);
  if (!command) throw new Error(`command_id 0x${commandId.toString(16)} is not one we expect anyone to write`);
  const r = new Reader(raw, command);
  const fields: StrictPdu["fields"] = {};
  let tlvsAllowed = false;
  switch (command) {
    case "bind_transceiver":
      fields.system_id = r.cString("system_id", 16);
      fields.password = r.cString("password", 9);
      fields.system_type = r.cString("system_type", 13);
      fields.interface_version = r.int8("interface_version");
      fields.addr_ton = r.int8("addr_ton");
      fields.addr_npi = r.int8("addr_npi");
      fields.address_range = r.cString("address_range", 41);
      break;
    case "bind_transceiver_resp":
      if (status !== 0 && r.left === 0) break; // §4.1.6: no body on an error
      fields.system_id = r.cString("system_id", 16);
      tlvsAllowed = true;
      break;
    case "submit_sm_resp":
      if (status !== 0 && r.left === 0) break; // §4.4.2: no body on an error
      fields.message_id = r.cString("message_id", 65);
      break;
    case "deliver_sm_resp":
      fields.message_id = r.cString("message_id", 1); // §4.6.2: unused, a single NUL
      break;
    case "data_sm_resp":
      fields.message_id = r.cString("message_id", 65);
      tlvsAllowed = true;
      break;
    case "submit_sm":
    case "deliver_sm": {
      fields.service_type = r.cString("service_type", 6);
      fields.source_addr_ton = r.int8("source_addr_ton");
      fields.source_addr_npi = r.int8("source_addr_npi");
      fields.source_addr = r.cString("source_addr", 21);
      fields.dest_addr_ton = r.int8("dest_addr_ton");
      fields.dest_addr_npi = r.int8("dest_addr_npi");
      fields.destination_addr = r.cString("destination_addr", 21);
      fields.esm_class = r.int8("esm_class");
      fields.protocol_id = r.int8("protocol_id");
      fields.priority_flag = r.int8("priority_flag");
      fields.schedule_delivery_time = r.cString("schedule_delivery_time", 17);
      fields.validity_period = r.cString("validity_period", 17);
      fields.registered_delivery = r.int8("registered_delivery");
      fields.replace_if_present_flag = r.int8("replace_if_present_flag");
      fields.data_coding = r.int8("data_coding");
      fields.sm_default_msg_id = r.int8("sm_default_msg_id");
      const smLength = r.int8("sm_length");
      fields.short_message = r.octets("short_message", smLength);
      tlvsAllowed = true;
      break;
    }
    case "data_sm":
      fields.service_type = r.cString("service_type", 6);
      fields.source_addr_ton = r.int8("source_addr_ton");
      fields.source_addr_npi = r.int8("source_addr_npi");
      fields.source_addr = r.cString("source_addr", 65);
      fields.dest_addr_ton = r.int8("dest_addr_ton");
      fields.dest_addr_npi = r.int8("dest_addr_npi");
      fields.destination_addr = r.cString("destination_addr", 65);
      fields.esm_class = r.int8("esm_class");
      fields.registered_delivery = r.int8("registered_delivery");
      fields.data_coding = r.int8("data_coding");
      tlvsAllowed = true;
      break;
    default:
      // generic_nack, unbind(_resp), enquire_link(_resp): header only.
      break;
  }
  const tlvs = tlvsAllowed ? r.tlvs() : new Map<number, Buffer>();
  if (r.left !== 0) throw new Error(`${command}: ${r.left} octets left over after the body`);
  return { command, commandId, status, sequence, fields, tlvs, raw };
}

/** Splits a byte stream into PDUs by command_length. */
class PduStream {
  private buffer = Buffer.alloc(0);
  readonly pdus: StrictPdu[] = [];
  readonly errors: string[] = [];
  constructor(private readonly onPdu: (pdu: StrictPdu) => void = () => {}) {}
  push(chunk: Buffer): void {
    this.buffer = Buffer.concat([this.buffer, chunk]);
    while (this.buffer.length >= 4) {
      const length = this.buffer.readUInt32BE(0);
      if (length < 16) {
        this.errors.push(`command_length ${length} is shorter than a header`);
        this.buffer = Buffer.alloc(0);
        return;
      }
      if (this.buffer.length < length) return;
      const raw = Buffer.from(this.buffer.subarray(0, length));
      this.buffer = this.buffer.subarray(length);
      try {
        const pdu = decodeStrict(raw);
        this.pdus.push(pdu);
        this.onPdu(pdu);
      } catch (error) {
        this.errors.push(`${(error as Error).message}: ${raw.toString("hex")}`);
      }
    }
  }
  get leftover(): number {
    return this.buffer.length;
  }
}

function header(commandId: number, sequence: number, status = 0): Buffer {
  const bytes = Buffer.alloc(16);
  bytes.writeUInt32BE(16, 0);
  bytes.writeUInt32BE(commandId, 4);
  bytes.writeUInt32BE(status, 8);
  bytes.writeUInt32BE(sequence, 12);
  return bytes;
}

function pduBytes(command: string, sequence: number, params: Record<string, unknown> = {}): Buffer {
  return new smpp.PDU(command, { ...params, sequence_number: sequence }).toBuffer();
}

// ---- the ESME (our pool) against a raw SMSC ----

interface RawSmsc {
  port: number;
  stream: PduStream;
  write(bytes: Buffer): void;
  close(): Promise<void>;
}

/** Plays the SMSC byte by byte: answers bind_transceiver, otherwise only records what arrives. */
async function startRawSmsc(): Promise<RawSmsc> {
  let socket: net.Socket | null = null;
  const stream = new PduStream((pdu) => {
    if (pdu.command === "bind_transceiver")
      socket?.write(pduBytes("bind_transceiver_resp", pdu.sequence, { system_id: "RAWSMSC" }));
  });
  const server = net.createServer((s) => {
    if (socket) return s.destroy(); // one connection is enough; a reconnect after our unbind is not wanted
    socket = s;
    s.on("data", (chunk: Buffer) => stream.push(chunk));
    s.on("error", () => {});
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const address = server.address() as net.AddressInfo;
  return {
    port: address.port,
    stream,
    write: (bytes) => socket!.write(bytes),
    close: () =>
      new Promise<void>((resolve) => {
        socket?.destroy();
        server.close(() => resolve());
      }),
  };
}

describe("PDUs our ESME writes", () => {
  it("are complete: receipts acknowledged and refused, enquire_link, data_sm, an unknown command, unbind", async () => {
    const smsc = await startRawSmsc();
    cleanups.push(() => smsc.close());
    const handled: string[] = [];
    const pool: SmppPool = createSmppPool({
      config: testConfig(smsc.port, { rebind: { minMs: 60_000, maxMs: 60_000 } }),
      logger: silentLogger,
      onReceipt: (receipt) => {
        if (receipt.messageId === "REFUSE1") throw new Error("database unavailable");
        handled.push(receipt.messageId);
      },
    });
    cleanups.push(() => pool.close({ timeoutMs: 200 }));
    await pool.waitUntilBound();

    const receipt = (id: string) => ({
      source_addr: "13800138000",
      destination_addr: "10690000",
      esm_class: smpp.ESM_CLASS.MC_DELIVERY_RECEIPT,
      short_message: Buffer.from(
        `id:${id} sub:001 dlvrd:001 submit date:2612031000 done date:2612031001 stat:DELIVRD err:000 text:`,
      ),
    });
    smsc.write(pduBytes("deliver_sm", 101, receipt("ACCEPT1")));
    smsc.write(pduBytes("deliver_sm", 102, receipt("REFUSE1")));
    smsc.write(pduBytes("enquire_link", 103));
    smsc.write(
      pduBytes("data_sm", 104, {
        source_addr: "13800138000",
        destination_addr: "10690000",
        message_payload: Buffer.from("TD"),
      }),
    );
    smsc.write(header(0x00000099, 105)); // a command_id SMPP 3.4 does not define
    const bySequence = (sequence: number) =>
      smsc.stream.pdus.find((p) => p.sequence === sequence && p.commandId & 0x80000000);
    await until(
      () => [101, 102, 103, 104, 105].every((s) => bySequence(s)),
      3_000,
      () => `responses: ${smsc.stream.pdus.map((p) => p.command)} ${smsc.stream.errors}`,
    );
    smsc.write(pduBytes("unbind", 106));
    await until(
      () => Boolean(bySequence(106)) || smsc.stream.errors.length > 0,
      3_000,
      () => "unbind_resp",
    );

    expect(smsc.stream.errors).toEqual([]);
    expect(smsc.stream.leftover).toBe(0);
    expect(handled).toEqual(["ACCEPT1"]);
    const summary = (sequence: number) => {
      const pdu = bySequence(sequence)!;
      return { command: pdu.command, status: pdu.status, fields: pdu.fields, length: pdu.raw.length };
    };
    expect(summary(101)).toEqual({ command: "deliver_sm_resp", status: 0, fields: { message_id: "" }, length: 17 });
    expect(summary(102)).toEqual({ command: "deliver_sm_resp", status: 0x64, fields: { message_id: "" }, length: 17 });
    expect(summary(103)).toEqual({ command: "enquire_link_resp", status: 0, fields: {}, length: 16 });
    expect(summary(104)).toEqual({ command: "data_sm_resp", status: 0x03, fields: { message_id: "" }, length: 17 });
    expect(summary(105)).toEqual({ command: "generic_nack", status: 0x03, fields: {}, length: 16 });
    expect(summary(106)).toEqual({ command: "unbind_resp", status: 0, fields: {}, length: 16 });
    // and the one request it wrote, its bind
    expect(smsc.stream.pdus[0]).toMatchObject({
      command: "bind_transceiver",
      fields: { system_id: "qixintong", interface_version: 0x34 },
    });
  });
});

// ---- the simulator (our SMSC) against a raw ESME ----

describe("PDUs our simulator writes", () => {
  it("are complete: bind, submit answered and refused, receipt, data_sm, an unknown command, enquire_link, unbind", async () => {
    const simulator: Simulator = await startSimulator({
      port: 0,
      settings: { receiptDelayMs: 0, outcomeMix: { DELIVRD: 1 } },
    });
    cleanups.push(() => simulator.close());
    const socket = net.connect(simulator.port, "127.0.0.1");
    cleanups.push(() => void socket.destroy());
    const stream = new PduStream();
    socket.on("data", (chunk: Buffer) => stream.push(chunk));
    await new Promise<void>((resolve) => socket.once("connect", () => resolve()));
    const submit = {
      source_addr: "10690000",
      destination_addr: "13800138000",
      registered_delivery: 1,
      short_message: Buffer.from("hello"),
    };

    socket.write(pduBytes("submit_sm", 1, submit)); // before the bind: refused
    socket.write(pduBytes("bind_transceiver", 2, { system_id: "qixintong", password: "wrong" }));
    socket.write(
      pduBytes("bind_transceiver", 3, { system_id: "qixintong", password: "secret", interface_version: 0x34 }),
    );
    socket.write(pduBytes("submit_sm", 4, submit));
    socket.write(pduBytes("data_sm", 5, { source_addr: "10690000", destination_addr: "13800138000" }));
    socket.write(header(0x00000099, 6));
    socket.write(pduBytes("enquire_link", 7));
    const response = (sequence: number) => stream.pdus.find((p) => p.sequence === sequence && p.commandId & 0x80000000);
    const receipt = () => stream.pdus.find((p) => p.command === "deliver_sm");
    await until(
      () => [1, 2, 3, 4, 5, 6, 7].every((s) => response(s)) && Boolean(receipt()),
      3_000,
      () => `${stream.pdus.map((p) => p.command)} ${stream.errors}`,
    );
    socket.write(pduBytes("deliver_sm_resp", receipt()!.sequence));
    socket.write(pduBytes("unbind", 8));
    await until(
      () => Boolean(response(8)) || stream.errors.length > 0,
      3_000,
      () => "unbind_resp",
    );

    expect(stream.errors).toEqual([]);
    expect(stream.leftover).toBe(0);
    const messageId = simulator.submits().find((r) => r.result === "accepted")!.messageId!;
    const summary = (sequence: number) => {
      const pdu = response(sequence)!;
      return { command: pdu.command, status: pdu.status, fields: pdu.fields };
    };
    expect(summary(1)).toEqual({ command: "submit_sm_resp", status: 0x04, fields: {} });
    expect(summary(2)).toEqual({ command: "bind_transceiver_resp", status: 0x0e, fields: {} });
    expect(summary(3)).toEqual({ command: "bind_transceiver_resp", status: 0, fields: { system_id: "QXTSIM" } });
    expect(summary(4)).toEqual({ command: "submit_sm_resp", status: 0, fields: { message_id: messageId } });
    expect(summary(5)).toEqual({ command: "data_sm_resp", status: 0x03, fields: { message_id: "" } });
    expect(summary(6)).toEqual({ command: "generic_nack", status: 0x03, fields: {} });
    expect(summary(7)).toEqual({ command: "enquire_link_resp", status: 0, fields: {} });
    expect(summary(8)).toEqual({ command: "unbind_resp", status: 0, fields: {} });
    expect(receipt()!.fields).toMatchObject({
      esm_class: 0x04,
      source_addr: "13800138000",
      destination_addr: "10690000",
    });
    expect(receipt()!.tlvs.get(0x001e)?.toString("latin1")).toBe(`${messageId}\0`);
    await until(
      () => simulator.state().counters.receiptsAcknowledged === 1,
      2_000,
      () => "the receipt acknowledged",
    );
  });
});
