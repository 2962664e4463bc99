// An SMSC for development and tests, built on the smpp package's server side (its Session on
// accepted sockets, as smpp.Server does, with raw PDU bytes kept: see transport.ts).
// It checks bind credentials, answers submit_sm with message ids, sends receipts after a delay
// with a chosen outcome mix, injects replies, misbehaves on request (throttling, dropped
// connections, late or missing responses, refused binds), and remembers every submit_sm it got
// so tests can compare both ends. Like a real SMSC it keeps receipts across its own restarts and
// redelivers any the client did not acknowledge.
//
// Behaviours of real SMSCs, each a setting (settings.ts; all switchable while it runs):
// - receiptBeforeResponse: a receipt can arrive before the submit_sm_resp that names its id.
// - redeliverRefused false: a receipt or reply answered with an error, a generic_nack or a
//   malformed deliver_sm_resp (e.g. 16 bytes, no message_id) is dropped, never sent again. Either
//   way, deliveries left unanswered on a lost connection go out again on the next bind.
// - idsRestartAfterRestart: message ids start again from the first after restart(), so ids repeat
//   (receipts pending from before keep their old ids and are still delivered).
// - receiptTextCoding: receipt text in ASCII or UCS-2 whatever data_coding says (8 with ASCII).
// - intermediateReceipts: stat:ACCEPTD / message_state 6 on acceptance, the final receipt later.
// Receipts and replies go round robin over every bound receiver session (transceiver or receiver),
// in connection order, each one's turn kept as binds come and go; none go to a transmitter.
// receiptsSent() records every receipt deliver_sm written and what became of it.
import net from "node:net";
import smpp from "smpp";
import { CHINA_OFFSET_MS } from "../../clock";
import { decodeText, encodeUcs2 } from "../codec/data-coding";
import { parseMessagePdu } from "../codec/message-pdu";
import { encodeMessage } from "../codec/segment";
import { ESM_CLASS_UDHI, splitUserData } from "../codec/udh";
import { ESME } from "../pool/errors";
import { SubmitQueue } from "../pool/queue";
import { TokenBucket } from "../pool/rate-limit";
import { type Pdu, PduSession } from "../transport";
import {
  DEFAULT_SIMULATOR_SETTINGS,
  RECEIPT_STATS,
  type ReceiptStat,
  type ReplyInjection,
  type SimulatorSettings,
  type SimulatorSettingsPatch,
  applySettingsPatch,
  replyInjectionSchema,
} from "./settings";
import {
  type DeliveryRecord,
  type SentReceiptRecord,
  type SentStat,
  type SimulatorCounters,
  type SimulatorState,
  type SubmitRecord,
} from "./types";

export interface SimulatorOptions {
  /** Default 127.0.0.1. */
  host?: string;
  /** Default 2775; 0 picks a free port (tests). A restart keeps the port it got. */
  port?: number;
  systemId?: string;
  password?: string;
  /** Initial settings; anything omitted takes DEFAULT_SIMULATOR_SETTINGS. */
  settings?: SimulatorSettingsPatch;
  random?: () => number;
}

export interface Simulator {
  readonly host: string;
  readonly port: number;
  readonly systemId: string;
  settings(): SimulatorSettings;
  /** Applies a partial settings change at once (validated; throws SettingsError). */
  configure(patch: unknown): SimulatorSettings;
  /** Queues a reply from a handset (split and concatenated when long); returns the parts queued. */
  injectReply(input: ReplyInjection): { parts: number };
  /** Every submit_sm received, in arrival order. */
  submits(): readonly SubmitRecord[];
  /** Receipts and replies the client acknowledged, in order. */
  deliveries(): readonly DeliveryRecord[];
  /** Every receipt deliver_sm written (redeliveries too), in order, its result kept up to date. */
  receiptsSent(): readonly SentReceiptRecord[];
  state(): SimulatorState;
  /** Closes every client connection now, without responses; returns how many. */
  dropConnections(): number;
  /** Forgets the submit, delivery and sent-receipt records (long benchmark runs). */
  clearRecords(): void;
  /** Goes away (all connections cut, port closed) for `downMs`, then listens again on the same port. */
  restart(options?: { downMs?: number }): Promise<void>;
  close(): Promise<void>;
}

