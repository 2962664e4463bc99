// One bind: a TCP connection bound as transceiver, its window of outstanding submit_sm, its own
// rate limit and throttle pause, and the watchdog that notices a link gone silent. When the link
// dies, every submit still in the window is handed back as unknown (it was written; the SMSC may
// have taken it) and the bind reconnects after an exponential, jittered backoff.
import smpp from "smpp";
import { type SmppConfig } from "../config";
import { type Pdu, PduSession } from "../transport";
import { rebindDelayMs } from "./backoff";
import { ESME, commandStatusName } from "./errors";
import { TokenBucket } from "./rate-limit";
import { type BindState, type BindStatus } from "./types";
import { Window } from "./window";

/** A segment as the pool tracks it; the session only needs what goes on the wire. */
export interface SendableSegment {
  destination: string;
  source: string;
  dataCoding: number;
  esmClass: number;
  registeredDelivery: number;
  wire: Buffer;
}

export interface InFlight<S> {
  segment: S;
  sentAt: number;
  deadline: number;
}

/** What the pool does with what a bind reports. */
export interface BindEvents<S extends SendableSegment> {
  now(): number;
  bound(bind: BindSession<S>): void;
  /** The bind can take more segments (a response freed the window, a pause ended). */
  ready(bind: BindSession<S>): void;
  submitAnswered(bind: BindSession<S>, entry: InFlight<S>, pdu: Pdu): void;
  submitUnknown(bind: BindSession<S>, entry: InFlight<S>, reason: "connection_lost" | "response_timeout"): void;
  lateResponse(bind: BindSession<S>): void;
  /** A deliver_sm; `respond` answers it on the connection it came from (a no-op once that is gone). */
  deliverSm(bind: BindSession<S>, raw: Buffer, respond: (commandStatus: number) => void): void;
  linkDown(bind: BindSession<S>, reason: string, wasBound: boolean): void;
  bindRefused(bind: BindSession<S>, reason: string): void;
}

interface Pending {
  sequence: number;
  deadline: number;
}

