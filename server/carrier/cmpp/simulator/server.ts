// A CMPP ISMG (gateway) simulator on loopback, for tests, benchmarks and local development. It
// speaks one version (3.0 or 2.0), checks every CONNECT's AuthenticatorSource against its shared
// secret (and answers with a real AuthenticatorISMG), gives each submit a Msg_Id packed from the
// time, its gateway code and a sequence, sends status reports after a delay with a chosen outcome
// mix, answers ACTIVE_TEST and TERMINATE, and can misbehave on demand (see settings.ts). What it
// received and sent is kept for tests to compare with what the client believes.
import net from "node:net";
import { type ReceiptStat } from "../../../smpp/simulator/settings";
import { concatenationUdh } from "../../../smpp/codec";
import { encodeUcs2 } from "../../../smpp/codec/data-coding";
import { authenticatorIsmg, authenticatorSource, timestampText } from "../codec/auth";
import { msgIdKey, packMsgId, swapMsgIdBytes } from "../codec/msg-id";
import {
  type CmppPdu,
  type CmppVersion,
  type DeliverPdu,
  MSG_FMT,
  PduFramer,
  type SubmitPdu,
  VERSION_BYTE,
  decodePdu,
  encodePdu,
} from "../codec/pdu";
import { encodeReport, formatReportTime } from "../codec/report";
import { SUBMIT_RESULT } from "../codec/results";
import {
  type CmppReplyInjection,
  type CmppSimulatorSettings,
  type CmppSimulatorSettingsPatch,
  DEFAULT_CMPP_SIMULATOR_SETTINGS,
  RECEIPT_STATS,
  applyCmppSettingsPatch,
  cmppReplySchema,
} from "./settings";

export interface CmppSubmitRecord {
  /** Normalised (decimal) Msg_Id it answered with; null when it refused the submit. */
  msgId: string | null;
  result: "accepted" | "throttled" | "unanswered";
  sessionId: number;
  sequenceId: number;
  srcId: string;
  msgSrc: string;
  serviceId: string;
  destinations: string[];
  msgFmt: number;
  tpUdhi: number;
  pkTotal: number;
  pkNumber: number;
  registeredDelivery: number;
  msgContent: Buffer;
  receivedAt: Date;
}

export interface CmppReportRecord {
  msgId: string;
  stat: ReceiptStat;
  destination: string;
  sessionId: number;
  result: "in_flight" | "acknowledged" | "refused" | "redelivering";
}

export interface CmppSimulatorState {
  listening: boolean;
  host: string;
  port: number;
  version: CmppVersion;
  sourceAddr: string;
  settings: CmppSimulatorSettings;
  sessions: { id: number; connected: boolean; pdusReceived: number }[];
  scheduledReports: number;
  pendingDeliveries: number;
  counters: {
    connectsAccepted: number;
    connectsRefused: number;
    submitsReceived: number;
    submitsAccepted: number;
    submitsThrottled: number;
    responsesOmitted: number;
    connectionsDropped: number;
    terminatesReceived: number;
    activeTestsReceived: number;
    reportsSent: number;
    reportsAcknowledged: number;
    repliesAcknowledged: number;
  };
}

export interface CmppSimulatorOptions {
  host?: string;
  /** 0 picks a free port. */
  port?: number;
  version?: CmppVersion;
  /** The SP login it accepts (Source_Addr) and its shared secret. */
  sourceAddr?: string;
  secret?: string;
  /** The 22-bit ISMG code in its Msg_Ids. */
  gatewayCode?: number;
  settings?: CmppSimulatorSettingsPatch;
  random?: () => number;
}