export async function startSimulator(options: SimulatorOptions = {}): Promise<Simulator> {
  const smsc = new Smsc(options);
  await smsc.listen();
  return smsc;
}

const MESSAGE_STATE: Record<SentStat, number> = { DELIVRD: 2, EXPIRED: 3, UNDELIV: 5, ACCEPTD: 6, REJECTD: 8 };
const RECEIPT_ERR: Record<SentStat, string> = {
  DELIVRD: "000",
  UNDELIV: "001",
  EXPIRED: "002",
  REJECTD: "003",
  ACCEPTD: "000",
};
// deliver_sm written and not yet acknowledged, per connection: what a real SMSC's window does.
const DELIVERY_WINDOW = 50;

interface Delivery {
  ordinal: number;
  kind: "receipt" | "reply";
  messageId: string | null;
  stat: SentStat | null;
  intermediate: boolean;
  from: string;
  to: string;
  params: Record<string, unknown>;
}

interface Written {
  delivery: Delivery;
  /** Receipts only. */
  record: SentReceiptRecord | null;
}

interface Connection {
  id: number;
  session: PduSession;
  mode: "transceiver" | "transmitter" | "receiver" | null;
  pdusReceived: number;
  dropped: boolean;
  deliveries: Map<number, Written>;
}

class Smsc implements Simulator {
  readonly host: string;
  port: number;
  readonly systemId: string;
  private readonly password: string;
  private readonly random: () => number;
  private current: SimulatorSettings;
  private server: net.Server | null = null;
  private readonly connections = new Set<Connection>();
  private readonly pending = new SubmitQueue<Delivery>();
  private readonly timers = new Set<NodeJS.Timeout>();
  private records: SubmitRecord[] = [];
  private acknowledged: DeliveryRecord[] = [];
  private sentReceipts: SentReceiptRecord[] = [];
  private throttle: TokenBucket | null = null;
  private nextMessage = 0;
  private nextConnection = 1;
  private nextDelivery = 0;
  private answerable = 0;
  private scheduledReceipts = 0;
  /** The receiver session that got the last delivery: the next one after it goes first. */
  private lastServed = 0;
  private readonly counters: SimulatorCounters = {
    bindsAccepted: 0,
    bindsRefused: 0,
    submitsReceived: 0,
    submitsAccepted: 0,
    submitsThrottled: 0,
    responsesOmitted: 0,
    connectionsDropped: 0,
    unbindsReceived: 0,
    receiptsAcknowledged: 0,
    repliesAcknowledged: 0,
    deliveryRetries: 0,
    receiptsSent: 0,
    receiptsRefused: 0,
    deliveriesDropped: 0,
  };

  constructor(options: SimulatorOptions) {
    this.host = options.host ?? "127.0.0.1";
    this.port = options.port ?? 2775;
    this.systemId = options.systemId ?? "qixintong";
    this.password = options.password ?? "secret";
    this.random = options.random ?? Math.random;
    this.current = applySettingsPatch(DEFAULT_SIMULATOR_SETTINGS, options.settings ?? {});
    this.resetThrottle();
  }

  async listen(): Promise<void> {
    const server = net.createServer((socket) => this.accept(socket));
    await new Promise<void>((resolve, reject) => {
      server.once("error", reject);
      server.listen(this.port, this.host, () => {
        server.off("error", reject);
        resolve();
      });
    });
    const address = server.address();
    if (address && typeof address === "object") this.port = address.port;
    this.server = server;
  }

  settings(): SimulatorSettings {
    return structuredClone(this.current);
  }

  configure(patch: unknown): SimulatorSettings {
    const before = this.current.throttleAbovePerSecond;
    this.current = applySettingsPatch(this.current, patch);
    if (this.current.throttleAbovePerSecond !== before) this.resetThrottle();
    return this.settings();
  }

