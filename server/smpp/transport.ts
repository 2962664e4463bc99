// The smpp package's Session, with one change to its reader: each PDU is emitted together with
// its raw bytes (`"pdu", pdu, raw`), because the package's decoding of short_message is lossy
// (see codec/message-pdu.ts). A malformed stream also closes the socket instead of leaving the
// reader stuck, which is what the original does after its parse error. And its writer: PDUs written
// in the same tick leave in one socket write (corked until the next tick), because a burst of
// responses (a receipt batch acknowledged at once, an SMSC answering a window of submits) would
// otherwise cost one system call each.
import { type Socket } from "node:net";
import smpp from "smpp";

const HEADER_LENGTH = 16;

export type Pdu = smpp.PDU;

export class PduSession extends smpp.Session {
  constructor(options: { socket: Socket } | { host: string; port: number }) {
    super(options);
  }

  private corked = false;

  override send(pdu: Pdu, responseCallback?: (pdu: Pdu) => void, sendCallback?: (pdu: Pdu) => void): boolean {
    const socket = this.socket;
    if (!socket.writable) return false;
    if (!pdu.isResponse()) {
      if (!pdu.sequence_number) {
        if (this.sequence === 0x7fffffff) this.sequence = 0;
        pdu.sequence_number = ++this.sequence;
      }
      if (responseCallback) this._callbacks[pdu.sequence_number] = responseCallback;
    } else if (responseCallback && !sendCallback) {
      sendCallback = responseCallback;
    }
    if (!this.corked) {
      this.corked = true;
      socket.cork();
      process.nextTick(() => {
        this.corked = false;
        socket.uncork();
      });
    }
    if (sendCallback) socket.write(pdu.toBuffer(), () => sendCallback(pdu));
    else socket.write(pdu.toBuffer());
    return true;
  }

  /** Destroying the socket drops what is corked: write it first, as an unbuffered session would have. */
  override destroy(callback?: () => void): void {
    if (this.corked) {
      this.corked = false;
      while (this.socket.writableCorked > 0) this.socket.uncork();
    }
    super.destroy(callback);
  }

  override _extractPDUs(): void {
    if (this._busy) return;
    this._busy = true;
    try {
      while (!this.paused) {
        if (!this._command_length) {
          const length = smpp.PDU.commandLength(this.socket);
          if (!length) break;
          if (length < HEADER_LENGTH) throw new RangeError(`command_length ${length} is shorter than a header`);
          this._command_length = length;
        }
        const length = this._command_length;
        const body = this.socket.read(length - 4) as Buffer | null;
        if (!body) break;
        this._command_length = null;
        const raw = Buffer.allocUnsafe(length);
        raw.writeUInt32BE(length, 0);
        body.copy(raw, 4);
        const pdu = new smpp.PDU(raw);
        this.emit("pdu", pdu, raw);
        if (pdu.isResponse()) {
          const callback = this._callbacks[pdu.sequence_number];
          if (callback) {
            delete this._callbacks[pdu.sequence_number];
            callback(pdu);
          }
        }
      }
    } catch (error) {
      this.emit("error", error);
      this.socket.destroy();
    } finally {
      this._busy = false;
    }
  }
}
