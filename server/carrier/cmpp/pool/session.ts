// One CMPP connection: TCP, CMPP_CONNECT (authenticator sent and the ISMG's checked), its window of
// outstanding CMPP_SUBMIT, its own rate limit and flow-control pause, ACTIVE_TEST keepalive both
// ways with a missed-count disconnect, CMPP_TERMINATE on close (and the peer's answered). When the
// link dies every submit still in the window is handed back as unknown (it was written; the ISMG
// may have taken it) and the connection comes back after an exponential, jittered backoff.
import net from "node:net";
import { rebindDelayMs } from "../../../smpp/pool/backoff";
import { TokenBucket } from "../../../smpp/pool/rate-limit";
import { type BindState, type BindStatus } from "../../../smpp/pool/types";
import { Window } from "../../../smpp/pool/window";
import { authenticatorIsmg, authenticatorSource, connectTimestamp, describeConnectStatus } from "../codec/auth";
import {
  type CmppPdu,
  type DeliverPdu,
  PduFramer,
  type SubmitRespPdu,
  VERSION_BYTE,
  decodePdu,
  encodePdu,
} from "../codec/pdu";
import { type CmppConfig } from "../config";

/** What goes on the wire for one segment. */
export interface SendableSegment {
  destination: string;
  srcId: string;
  msgFmt: number;
  udh: Buffer | null;
  payload: Buffer;
  registeredDelivery: number;
  pkTotal: number;
  pkNumber: number;
}

export interface InFlight<S> {
  segment: S;
  sentAt: number;
  deadline: number;
}

export interface ConnectionEvents<S extends SendableSegment> {
  now(): number;
  bound(connection: CmppConnection<S>): void;
  ready(connection: CmppConnection<S>): void;
  submitAnswered(connection: CmppConnection<S>, entry: InFlight<S>, pdu: SubmitRespPdu): void;
  submitUnknown(
    connection: CmppConnection<S>,
    entry: InFlight<S>,
    reason: "connection_lost" | "response_timeout",
  ): void;
  lateResponse(connection: CmppConnection<S>): void;
  /** A CMPP_DELIVER; `respond(result)` answers it with DELIVER_RESP on its connection (a no-op once gone). */
  deliver(connection: CmppConnection<S>, pdu: DeliverPdu, raw: Buffer, respond: (result: number) => void): void;
  linkDown(connection: CmppConnection<S>, reason: string, wasBound: boolean): void;
  connectRefused(connection: CmppConnection<S>, reason: string, code: string): void;
}

interface Pending {
  sequence: number;
  deadline: number;
}

/** CONNECT refused, as a stable code and a sentence (status 2: BAD_SOURCE_ADDR, 3: AUTH_FAILED, 4: VERSION_TOO_HIGH). */
export class CmppConnectError extends Error {
  override readonly name = "CmppConnectError";
  constructor(
    readonly code: string,
    readonly status: number | null,
    message: string,
  ) {
    super(message);
  }
}

export class CmppConnection<S extends SendableSegment> {
  state: BindState = "down";
  readonly window: Window<InFlight<S>>;
  readonly bucket: TokenBucket;
  pausedUntil = 0;
  /** The last CONNECT refusal, kept until a CONNECT succeeds. */
  lastRefusal: CmppConnectError | null = null;
  private socket: net.Socket | null = null;
  private nextSequence = 1;
  private attempt = 0;
  private closing = false;
  private connectDeadline = 0;
  private lastReceivedAt = 0;
  private connectRequest: (Pending & { authSource: Buffer }) | null = null;
  private activeTest: Pending | null = null;
  private missedActiveTests = 0;
  private terminateRequest: Pending | null = null;
  private tickTimer: NodeJS.Timeout | null = null;
  private reconnectTimer: NodeJS.Timeout | null = null;
  private resumeTimer: NodeJS.Timeout | null = null;
  private closed: (() => void) | null = null;
  private readonly stats = {
    submitted: 0,
    throttled: 0,
    errors: 0,
    lastError: null as string | null,
    boundSince: null as Date | null,
    nextAttemptAt: null as Date | null,
  };