export interface CmppSimulator {
  readonly host: string;
  readonly port: number;
  readonly version: CmppVersion;
  readonly sourceAddr: string;
  readonly secret: string;
  configure(patch: CmppSimulatorSettingsPatch): CmppSimulatorSettings;
  state(): CmppSimulatorState;
  submits(): CmppSubmitRecord[];
  reports(): CmppReportRecord[];
  /** A handset's reply; long text goes as concatenated UCS-2 parts with UDH. Answers the parts sent. */
  injectReply(reply: CmppReplyInjection): { parts: number };
  dropConnections(): number;
  /** Closes the listener and every connection (no TERMINATE), keeping records and pending reports. */
  stop(): Promise<void>;
  /** Listens again on the same port after stop(). */
  restart(): Promise<void>;
  close(): Promise<void>;
}

interface Session {
  id: number;
  socket: net.Socket;
  connected: boolean;
  pdusReceived: number;
  nextSequence: number;
  /** DELIVERs written and not yet answered, by Sequence_Id. */
  deliveries: Map<number, Delivery>;
}

interface Delivery {
  pdu: Omit<DeliverPdu, "sequenceId">;
  report: CmppReportRecord | null;
}

export async function startCmppSimulator(options: CmppSimulatorOptions = {}): Promise<CmppSimulator> {
  const sim = new Simulator(options);
  await sim.listen();
  return sim;
}

class Simulator implements CmppSimulator {
  readonly host: string;
  port: number;
  readonly version: CmppVersion;
  readonly sourceAddr: string;
  readonly secret: string;
  private settings: CmppSimulatorSettings;
  private server: net.Server | null = null;
  private readonly sessions = new Set<Session>();
  private nextSessionId = 1;
  private sequence = 0;
  private readonly gatewayCode: number;
  private readonly random: () => number;
  private readonly submitLog: CmppSubmitRecord[] = [];
  private readonly reportLog: CmppReportRecord[] = [];
  private readonly timers = new Set<NodeJS.Timeout>();
  /** Deliveries due with no connection to take them (or refused, waiting to go again). */
  private readonly pending: Delivery[] = [];
  private scheduled = 0;
  private readonly submitTimes: number[] = [];
  private submitsSeen = 0;
  private readonly counters: CmppSimulatorState["counters"] = {
    connectsAccepted: 0,
    connectsRefused: 0,
    submitsReceived: 0,
    submitsAccepted: 0,
    submitsThrottled: 0,
    responsesOmitted: 0,
    connectionsDropped: 0,
    terminatesReceived: 0,
    activeTestsReceived: 0,
    reportsSent: 0,
    reportsAcknowledged: 0,
    repliesAcknowledged: 0,
  };

  constructor(options: CmppSimulatorOptions) {
    this.host = options.host ?? "127.0.0.1";
    this.port = options.port ?? 0;
    this.version = options.version ?? "3.0";
    this.sourceAddr = options.sourceAddr ?? "901234";
    this.secret = options.secret ?? "secret";
    this.gatewayCode = options.gatewayCode ?? 0x01e240;
    this.random = options.random ?? Math.random;
    this.settings = applyCmppSettingsPatch(DEFAULT_CMPP_SIMULATOR_SETTINGS, options.settings ?? {});
  }

  listen(): Promise<void> {
    const server = net.createServer((socket) => this.accept(socket));
    this.server = server;
    return new Promise((resolve, reject) => {
      server.once("error", reject);
      server.listen(this.port, this.host, () => {
        const address = server.address();
        if (address && typeof address === "object") this.port = address.port;
        resolve();
      });
    });
  }

  configure(patch: CmppSimulatorSettingsPatch): CmppSimulatorSettings {
    this.settings = applyCmppSettingsPatch(this.settings, patch);
    return this.settings;
  }

  state(): CmppSimulatorState {
    return {
      listening: this.server !== null,
      host: this.host,
      port: this.port,
      version: this.version,
      sourceAddr: this.sourceAddr,
      settings: this.settings,
      sessions: [...this.sessions].map((s) => ({ id: s.id, connected: s.connected, pdusReceived: s.pdusReceived })),
      scheduledReports: this.scheduled,
      pendingDeliveries: this.pending.length + [...this.sessions].reduce((n, s) => n + s.deliveries.size, 0),
      counters: { ...this.counters },
    };
  }