  injectReply(input: ReplyInjection): { parts: number } {
    const reply = replyInjectionSchema.parse(input);
    const encoded = encodeMessage(reply.text, { reference: Math.floor(this.random() * 256) });
    for (const segment of encoded.segments) {
      this.enqueue({
        kind: "reply",
        messageId: null,
        stat: null,
        intermediate: false,
        from: reply.from,
        to: reply.to,
        params: {
          source_addr_ton: 0,
          source_addr_npi: 1,
          source_addr: reply.from,
          dest_addr_ton: 0,
          dest_addr_npi: 0,
          destination_addr: reply.to,
          esm_class: segment.udh ? ESM_CLASS_UDHI : 0,
          data_coding: encoded.dataCoding,
          short_message: segment.udh ? Buffer.concat([segment.udh, segment.payload]) : segment.payload,
        },
      });
    }
    return { parts: encoded.segments.length };
  }

  submits(): readonly SubmitRecord[] {
    return this.records;
  }

  deliveries(): readonly DeliveryRecord[] {
    return this.acknowledged;
  }

  receiptsSent(): readonly SentReceiptRecord[] {
    return this.sentReceipts;
  }

  state(): SimulatorState {
    let inFlight = 0;
    for (const c of this.connections) inFlight += c.deliveries.size;
    return {
      listening: this.server !== null,
      host: this.host,
      port: this.port,
      systemId: this.systemId,
      settings: this.settings(),
      sessions: [...this.connections].map((c) => ({
        id: c.id,
        mode: c.mode,
        pdusReceived: c.pdusReceived,
        deliveriesInFlight: c.deliveries.size,
      })),
      scheduledReceipts: this.scheduledReceipts,
      pendingDeliveries: this.pending.size + inFlight,
      counters: { ...this.counters },
    };
  }

  dropConnections(): number {
    const all = [...this.connections];
    for (const c of all) this.drop(c);
    return all.length;
  }

  clearRecords(): void {
    this.records = [];
    this.acknowledged = [];
    this.sentReceipts = [];
  }

  async restart(options: { downMs?: number } = {}): Promise<void> {
    await this.stopListening();
    // Scheduled and pending receipts keep the ids they were given; only new submits reuse ids.
    if (this.current.idsRestartAfterRestart) this.nextMessage = 0;
    if (options.downMs) await new Promise((resolve) => setTimeout(resolve, options.downMs));
    await this.listen();
  }

  async close(): Promise<void> {
    for (const timer of this.timers) clearTimeout(timer);
    this.timers.clear();
    this.scheduledReceipts = 0;
    await this.stopListening();
  }

  // ---- connections ----

  private accept(socket: net.Socket): void {
    const connection: Connection = {
      id: this.nextConnection++,
      session: new PduSession({ socket }),
      mode: null,
      pdusReceived: 0,
      dropped: false,
      deliveries: new Map(),
    };
    this.connections.add(connection);
    connection.session.on("pdu", (pdu: Pdu, raw: Buffer) => this.receive(connection, pdu, raw));
    connection.session.on("error", () => {}); // a client vanishing is routine here; "close" follows
    connection.session.on("close", () => this.disconnected(connection));
  }

  private receive(c: Connection, pdu: Pdu, raw: Buffer): void {
    if (c.dropped) return;
    c.pdusReceived++;
    const every = this.current.dropConnectionEveryPdus;
    // The Nth PDU is processed (a submit is accepted and recorded) but never answered: the worst
    // case for the client, which cannot know whether it went through.
    const dropAfter = every > 0 && c.pdusReceived % every === 0;
    const answer = (response: Pdu) => {
      if (!dropAfter) c.session.send(response);
    };
    switch (pdu.command) {
      case "bind_transceiver":
      case "bind_transmitter":
      case "bind_receiver":
        this.bind(c, pdu, answer);
        break;
      case "submit_sm":
        this.submit(c, pdu, raw, answer, dropAfter);
        break;
      case "deliver_sm_resp":
      case "generic_nack":
        this.acknowledge(c, pdu, raw);
        break;
      case "enquire_link":
        answer(pdu.response());
        break;
      case "unbind":
        this.counters.unbindsReceived++;
        answer(pdu.response());
        c.mode = null;
        c.session.close();
        break;
      case "enquire_link_resp":
      case "unbind_resp":
        break;
      default:
        if (!pdu.isResponse()) answer(pdu.response({ command_status: ESME.RINVCMDID }));
    }
    if (dropAfter) this.drop(c);
  }