  constructor(
    readonly id: number,
    private readonly config: CmppConfig,
    private readonly events: ConnectionEvents<S>,
    private readonly random: () => number = Math.random,
    private readonly clock: () => Date = () => new Date(),
  ) {
    this.window = new Window(config.window);
    this.bucket = new TokenBucket(config.connectionMaxPerSecond, events.now());
  }

  start(): void {
    this.connect();
  }

  canSend(now: number): boolean {
    return this.state === "bound" && now >= this.pausedUntil && this.window.hasRoom;
  }

  /** Writes one CMPP_SUBMIT; false (nothing written) when the socket would not take it. */
  send(segment: S, now: number): boolean {
    const socket = this.socket;
    if (!socket || !socket.writable) return false;
    const sequenceId = this.sequence();
    const bytes = encodePdu(
      {
        command: "submit",
        sequenceId,
        msgId: 0n,
        pkTotal: segment.pkTotal,
        pkNumber: segment.pkNumber,
        registeredDelivery: segment.registeredDelivery,
        msgLevel: 1,
        serviceId: this.config.serviceId,
        feeUserType: this.config.fee.userType,
        feeTerminalId: "",
        feeTerminalType: 0,
        tpPid: 0,
        tpUdhi: segment.udh ? 1 : 0,
        msgFmt: segment.msgFmt,
        msgSrc: this.config.spId,
        feeType: this.config.fee.type,
        feeCode: this.config.fee.code,
        validTime: "",
        atTime: "",
        srcId: segment.srcId,
        destTerminalIds: [segment.destination],
        destTerminalType: 0,
        msgContent: segment.udh ? Buffer.concat([segment.udh, segment.payload]) : segment.payload,
        linkId: "",
      },
      this.config.version,
    );
    socket.write(bytes);
    this.window.add(sequenceId, { segment, sentAt: now, deadline: now + this.config.responseTimeoutMs });
    return true;
  }

  sendBatch(fill: () => void): void {
    const socket = this.socket;
    if (!socket) return fill();
    socket.cork();
    try {
      fill();
    } finally {
      socket.uncork();
    }
  }

  countAccepted(): void {
    this.stats.submitted++;
  }

  countError(reason?: string): void {
    this.stats.errors++;
    if (reason) this.stats.lastError = reason;
  }

  /** Result 8: no submits on this connection for a while. */
  pauseForThrottle(now: number): void {
    this.stats.throttled++;
    this.pausedUntil = Math.max(this.pausedUntil, now + this.config.throttlePauseMs);
    if (!this.resumeTimer) this.armResume(now);
  }

  private armResume(now: number): void {
    this.resumeTimer = setTimeout(
      () => {
        this.resumeTimer = null;
        const at = this.events.now();
        if (at < this.pausedUntil) return this.armResume(at);
        this.events.ready(this);
      },
      Math.max(1, Math.ceil(this.pausedUntil - now)),
    );
    this.resumeTimer.unref();
  }

  fail(reason: string): void {
    const socket = this.socket;
    if (!socket) return;
    this.linkLost(socket, reason);
    socket.destroy();
  }

  /** Sends CMPP_TERMINATE and waits for its answer (up to the timeout), then closes the socket. */
  close(timeoutMs: number): Promise<void> {
    this.closing = true;
    this.clearTimer("reconnectTimer");
    this.clearTimer("resumeTimer");
    const socket = this.socket;
    if (!socket) {
      this.state = "closed";
      this.clearTimer("tickTimer");
      return Promise.resolve();
    }
    return new Promise<void>((resolve) => {
      const force = setTimeout(() => this.fail("terminate timed out"), timeoutMs);
      force.unref();
      this.closed = () => {
        clearTimeout(force);
        resolve();
      };
      if (this.state === "bound" && socket.writable) {
        this.state = "unbinding";
        const sequenceId = this.sequence();
        socket.write(encodePdu({ command: "terminate", sequenceId }, this.config.version));
        this.terminateRequest = { sequence: sequenceId, deadline: this.events.now() + timeoutMs };
        return;
      }
      socket.end();
      socket.destroySoon();
    });
  }