  submits(): CmppSubmitRecord[] {
    return [...this.submitLog];
  }

  reports(): CmppReportRecord[] {
    return [...this.reportLog];
  }

  injectReply(input: CmppReplyInjection): { parts: number } {
    const reply = cmppReplySchema.parse(input);
    const ascii = /^[\x20-\x7e]*$/.test(reply.text);
    const bytes = ascii ? Buffer.from(reply.text, "latin1") : encodeUcs2(reply.text);
    const single = ascii ? 160 : 140;
    const chunks: Buffer[] = [];
    if (bytes.length <= single) chunks.push(bytes);
    else for (let i = 0; i < bytes.length; i += 134) chunks.push(bytes.subarray(i, i + 134));
    const reference = Math.floor(this.random() * 256);
    chunks.forEach((chunk, i) => {
      const udh = chunks.length > 1 ? concatenationUdh(reference, chunks.length, i + 1) : null;
      this.deliver({
        pdu: {
          command: "deliver",
          msgId: this.nextMsgId(),
          destId: reply.to,
          serviceId: "",
          tpPid: 0,
          tpUdhi: udh ? 1 : 0,
          msgFmt: ascii ? MSG_FMT.ASCII : MSG_FMT.UCS2,
          srcTerminalId: reply.from,
          srcTerminalType: 0,
          registeredDelivery: 0,
          msgContent: udh ? Buffer.concat([udh, chunk]) : chunk,
          linkId: "",
        },
        report: null,
      });
    });
    return { parts: chunks.length };
  }

  dropConnections(): number {
    const count = this.sessions.size;
    for (const session of [...this.sessions]) this.drop(session);
    return count;
  }

  async stop(): Promise<void> {
    const server = this.server;
    this.server = null;
    this.dropConnections();
    if (server) await new Promise<void>((resolve) => server.close(() => resolve()));
  }

  restart(): Promise<void> {
    if (this.server) return Promise.resolve();
    return this.listen();
  }

  async close(): Promise<void> {
    for (const timer of this.timers) clearTimeout(timer);
    this.timers.clear();
    await this.stop();
  }

  // ---- connections ----

  private accept(socket: net.Socket): void {
    socket.setNoDelay(true);
    const session: Session = {
      id: this.nextSessionId++,
      socket,
      connected: false,
      pdusReceived: 0,
      nextSequence: 1,
      deliveries: new Map(),
    };
    this.sessions.add(session);
    const framer = new PduFramer();
    socket.on("data", (chunk: Buffer) => {
      let frames: Buffer[];
      try {
        frames = framer.push(chunk);
      } catch {
        return this.drop(session);
      }
      for (const raw of frames) {
        if (!this.sessions.has(session)) return;
        session.pdusReceived++;
        const every = this.settings.dropConnectionEveryPdus;
        if (every > 0 && session.pdusReceived % every === 0) {
          this.counters.connectionsDropped++;
          return this.drop(session);
        }
        let pdu: CmppPdu;
        try {
          pdu = decodePdu(raw, this.version);
        } catch {
          return this.drop(session);
        }
        this.receive(session, pdu);
      }
    });
    socket.on("error", () => {});
    socket.on("close", () => this.forget(session));
  }

  private drop(session: Session): void {
    session.socket.destroy();
    this.forget(session);
  }

  /** A connection gone: what it had not answered goes out again on another. */
  private forget(session: Session): void {
    if (!this.sessions.delete(session)) return;
    for (const delivery of session.deliveries.values()) {
      if (delivery.report) delivery.report.result = "redelivering";
      this.pending.push(delivery);
    }
    session.deliveries.clear();
  }

  private write(session: Session, pdu: CmppPdu): void {
    if (session.socket.writable) session.socket.write(encodePdu(pdu, this.version));
  }

