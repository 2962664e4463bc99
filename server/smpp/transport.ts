// The smpp package's Session, with one change to its reader: each PDU is emitted together with
// its raw bytes (`"pdu", pdu, raw`), because the package's decoding of short_message is lossy
// (see codec/message-pdu.ts). A malformed stream also closes the socket instead of leaving the
// reader stuck, which is what the original does after its parse error. And its writer: PDUs written
// in the same tick leave in one socket write (corked until the next tick), because a burst of
// responses (a receipt batch acknowledged at once, an SMSC answering a window of submits) would
// otherwise cost one system call each. And what it writes is complete: the package's PDU.toBuffer
// writes only the header whenever command_status is not 0, which SMPP 3.4 allows for
// submit_sm_resp and bind_*_resp (their bodies "are not returned" on an error) but not for
// deliver_sm_resp and data_sm_resp, whose message_id is mandatory (§4.6.2, §4.7.2: a single NUL
// when unused). Real SMSCs read a 16-byte refusal as malformed and drop or misread it.
import { type Socket } from "node:net";
import smpp from "smpp";

export type Pdu = smpp.PDU;

const HEADER_LENGTH = 16;
const COMMAND_STATUS_OFFSET = 8;

/** Responses whose body is mandatory whatever their command_status. */
const BODY_ALWAYS = new Set(["deliver_sm_resp", "data_sm_resp"]);

/**
 * The PDU's bytes, complete per SMPP 3.4: a refusing deliver_sm_resp / data_sm_resp is encoded
 * with its body as if it were OK, and the status then written into the header (octets 8-11).
 */
export function encodePdu(pdu: Pdu): Buffer {
  if (!pdu.command_status || !BODY_ALWAYS.has(pdu.command)) return pdu.toBuffer();
  // The package's constructor keeps nothing but the header when given a status, so the body is
  // built from scratch: message_id as the response was given it, else empty.
  const withBody = new smpp.PDU(pdu.command, {
    sequence_number: pdu.sequence_number,
    message_id: pdu.message_id ?? "",
  });
  const bytes = withBody.toBuffer();
  bytes.writeUInt32BE(pdu.command_status, COMMAND_STATUS_OFFSET);
  pdu.command_length = bytes.length;
  return bytes;
}

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
    const bytes = encodePdu(pdu);
    if (sendCallback) socket.write(bytes, () => sendCallback(pdu));
    else socket.write(bytes);
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