  private bind(c: Connection, pdu: Pdu, answer: (response: Pdu) => void): void {
    const status = this.current.refuseBinds
      ? ESME.RBINDFAIL
      : c.mode
        ? ESME.RALYBND
        : pdu.system_id !== this.systemId
          ? ESME.RINVSYSID
          : pdu.password !== this.password
            ? ESME.RINVPASWD
            : ESME.ROK;
    if (status !== ESME.ROK) {
      this.counters.bindsRefused++;
      answer(pdu.response({ command_status: status }));
      return;
    }
    c.mode =
      pdu.command === "bind_transmitter" ? "transmitter" : pdu.command === "bind_receiver" ? "receiver" : "transceiver";
    this.counters.bindsAccepted++;
    answer(pdu.response({ system_id: "QXTSIM" }));
    this.flush();
  }

  private submit(c: Connection, pdu: Pdu, raw: Buffer, answer: (response: Pdu) => void, dropAfter: boolean): void {
    this.counters.submitsReceived++;
    let message;
    try {
      message = parseMessagePdu(raw);
    } catch {
      answer(pdu.response({ command_status: ESME.RSYSERR }));
      return;
    }
    const record: SubmitRecord = {
      messageId: null,
      result: "refused",
      sessionId: c.id,
      sequenceNumber: message.sequenceNumber,
      source: message.source.address,
      destination: message.destination.address,
      dataCoding: message.dataCoding,
      esmClass: message.esmClass,
      registeredDelivery: message.registeredDelivery,
      shortMessage: message.shortMessage,
      receivedAt: new Date(),
    };
    this.records.push(record);
    if (c.mode !== "transceiver" && c.mode !== "transmitter") {
      answer(pdu.response({ command_status: ESME.RINVBNDSTS }));
      return;
    }
    if (this.throttle && !this.throttle.tryTake(performance.now())) {
      record.result = "throttled";
      this.counters.submitsThrottled++;
      answer(pdu.response({ command_status: ESME.RTHROTTLED }));
      return;
    }
    record.result = "accepted";
    record.messageId = (0x1a000000 + this.nextMessage++).toString(16).toUpperCase();
    this.counters.submitsAccepted++;
    const receipts = this.receiptsOf(record);
    if (this.current.receiptBeforeResponse) {
      // Written now, ahead of the response (both leave in this tick's socket write, in this order).
      if (receipts.intermediate) this.enqueue(receipts.intermediate);
      if (receipts.final) this.enqueue(this.receiptFor(receipts.final.record, receipts.final.stat));
    } else if (receipts.final) {
      this.scheduleReceipt(receipts.final);
    }
    const intermediateNow = () => {
      if (receipts.intermediate && !this.current.receiptBeforeResponse) this.enqueue(receipts.intermediate);
    };
    if (dropAfter) return intermediateNow();
    this.answerable++;
    const omitEvery = this.current.omitResponseEvery;
    if (omitEvery > 0 && this.answerable % omitEvery === 0) {
      this.counters.responsesOmitted++;
      return intermediateNow();
    }
    const response = pdu.response({ message_id: record.messageId });
    if (this.current.responseDelayMs === 0) {
      answer(response);
      return intermediateNow(); // the intermediate receipt right after the response
    }
    intermediateNow();
    this.later(this.current.responseDelayMs, () => {
      if (!c.dropped && this.connections.has(c)) c.session.send(response);
    });
  }

  private drop(c: Connection): void {
    if (c.dropped) return;
    c.dropped = true;
    this.counters.connectionsDropped++;
    c.session.destroy();
  }

  private disconnected(c: Connection): void {
    this.connections.delete(c);
    // Deliveries the client never acknowledged go out again, in their original order.
    for (const { delivery, record } of c.deliveries.values()) {
      this.counters.deliveryRetries++;
      if (record) record.result = "redelivering";
      this.pending.putBack(delivery);
    }
    c.deliveries.clear();
    this.flush();
  }