  private receive(session: Session, pdu: CmppPdu): void {
    switch (pdu.command) {
      case "connect":
        return this.connect(session, pdu);
      case "active_test":
        this.counters.activeTestsReceived++;
        return this.write(session, { command: "active_test_resp", sequenceId: pdu.sequenceId, reserved: 0 });
      case "terminate":
        this.counters.terminatesReceived++;
        this.write(session, { command: "terminate_resp", sequenceId: pdu.sequenceId });
        session.socket.end();
        return;
      case "submit":
        if (!session.connected) return this.drop(session);
        return this.submit(session, pdu);
      case "deliver_resp":
        return this.deliverAnswered(session, pdu.sequenceId, pdu.result);
      default:
        return;
    }
  }

  private connect(session: Session, pdu: Extract<CmppPdu, { command: "connect" }>): void {
    let status = this.settings.refuseConnectStatus;
    if (status === 0) {
      const expected = authenticatorSource(this.sourceAddr, this.secret, timestampText(pdu.timestamp));
      if (pdu.sourceAddr !== this.sourceAddr) status = 2;
      else if (!expected.equals(pdu.authenticatorSource)) status = 3;
      else if (pdu.version > VERSION_BYTE[this.version]) status = 4;
    }
    const ismg =
      status === 0 ? authenticatorIsmg(0, pdu.authenticatorSource, this.secret, this.version) : Buffer.alloc(16);
    this.write(session, {
      command: "connect_resp",
      sequenceId: pdu.sequenceId,
      status,
      authenticatorIsmg: ismg,
      version: VERSION_BYTE[this.version],
    });
    if (status !== 0) {
      this.counters.connectsRefused++;
      session.socket.end();
      return;
    }
    this.counters.connectsAccepted++;
    session.connected = true;
    this.flushPending();
  }

  private submit(session: Session, pdu: SubmitPdu): void {
    this.counters.submitsReceived++;
    const now = Date.now();
    const record: CmppSubmitRecord = {
      msgId: null,
      result: "accepted",
      sessionId: session.id,
      sequenceId: pdu.sequenceId,
      srcId: pdu.srcId,
      msgSrc: pdu.msgSrc,
      serviceId: pdu.serviceId,
      destinations: pdu.destTerminalIds,
      msgFmt: pdu.msgFmt,
      tpUdhi: pdu.tpUdhi,
      pkTotal: pdu.pkTotal,
      pkNumber: pdu.pkNumber,
      registeredDelivery: pdu.registeredDelivery,
      msgContent: pdu.msgContent,
      receivedAt: new Date(now),
    };
    this.submitLog.push(record);
    if (this.submitLog.length > 100_000) this.submitLog.shift();
    const limit = this.settings.throttleAbovePerSecond;
    if (limit > 0) {
      while (this.submitTimes.length > 0 && now - this.submitTimes[0]! >= 1000) this.submitTimes.shift();
      if (this.submitTimes.length >= limit) {
        this.counters.submitsThrottled++;
        record.result = "throttled";
        this.respond(session, {
          command: "submit_resp",
          sequenceId: pdu.sequenceId,
          msgId: 0n,
          result: SUBMIT_RESULT.FLOW_CONTROL,
        });
        return;
      }
      this.submitTimes.push(now);
    }
    const msgId = this.nextMsgId();
    record.msgId = msgIdKey(msgId);
    this.counters.submitsAccepted++;
    this.submitsSeen++;
    const omit = this.settings.omitResponseEvery;
    if (omit > 0 && this.submitsSeen % omit === 0) {
      this.counters.responsesOmitted++;
      record.result = "unanswered";
    } else {
      this.respond(session, { command: "submit_resp", sequenceId: pdu.sequenceId, msgId, result: SUBMIT_RESULT.OK });
    }
    if (pdu.registeredDelivery === 1)
      for (const destination of pdu.destTerminalIds) this.scheduleReport(msgId, destination, pdu.srcId, now);
  }

