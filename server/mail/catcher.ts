// The local SMTP catcher: a real SMTP server on loopback that keeps every mail it receives in
// CaughtMail (with its attachments) instead of delivering it. The app starts it when SMTP_URL is
// unset (instrumentation.ts), so reminders in development and tests go over real SMTP and the back
// office shows them under /bureau/mail. Port 0 picks a free port (tests).
import type { AddressInfo } from "node:net";
import { type AddressObject, simpleParser } from "mailparser";
import { SMTPServer } from "smtp-server";
import type { Db } from "../db";

/** Larger mails are refused (552) rather than stored. */
export const CATCHER_MAX_BYTES = 25 * 1024 * 1024;

export interface MailCatcher {
  port: number;
  close(): Promise<void>;
}

function addressText(value: AddressObject | AddressObject[] | undefined): string {
  if (!value) return "";
  return (Array.isArray(value) ? value : [value]).map((a) => a.text).join(", ");
}

/** Parses one raw message and stores it; returns the CaughtMail id. */
export async function storeCaughtMail(
  db: Db,
  raw: Buffer,
  envelope: { from: string; to: string[] },
  receivedAt: Date,
): Promise<string> {
  const parsed = await simpleParser(raw);
  const mail = await db.caughtMail.create({
    data: {
      messageId: parsed.messageId ?? null,
      envelopeFrom: envelope.from,
      envelopeTo: envelope.to,
      fromHeader: addressText(parsed.from),
      toHeader: addressText(parsed.to),
      subject: parsed.subject ?? "",
      text: parsed.text ?? "",
      html: typeof parsed.html === "string" ? parsed.html : null,
      size: raw.length,
      receivedAt,
      attachments: {
        create: parsed.attachments.map((a, i) => ({
          filename: a.filename ?? `attachment-${i + 1}`,
          contentType: a.contentType,
          size: a.content.length,
          content: new Uint8Array(a.content),
        })),
      },
    },
    select: { id: true },
  });
  return mail.id;
}

export async function startMailCatcher(
  db: Db,
  options: { port: number; host?: string; now?: () => Date },
): Promise<MailCatcher> {
  const now = options.now ?? (() => new Date());
  const server = new SMTPServer({
    name: "qxt-mail-catcher",
    authOptional: true,
    // Loopback only: no TLS to negotiate, so clients send in the clear without a certificate.
    disabledCommands: ["STARTTLS", "AUTH"],
    size: CATCHER_MAX_BYTES,
    logger: false,
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on("data", (chunk: Buffer) => chunks.push(chunk));
      stream.on("error", (error) => callback(error));
      stream.on("end", () => {
        if ((stream as unknown as { sizeExceeded?: boolean }).sizeExceeded) {
          callback(Object.assign(new Error("message exceeds the catcher's size limit"), { responseCode: 552 }));
          return;
        }
        const envelope = {
          from: session.envelope.mailFrom ? session.envelope.mailFrom.address : "",
          to: session.envelope.rcptTo.map((r) => r.address),
        };
        storeCaughtMail(db, Buffer.concat(chunks), envelope, now()).then(
          (id) => callback(null, `stored as ${id}`),
          (error: unknown) => {
            console.error("[mail] catcher could not store a mail:", error);
            callback(Object.assign(new Error("could not store the mail"), { responseCode: 451 }));
          },
        );
      });
    },
  });
  await new Promise<void>((resolve, reject) => {
    server.server.once("error", reject);
    server.listen(options.port, options.host ?? "127.0.0.1", () => {
      server.server.off("error", reject);
      resolve();
    });
  });
  const port = (server.server.address() as AddressInfo).port;
  return {
    port,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