  private async stopListening(): Promise<void> {
    const server = this.server;
    this.server = null;
    for (const c of [...this.connections]) {
      c.dropped = true;
      c.session.destroy();
    }
    if (server) await new Promise<void>((resolve) => server.close(() => resolve()));
  }

  // ---- receipts and replies ----

  /** The receipts an accepted submit gets: none, or a final one (outcome drawn now), maybe after an intermediate one. */
  private receiptsOf(record: SubmitRecord): {
    final: { record: SubmitRecord; stat: ReceiptStat } | null;
    intermediate: Omit<Delivery, "ordinal"> | null;
  } {
    const wanted = record.registeredDelivery & 0x03;
    if (wanted === 0) return { final: null, intermediate: null };
    const stat = this.pickOutcome();
    if (wanted === 2 && stat === "DELIVRD") return { final: null, intermediate: null }; // receipts on failure only
    return {
      final: { record, stat },
      intermediate: this.current.intermediateReceipts ? this.receiptFor(record, "ACCEPTD") : null,
    };
  }

  private scheduleReceipt({ record, stat }: { record: SubmitRecord; stat: ReceiptStat }): void {
    const { receiptDelayMs, receiptDelayJitterMs } = this.current;
    const delay = receiptDelayMs + Math.floor(this.random() * (receiptDelayJitterMs + 1));
    this.scheduledReceipts++;
    this.later(delay, () => {
      this.scheduledReceipts--;
      this.enqueue(this.receiptFor(record, stat));
    });
  }

  private receiptFor(record: SubmitRecord, stat: SentStat): Omit<Delivery, "ordinal"> {
    const s = this.current;
    const id = record.messageId!;
    const textId = s.receiptTextId === "decimal" ? BigInt(`0x${id}`).toString(10) : id;
    const textCoding = s.receiptTextCoding ?? (s.receiptDataCoding === 8 ? "ucs2" : "ascii");
    const { body } = splitUserData(record.shortMessage, (record.esmClass & ESM_CLASS_UDHI) !== 0);
    let preview = decodeText(body, record.dataCoding).slice(0, 10);
    if (textCoding === "ascii") preview = preview.replace(/[^\x20-\x7e]/g, "?");
    const text =
      `id:${textId} sub:001 dlvrd:${stat === "DELIVRD" ? "001" : "000"} ` +
      `submit date:${smscDate(record.receivedAt)} done date:${smscDate(new Date())} ` +
      `stat:${stat} err:${RECEIPT_ERR[stat]} text:${preview}`;
    return {
      kind: "receipt",
      messageId: id,
      stat,
      intermediate: stat === "ACCEPTD",
      from: record.destination,
      to: record.source,
      params: {
        source_addr_ton: 0,
        source_addr_npi: 1,
        source_addr: record.destination,
        dest_addr_ton: 0,
        dest_addr_npi: 0,
        destination_addr: record.source,
        esm_class: smpp.ESM_CLASS.MC_DELIVERY_RECEIPT,
        data_coding: s.receiptDataCoding,
        short_message: textCoding === "ucs2" ? encodeUcs2(text) : Buffer.from(text, "latin1"),
        ...(s.receiptTlvs ? { receipted_message_id: id, message_state: MESSAGE_STATE[stat] } : {}),
      },
    };
  }

  private pickOutcome(): ReceiptStat {
    const mix = this.current.outcomeMix;
    const total = RECEIPT_STATS.reduce((sum, stat) => sum + mix[stat], 0);
    let point = this.random() * total;
    for (const stat of RECEIPT_STATS) {
      point -= mix[stat];
      if (point < 0) return stat;
    }
    return RECEIPT_STATS.findLast((stat) => mix[stat] > 0)!;
  }

  private enqueue(delivery: Omit<Delivery, "ordinal">): void {
    this.pending.push({ ...delivery, ordinal: this.nextDelivery++ });
    this.flush();
  }

