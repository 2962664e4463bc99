// Sending e-mail over SMTP (nodemailer): to SMTP_URL, or to the local catcher when it is unset.
import nodemailer from "nodemailer";
import { loadMailConfig } from "./config";

export interface MailAttachment {
  filename: string;
  contentType: string;
  content: Buffer;
}

export interface OutgoingMail {
  to: string;
  subject: string;
  text: string;
  attachments?: MailAttachment[];
}

export interface Mailer {
  /** Resolves with the Message-ID once the SMTP server accepted the mail; rejects when it did not. */
  send(mail: OutgoingMail): Promise<{ messageId: string }>;
  close(): void;
}

/** A mailer for one SMTP server. Timeouts are short: a failed attempt is retried later, not waited on. */
export function createMailer(options: { smtpUrl: string; from: string }): Mailer {
  const transport = nodemailer.createTransport(options.smtpUrl, {
    connectionTimeout: 10_000,
    greetingTimeout: 10_000,
    socketTimeout: 30_000,
  });
  return {
    async send(mail) {
      const info = await transport.sendMail({
        from: options.from,
        to: mail.to,
        subject: mail.subject,
        text: mail.text,
        attachments: mail.attachments?.map((a) => ({
          filename: a.filename,
          contentType: a.contentType,
          content: a.content,
        })),
      });
      return { messageId: String(info.messageId) };
    },
    close: () => transport.close(),
  };
}

const globalForMail = globalThis as unknown as { qxtMailer?: { key: string; mailer: Mailer } };

/** The process-wide mailer for the current configuration (made again if the configuration changed). */
export function mailer(): Mailer {
  const config = loadMailConfig();
  const key = `${config.smtpUrl}\n${config.from}`;
  if (globalForMail.qxtMailer?.key !== key) {
    globalForMail.qxtMailer?.mailer.close();
    globalForMail.qxtMailer = { key, mailer: createMailer(config) };
  }
  return globalForMail.qxtMailer.mailer;
}
