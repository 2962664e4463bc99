// Outgoing e-mail settings. With SMTP_URL unset, mail goes to the local SMTP catcher
// (./catcher.ts) on 127.0.0.1:SMTP_CATCHER_PORT, which the app starts itself (instrumentation.ts),
// so development and tests never mail the outside world.
export const DEFAULT_SMTP_FROM = "企信通 <billing@bureau.example.com>";
export const DEFAULT_CATCHER_PORT = 2525;

export interface MailConfig {
  /** The SMTP server mail is handed to (smtp:// or smtps://, credentials in the URL). */
  smtpUrl: string;
  from: string;
  /** True when SMTP_URL is unset: the local catcher is the server, and the app runs it. */
  useCatcher: boolean;
  catcherPort: number;
}

export function loadMailConfig(env: Record<string, string | undefined> = process.env): MailConfig {
  const catcherPort = env.SMTP_CATCHER_PORT ? Number(env.SMTP_CATCHER_PORT) : DEFAULT_CATCHER_PORT;
  if (!Number.isInteger(catcherPort) || catcherPort < 0 || catcherPort > 65_535)
    throw new RangeError(`SMTP_CATCHER_PORT is not a port: ${env.SMTP_CATCHER_PORT}`);
  const smtpUrl = env.SMTP_URL?.trim();
  return {
    smtpUrl: smtpUrl || `smtp://127.0.0.1:${catcherPort}`,
    from: env.SMTP_FROM?.trim() || DEFAULT_SMTP_FROM,
    useCatcher: !smtpUrl,
    catcherPort,
  };
}