  status(): BindStatus {
    const now = this.events.now();
    const wallClock = Date.now();
    return {
      id: this.id,
      state: this.state,
      inFlight: this.window.size,
      window: this.window.capacity,
      pausedUntil: this.pausedUntil > now ? new Date(wallClock + (this.pausedUntil - now)) : null,
      boundSince: this.state === "bound" ? this.stats.boundSince : null,
      nextAttemptAt: this.state === "down" ? this.stats.nextAttemptAt : null,
      submitted: this.stats.submitted,
      throttled: this.stats.throttled,
      errors: this.stats.errors,
      lastError: this.stats.lastError,
    };
  }

  private sequence(): number {
    const value = this.nextSequence;
    this.nextSequence = value >= 0x7fffffff ? 1 : value + 1;
    return value;
  }

  private write(pdu: CmppPdu): void {
    if (this.socket?.writable) this.socket.write(encodePdu(pdu, this.config.version));
  }

  private connect(): void {
    if (this.closing) return;
    this.state = "connecting";
    this.stats.nextAttemptAt = null;
    const now = this.events.now();
    this.connectDeadline = now + this.config.responseTimeoutMs;
    this.lastReceivedAt = now;
    this.missedActiveTests = 0;
    const socket = net.connect({ host: this.config.host, port: this.config.port });
    socket.setNoDelay(true);
    this.socket = socket;
    const framer = new PduFramer();
    socket.on("connect", () => {
      if (this.socket === socket) this.requestConnect(socket);
    });
    socket.on("data", (chunk: Buffer) => {
      if (this.socket !== socket) return;
      let frames: Buffer[];
      try {
        frames = framer.push(chunk);
      } catch (error) {
        return this.fail((error as Error).message);
      }
      for (const raw of frames) {
        if (this.socket !== socket) return;
        let pdu: CmppPdu;
        try {
          pdu = decodePdu(raw, this.config.version);
        } catch (error) {
          return this.fail(`unreadable PDU: ${(error as Error).message}`);
        }
        this.receive(socket, pdu, raw);
      }
    });
    socket.on("error", (error: Error) => {
      if (this.socket === socket) this.stats.lastError = error.message;
    });
    socket.on("close", () => {
      if (this.socket === socket) this.linkLost(socket, this.stats.lastError ?? "connection closed");
    });
    if (!this.tickTimer) {
      const period = Math.max(5, Math.min(1000, this.config.responseTimeoutMs / 4, this.config.activeTestMs / 4));
      this.tickTimer = setInterval(() => this.tick(), period);
      this.tickTimer.unref();
    }
  }

  private requestConnect(socket: net.Socket): void {
    this.state = "binding";
    const timestamp = connectTimestamp(this.clock());
    const authSource = authenticatorSource(this.config.sourceAddr, this.config.secret, timestamp.text);
    const sequenceId = this.sequence();
    socket.write(
      encodePdu(
        {
          command: "connect",
          sequenceId,
          sourceAddr: this.config.sourceAddr,
          authenticatorSource: authSource,
          version: VERSION_BYTE[this.config.version],
          timestamp: timestamp.value,
        },
        this.config.version,
      ),
    );
    this.connectRequest = {
      sequence: sequenceId,
      deadline: this.events.now() + this.config.responseTimeoutMs,
      authSource,
    };
  }

  private receive(socket: net.Socket, pdu: CmppPdu, raw: Buffer): void {
    this.lastReceivedAt = this.events.now();
    this.missedActiveTests = 0;
    switch (pdu.command) {
      case "submit_resp": {
        const entry = this.window.take(pdu.sequenceId);
        if (!entry) return this.events.lateResponse(this);
        return this.events.submitAnswered(this, entry, pdu);
      }
      case "connect_resp":
        return this.connectAnswered(pdu.sequenceId, pdu.status, pdu.authenticatorIsmg);
      case "active_test":
        return this.write({ command: "active_test_resp", sequenceId: pdu.sequenceId, reserved: 0 });
      case "active_test_resp":
        if (this.activeTest?.sequence === pdu.sequenceId) this.activeTest = null;
        return;
      case "deliver":
        return this.events.deliver(this, pdu, raw, (result) => {
          if (this.socket === socket)
            this.write({ command: "deliver_resp", sequenceId: pdu.sequenceId, msgId: pdu.msgId, result });
        });
      case "terminate":
        // The ISMG is leaving: answer, then treat it as the end of this link.
        this.write({ command: "terminate_resp", sequenceId: pdu.sequenceId });
        this.linkLost(socket, "terminated by the gateway");
        socket.end();
        return;
      case "terminate_resp":
        if (this.terminateRequest?.sequence === pdu.sequenceId) {
          this.terminateRequest = null;
          socket.end();
          socket.destroySoon();
        }
        return;
      default:
        // Requests we do not serve (QUERY, CANCEL answers...) are ignored; CMPP has no generic nack.
        return;
    }
  }