export class BindSession<S extends SendableSegment> {
  state: BindState = "down";
  readonly window: Window<InFlight<S>>;
  readonly bucket: TokenBucket;
  pausedUntil = 0;
  private session: PduSession | null = null;
  private attempt = 0;
  private closing = false;
  private connectDeadline = 0;
  private lastReceivedAt = 0;
  private bindRequest: Pending | null = null;
  private enquire: Pending | null = null;
  private missedEnquireLinks = 0;
  private unbindRequest: Pending | null = null;
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
    private readonly config: SmppConfig,
    private readonly events: BindEvents<S>,
    private readonly random: () => number = Math.random,
  ) {
    this.window = new Window(config.window);
    this.bucket = new TokenBucket(config.bindMaxPerSecond, events.now());
  }

  start(): void {
    this.connect();
  }

  /** Bound, not paused, room in the window. */
  canSend(now: number): boolean {
    return this.state === "bound" && now >= this.pausedUntil && this.window.hasRoom;
  }

  /**
   * Writes one submit_sm. False when the socket would not take it: then nothing was written and
   * the caller may give the segment to another bind.
   */
  send(segment: S, now: number): boolean {
    const session = this.session;
    if (!session) return false;
    const pdu = new smpp.PDU("submit_sm", {
      service_type: this.config.serviceType,
      source_addr_ton: this.config.source.ton,
      source_addr_npi: this.config.source.npi,
      source_addr: segment.source,
      dest_addr_ton: this.config.destination.ton,
      dest_addr_npi: this.config.destination.npi,
      destination_addr: segment.destination,
      esm_class: segment.esmClass,
      registered_delivery: segment.registeredDelivery,
      data_coding: segment.dataCoding,
      short_message: segment.wire,
    });
    if (!session.send(pdu)) {
      this.fail("socket not writable");
      return false;
    }
    this.window.add(pdu.sequence_number, { segment, sentAt: now, deadline: now + this.config.responseTimeoutMs });
    return true;
  }

  /** Writes several submit_sm in one socket write (one syscall instead of many). */
  sendBatch(fill: () => void): void {
    const socket = this.session?.socket;
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

  /** Stops sending on this link for a while after the SMSC said "throttled" / "queue full". */
  pauseForThrottle(now: number): void {
    this.stats.throttled++;
    this.pausedUntil = Math.max(this.pausedUntil, now + this.config.throttlePauseMs);
    if (!this.resumeTimer) this.armResume(now);
  }

  // Later throttles extend the pause, and timers may fire a little early: re-arm until it is over.
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

  /** Declares the link dead: the socket is destroyed and the bind reconnects after a backoff. */
  fail(reason: string): void {
    const session = this.session;
    if (!session) return;
    this.linkLost(session, reason);
    session.destroy();
  }

  /** Unbinds cleanly (waiting for unbind_resp up to the timeout), then closes the socket. */
  close(timeoutMs: number): Promise<void> {
    this.closing = true;
    this.clearTimer("reconnectTimer");
    this.clearTimer("resumeTimer");
    const session = this.session;
    if (!session) {
      this.state = "closed";
      this.clearTimer("tickTimer");
      return Promise.resolve();
    }
    return new Promise<void>((resolve) => {
      const force = setTimeout(() => this.fail("unbind timed out"), timeoutMs);
      force.unref();
      this.closed = () => {
        clearTimeout(force);
        resolve();
      };
      if (this.state === "bound") {
        this.state = "unbinding";
        const pdu = new smpp.PDU("unbind");
        if (session.send(pdu)) {
          this.unbindRequest = { sequence: pdu.sequence_number, deadline: this.events.now() + timeoutMs };
          return;
        }
      }
      session.close();
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

  private connect(): void {
    if (this.closing) return;
    this.state = "connecting";
    this.stats.nextAttemptAt = null;
    const now = this.events.now();
    this.connectDeadline = now + this.config.responseTimeoutMs;
    this.lastReceivedAt = now;
    this.missedEnquireLinks = 0;
    const session = new PduSession({ host: this.config.host, port: this.config.port });
    this.session = session;
    session.on("connect", () => {
      if (this.session === session) this.requestBind(session);
    });
    session.on("pdu", (pdu: Pdu, raw: Buffer) => {
      if (this.session === session) this.receive(session, pdu, raw);
    });
    session.on("error", (error: Error) => {
      if (this.session === session) this.stats.lastError = error.message;
    });
    session.on("close", () => {
      if (this.session === session) this.linkLost(session, this.stats.lastError ?? "connection closed");
    });
    if (!this.tickTimer) {
      const period = Math.max(5, Math.min(1000, this.config.responseTimeoutMs / 4, this.config.enquireLinkMs / 4));
      this.tickTimer = setInterval(() => this.tick(), period);
      this.tickTimer.unref();
    }
  }

  private requestBind(session: PduSession): void {
    this.state = "binding";
    const pdu = new smpp.PDU("bind_transceiver", {
      system_id: this.config.systemId,
      password: this.config.password,
      system_type: this.config.systemType,
      interface_version: 0x34,
      addr_ton: 0,
      addr_npi: 0,
      address_range: "",
    });
    if (session.send(pdu)) {
      this.bindRequest = { sequence: pdu.sequence_number, deadline: this.events.now() + this.config.responseTimeoutMs };
    }
  }

  private receive(session: PduSession, pdu: Pdu, raw: Buffer): void {
    this.lastReceivedAt = this.events.now();
    this.missedEnquireLinks = 0;
    switch (pdu.command) {
      case "submit_sm_resp":
        return this.answered(pdu);
      case "generic_nack":
        // A generic_nack names the request it rejects by sequence number; one we cannot place
        // (sequence 0: the SMSC could not even read our header) leaves that submit to time out.
        if (this.bindRequest?.sequence === pdu.sequence_number) return this.bindAnswered(pdu);
        if (this.enquire?.sequence === pdu.sequence_number) {
          this.enquire = null;
          return;
        }
        return this.answered(pdu);
      case "bind_transceiver_resp":
        return this.bindAnswered(pdu);
      case "enquire_link_resp":
        if (this.enquire?.sequence === pdu.sequence_number) this.enquire = null;
        return;
      case "enquire_link":
        session.send(pdu.response());
        return;
      case "deliver_sm":
        return this.events.deliverSm(this, raw, (commandStatus) => {
          if (this.session === session) session.send(pdu.response({ command_status: commandStatus }));
        });
      case "unbind":
        // The SMSC is leaving: answer, then treat it as the end of this link.
        session.send(pdu.response());
        this.linkLost(session, "unbound by SMSC");
        session.close();
        return;
      case "unbind_resp":
        if (this.unbindRequest?.sequence === pdu.sequence_number) {
          this.unbindRequest = null;
          session.close();
        }
        return;
      default:
        if (!pdu.isResponse() && pdu.command !== "alert_notification") {
          session.send(pdu.response({ command_status: ESME.RINVCMDID }));
        }
    }
  }

  private answered(pdu: Pdu): void {
    const entry = this.window.take(pdu.sequence_number);
    if (!entry) {
      // A response after its timeout (already reported unknown) or to nothing we sent.
      this.events.lateResponse(this);
      return;
    }
    this.events.submitAnswered(this, entry, pdu);
  }

  private bindAnswered(pdu: Pdu): void {
    if (this.bindRequest?.sequence !== pdu.sequence_number) return;
    this.bindRequest = null;
    if (pdu.command_status === ESME.ROK && pdu.command === "bind_transceiver_resp") {
      this.state = "bound";
      this.attempt = 0;
      this.stats.boundSince = new Date();
      this.events.bound(this);
      return;
    }
    const reason = `bind refused: ${commandStatusName(pdu.command_status)}`;
    this.stats.errors++;
    this.stats.lastError = reason;
    this.events.bindRefused(this, reason);
    this.fail(reason);
  }

  private tick(): void {
    const now = this.events.now();
    if (this.state === "connecting" && now >= this.connectDeadline) return this.fail("connect timed out");
    if (this.bindRequest && now >= this.bindRequest.deadline) return this.fail("bind timed out");
    if (this.unbindRequest && now >= this.unbindRequest.deadline) return this.fail("unbind timed out");
    const expired = this.window.takeExpired(now);
    for (const entry of expired) this.events.submitUnknown(this, entry, "response_timeout");
    if (expired.length > 0) this.events.ready(this);
    if (this.state !== "bound" || !this.session) return;
    // Broken TCP connections can stay silent for hours: probe when idle, give up after N misses.
    if (this.enquire && now >= this.enquire.deadline) {
      this.enquire = null;
      this.missedEnquireLinks++;
      if (this.missedEnquireLinks >= this.config.enquireLinkMaxMissed) {
        return this.fail(`no answer to ${this.missedEnquireLinks} enquire_link`);
      }
    }
    if (!this.enquire && now - this.lastReceivedAt >= this.config.enquireLinkMs) {
      const pdu = new smpp.PDU("enquire_link");
      if (this.session.send(pdu))
        this.enquire = { sequence: pdu.sequence_number, deadline: now + this.config.responseTimeoutMs };
    }
  }

  private linkLost(session: PduSession, reason: string): void {
    if (this.session !== session) return;
    this.session = null;
    const wasBound = this.state === "bound" || this.state === "unbinding";
    this.state = this.closing ? "closed" : "down";
    this.bindRequest = null;
    this.enquire = null;
    this.unbindRequest = null;
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
    const delay = rebindDelayMs(this.attempt++, this.config.rebind, this.random);
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