  private respond(session: Session, pdu: CmppPdu): void {
    const delay = this.settings.responseDelayMs;
    if (delay === 0) return this.write(session, pdu);
    this.later(delay, () => {
      if (this.sessions.has(session)) this.write(session, pdu);
    });
  }

  private nextMsgId(): bigint {
    const now = new Date(Date.now() + 8 * 3600_000); // the gateway's clock is China time
    this.sequence = (this.sequence + 1) & 0xffff;
    return packMsgId({
      month: now.getUTCMonth() + 1,
      day: now.getUTCDate(),
      hour: now.getUTCHours(),
      minute: now.getUTCMinutes(),
      second: now.getUTCSeconds(),
      gateway: this.gatewayCode,
      sequence: this.sequence,
    });
  }

  // ---- reports and replies ----

  private scheduleReport(msgId: bigint, destination: string, srcId: string, submittedAt: number): void {
    const stat = this.pickStat();
    const delay = this.settings.receiptDelayMs + Math.floor(this.random() * (this.settings.receiptDelayJitterMs + 1));
    this.scheduled++;
    this.later(delay, () => {
      this.scheduled--;
      const wireId = this.settings.reportMsgIdLittleEndian ? swapMsgIdBytes(msgId) : msgId;
      const record: CmppReportRecord = { msgId: msgIdKey(msgId), stat, destination, sessionId: 0, result: "in_flight" };
      this.reportLog.push(record);
      if (this.reportLog.length > 100_000) this.reportLog.shift();
      this.deliver({
        pdu: {
          command: "deliver",
          msgId: this.nextMsgId(),
          destId: srcId,
          serviceId: "",
          tpPid: 0,
          tpUdhi: 0,
          msgFmt: MSG_FMT.ASCII,
          srcTerminalId: destination,
          srcTerminalType: 0,
          registeredDelivery: 1,
          msgContent: encodeReport(
            {
              msgId: wireId,
              stat,
              submitTime: formatReportTime(new Date(submittedAt)),
              doneTime: formatReportTime(new Date()),
              destTerminalId: destination,
              smscSequence: this.sequence,
            },
            this.version,
          ),
          linkId: "",
        },
        report: record,
      });
    });
  }

  private pickStat(): ReceiptStat {
    const mix = this.settings.outcomeMix;
    const total = RECEIPT_STATS.reduce((sum, stat) => sum + mix[stat], 0);
    let roll = this.random() * total;
    for (const stat of RECEIPT_STATS) {
      roll -= mix[stat];
      if (roll < 0) return stat;
    }
    return "DELIVRD";
  }

  private deliver(delivery: Delivery): void {
    const session = [...this.sessions].find((s) => s.connected && s.socket.writable);
    if (!session) {
      this.pending.push(delivery);
      return;
    }
    const sequenceId = session.nextSequence++;
    session.deliveries.set(sequenceId, delivery);
    if (delivery.report) {
      delivery.report.sessionId = session.id;
      delivery.report.result = "in_flight";
      this.counters.reportsSent++;
    }
    this.write(session, { ...delivery.pdu, sequenceId });
  }

  private flushPending(): void {
    for (const delivery of this.pending.splice(0)) this.deliver(delivery);
  }

  private deliverAnswered(session: Session, sequenceId: number, result: number): void {
    const delivery = session.deliveries.get(sequenceId);
    if (!delivery) return;
    session.deliveries.delete(sequenceId);
    if (result === 0) {
      if (delivery.report) {
        delivery.report.result = "acknowledged";
        this.counters.reportsAcknowledged++;
      } else this.counters.repliesAcknowledged++;
      return;
    }
    if (delivery.report) delivery.report.result = "refused";
    this.later(this.settings.redeliveryDelayMs, () => this.deliver(delivery));
  }

  private later(ms: number, run: () => void): void {
    const timer = setTimeout(() => {
      this.timers.delete(timer);
      run();
    }, ms);
    this.timers.add(timer);
  }
}