  private connectAnswered(sequenceId: number, status: number, ismg: Buffer): void {
    const request = this.connectRequest;
    if (!request || request.sequence !== sequenceId) return;
    this.connectRequest = null;
    let refusal: CmppConnectError | null = null;
    if (status !== 0) {
      const { code, text } = describeConnectStatus(status);
      refusal = new CmppConnectError(code, status, `CMPP connect refused (status ${status}): ${text}`);
    } else {
      const expected = authenticatorIsmg(status, request.authSource, this.config.secret, this.config.version);
      if (!expected.equals(ismg)) {
        refusal = new CmppConnectError(
          "ISMG_AUTH_MISMATCH",
          null,
          "CMPP connect answered with a wrong AuthenticatorISMG: not our gateway, or a different shared secret",
        );
      }
    }
    if (!refusal) {
      this.state = "bound";
      this.attempt = 0;
      this.lastRefusal = null;
      this.stats.boundSince = new Date();
      this.events.bound(this);
      return;
    }
    this.lastRefusal = refusal;
    this.stats.errors++;
    this.stats.lastError = refusal.message;
    this.events.connectRefused(this, refusal.message, refusal.code);
    this.fail(refusal.message);
  }

  private tick(): void {
    const now = this.events.now();
    if (this.state === "connecting" && now >= this.connectDeadline) return this.fail("connect timed out");
    if (this.connectRequest && now >= this.connectRequest.deadline) return this.fail("CMPP_CONNECT timed out");
    if (this.terminateRequest && now >= this.terminateRequest.deadline) return this.fail("terminate timed out");
    const expired = this.window.takeExpired(now);
    for (const entry of expired) this.events.submitUnknown(this, entry, "response_timeout");
    if (expired.length > 0) this.events.ready(this);
    if (this.state !== "bound" || !this.socket) return;
    if (this.activeTest && now >= this.activeTest.deadline) {
      this.activeTest = null;
      this.missedActiveTests++;
      if (this.missedActiveTests >= this.config.activeTestMaxMissed)
        return this.fail(`no answer to ${this.missedActiveTests} ACTIVE_TEST`);
    }
    if (!this.activeTest && now - this.lastReceivedAt >= this.config.activeTestMs) {
      const sequenceId = this.sequence();
      this.write({ command: "active_test", sequenceId });
      this.activeTest = { sequence: sequenceId, deadline: now + this.config.responseTimeoutMs };
    }
  }

  private linkLost(socket: net.Socket, reason: string): void {
    if (this.socket !== socket) return;
    this.socket = null;
    const wasBound = this.state === "bound" || this.state === "unbinding";
    this.state = this.closing ? "closed" : "down";
    this.connectRequest = null;
    this.activeTest = null;
    this.terminateRequest = null;
    this.pausedUntil = 0;
    this.clearTimer("resumeTimer");
    if (!this.closing) this.stats.lastError = reason;
    for (const entry of this.window.drain()) this.events.submitUnknown(this, entry, "connection_lost");
    this.events.linkDown(this, reason, wasBound);
    if (this.closing) {
      this.clearTimer("tickTimer");
      this.closed?.();
      this.closed = null;
      return;
    }
    const delay = rebindDelayMs(this.attempt++, this.config.reconnect, this.random);
    this.stats.nextAttemptAt = new Date(Date.now() + delay);
    this.reconnectTimer = setTimeout(() => {
      this.reconnectTimer = null;
      this.connect();
    }, delay);
  }

  private clearTimer(name: "tickTimer" | "reconnectTimer" | "resumeTimer"): void {
    const timer = this[name];
    if (timer) {
      clearTimeout(timer);
      this[name] = null;
    }
  }
}