  /**
   * Sends due deliveries to bound receivers, round robin, within each one's delivery window. The
   * turn is kept by connection id (ids only grow, connections are in id order), not by position,
   * so binds coming and going neither skip a session nor give one two turns in a row.
   */
  private flush(): void {
    const receivers = [...this.connections].filter(
      (c) => !c.dropped && (c.mode === "transceiver" || c.mode === "receiver"),
    );
    if (receivers.length === 0) return;
    let sent = true;
    while (sent && this.pending.size > 0) {
      sent = false;
      const next = receivers.findIndex((c) => c.id > this.lastServed);
      const start = next < 0 ? 0 : next;
      for (let i = 0; i < receivers.length && this.pending.size > 0; i++) {
        const c = receivers[(start + i) % receivers.length]!;
        if (c.deliveries.size >= DELIVERY_WINDOW) continue;
        const delivery = this.pending.shift()!;
        const pdu = new smpp.PDU("deliver_sm", delivery.params);
        if (!c.session.send(pdu)) {
          this.pending.putBack(delivery);
          continue;
        }
        this.lastServed = c.id;
        c.deliveries.set(pdu.sequence_number, { delivery, record: this.recordSent(c, delivery) });
        sent = true;
      }
    }
  }

  private recordSent(c: Connection, delivery: Delivery): SentReceiptRecord | null {
    if (delivery.kind !== "receipt") return null;
    this.counters.receiptsSent++;
    const record: SentReceiptRecord = {
      messageId: delivery.messageId!,
      stat: delivery.stat!,
      intermediate: delivery.intermediate,
      destination: delivery.from,
      source: delivery.to,
      sessionId: c.id,
      sentAt: new Date(),
      result: "in_flight",
    };
    this.sentReceipts.push(record);
    return record;
  }

  private acknowledge(c: Connection, pdu: Pdu, raw: Buffer): void {
    const written = c.deliveries.get(pdu.sequence_number);
    if (!written) return;
    c.deliveries.delete(pdu.sequence_number);
    const { delivery, record } = written;
    // deliver_sm_resp's body is a message_id C-string (a single NUL): without it the answer is malformed.
    const wellFormed = pdu.command === "deliver_sm_resp" && raw.indexOf(0, 16) >= 0;
    if (wellFormed && pdu.command_status === ESME.ROK) {
      if (record) record.result = "acknowledged";
      if (delivery.kind === "receipt") this.counters.receiptsAcknowledged++;
      else this.counters.repliesAcknowledged++;
      // deliveries() keeps final outcomes; intermediate receipts are in receiptsSent() only.
      if (delivery.stat !== "ACCEPTD") {
        this.acknowledged.push({
          kind: delivery.kind,
          messageId: delivery.messageId,
          stat: delivery.stat,
          from: delivery.from,
          to: delivery.to,
          acknowledgedAt: new Date(),
        });
      }
    } else if (!this.current.redeliverRefused) {
      // Refused or malformed, and this SMSC does not try again: the delivery is gone.
      if (delivery.kind === "receipt") this.counters.receiptsRefused++;
      this.counters.deliveriesDropped++;
      if (record) record.result = "dropped";
    } else {
      // Refused (e.g. ESME_RX_T_APPN, the client's database is down): try again later.
      if (delivery.kind === "receipt") this.counters.receiptsRefused++;
      if (record) record.result = "refused";
      this.counters.deliveryRetries++;
      this.later(this.current.redeliveryDelayMs, () => {
        this.pending.putBack(delivery);
        this.flush();
      });
    }
    this.flush();
  }

  private later(ms: number, run: () => void): void {
    const timer = setTimeout(() => {
      this.timers.delete(timer);
      run();
    }, ms);
    this.timers.add(timer);
  }

  private resetThrottle(): void {
    const rate = this.current.throttleAbovePerSecond;
    this.throttle = rate > 0 ? new TokenBucket(rate, performance.now()) : null;
  }
}

/** YYMMDDhhmm in China time, as Chinese SMSCs write receipt dates. */
function smscDate(instant: Date): string {
  const d = new Date(instant.getTime() + CHINA_OFFSET_MS);
  const pad = (n: number) => String(n).padStart(2, "0");
  return `${pad(d.getUTCFullYear() % 100)}${pad(d.getUTCMonth() + 1)}${pad(d.getUTCDate())}${pad(d.getUTCHours())}${pad(d.getUTCMinutes())}`;
}
