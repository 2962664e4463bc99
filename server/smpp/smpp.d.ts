// Types for the parts of `smpp` 0.5.1 (farhadi/node-smpp) this layer uses. The package ships none.
// Only what server/smpp touches is declared; the package's own decoding of short_message is
// deliberately not typed in detail because we read message bytes from the raw PDU instead.
declare module "smpp" {
  import { EventEmitter } from "node:events";
  import { type AddressInfo, type Socket } from "node:net";

  namespace smpp {
    /** A decoded PDU: header fields plus whatever mandatory parameters and TLVs the command has. */
    class PDU {
      constructor(command: string, options?: Record<string, unknown>);
      constructor(buffer: Buffer);
      command: string;
      command_id: number;
      command_length: number;
      command_status: number;
      sequence_number: number;
      /** Present on submit_sm_resp / deliver_sm_resp / data_sm_resp. */
      message_id?: string;
      system_id?: string;
      password?: string;
      system_type?: string;
      [param: string]: unknown;
      isResponse(): boolean;
      /** The matching response (generic_nack for an unknown command), same sequence number. */
      response(options?: Record<string, unknown>): PDU;
      toBuffer(): Buffer;
      static commandLength(stream: Socket): number | false;
      static fromBuffer(buffer: Buffer): PDU | false;
      static maxLength: number;
    }

    interface SessionOptions {
      socket?: Socket;
      host?: string;
      port?: number;
      tls?: boolean;
      auto_enquire_link_period?: number;
    }

    type ResponseCallback = (pdu: PDU) => void;

    /** One SMPP connection, client side (connects itself) or server side (wraps an accepted socket). */
    class Session extends EventEmitter {
      constructor(options: SessionOptions);
      socket: Socket;
      sequence: number;
      paused: boolean;
      server?: Server;
      // Internals of the reader loop, declared so that a subclass can replace `_extractPDUs`.
      _busy: boolean;
      _command_length: number | null;
      _callbacks: Record<number, ResponseCallback | undefined>;
      _extractPDUs(): void;
      /** Writes the PDU; assigns the next sequence number to requests without one. False when the socket is not writable. */
      send(pdu: PDU, responseCallback?: ResponseCallback, sendCallback?: ResponseCallback): boolean;
      pause(): void;
      resume(): void;
      close(callback?: () => void): void;
      destroy(callback?: () => void): void;
      bind_transceiver(options: Record<string, unknown>, responseCallback?: ResponseCallback): boolean;
      submit_sm(options: Record<string, unknown>, responseCallback?: ResponseCallback): boolean;
      deliver_sm(options: Record<string, unknown>, responseCallback?: ResponseCallback): boolean;
      enquire_link(options?: Record<string, unknown>, responseCallback?: ResponseCallback): boolean;
      unbind(options?: Record<string, unknown>, responseCallback?: ResponseCallback): boolean;
    }

    class Server extends EventEmitter {
      sessions: Session[];
      listen(port: number, host?: string, callback?: () => void): this;
      address(): AddressInfo | string | null;
      close(callback?: (error?: Error) => void): this;
    }

    function createServer(listener?: (session: Session) => void): Server;
    function connect(options: SessionOptions & { url?: string }, listener?: () => void): Session;

    const errors: Record<string, number>;
    const ESM_CLASS: Record<string, number>;
    const MESSAGE_STATE: Record<string, number>;
  }

  export = smpp;
}
