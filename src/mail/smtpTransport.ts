import { createTransport } from 'nodemailer';
import type { MailConfig } from '../config/config';
import type { MailTransport, OutgoingMail, SendOutcome } from './mailTransport';
import { smtpFailure } from './smtpFailure';

/** How long to wait for the mail server: a dead one must fail an attempt fast, a slow one may take its time per command. */
export interface SmtpTimeouts {
  connectionMs: number;
  greetingMs: number;
  /** Silence on an open connection. */
  socketMs: number;
}

export const SMTP_TIMEOUTS: SmtpTimeouts = { connectionMs: 10_000, greetingMs: 10_000, socketMs: 30_000 };

/** Mail sent at once: two connections keep a burst moving without a mail server counting us as a flood. */
const CONNECTIONS = 2;

/** One address and nothing else: no list, no display name, no spaces (what anonymous customers type is checked before it is queued; this is the last guard). */
const SINGLE_ADDRESS = /^[^\s@,;:<>()[\]"\\]+@[^\s@,;:<>()[\]"\\]+$/;

/**
 * SMTP through nodemailer (SMTP_URL, MAIL_FROM): a pool of connections reused from mail to mail,
 * plain text and HTML alternatives, no tracking of any kind. Every attempt of one mail carries
 * the same Message-ID (from its outbox id), so a mail sent twice — the outbox sends at least
 * once — can be recognised as one. Neither the URL nor its password ever reaches a log or a
 * reason shown to agents.
 */
export function smtpTransport(config: Pick<MailConfig, 'smtpUrl' | 'from'>, timeouts: SmtpTimeouts = SMTP_TIMEOUTS): MailTransport {
  const transporter = createTransport({
    url: config.smtpUrl,
    pool: true,
    maxConnections: CONNECTIONS,
    connectionTimeout: timeouts.connectionMs,
    greetingTimeout: timeouts.greetingMs,
    socketTimeout: timeouts.socketMs,
    // the content is ours: nothing in it may make nodemailer read a file or fetch a URL
    disableFileAccess: true,
    disableUrlAccess: true,
    logger: false,
  });
  const domain = /@([^\s>]+)>?\s*$/.exec(config.from)?.[1] ?? 'localhost';
  const secrets = secretsOf(config.smtpUrl);
  const redact = (reason: string) => secrets.reduce((text, secret) => text.split(secret).join('***'), reason);

  return {
    async send(mail: OutgoingMail, signal?: AbortSignal): Promise<SendOutcome> {
      if (!SINGLE_ADDRESS.test(mail.to)) {
        return { ok: false, permanent: true, recipientRefused: false, reason: 'not an address a mail can be sent to' };
      }
      try {
        await transporter.sendMail({
          from: config.from,
          to: mail.to,
          subject: mail.subject,
          text: mail.text,
          html: mail.html,
          messageId: `<${mail.id}@${domain}>`,
          // RFC 3834: what the assistant sends by itself must not start an auto-reply loop; an agent's answer is a person's
          headers: mail.kind === 'agent_reply' ? {} : { 'Auto-Submitted': 'auto-generated' },
          signal,
        });
        return { ok: true };
      } catch (error) {
        const failure = smtpFailure(error);
        return { ...failure, reason: redact(failure.reason) };
      }
    },
    async close(): Promise<void> {
      transporter.close();
    },
  };
}

/** The URL itself and its password, as they could appear in an error's words. */
function secretsOf(smtpUrl: string): string[] {
  const secrets = [smtpUrl];
  try {
    const { password } = new URL(smtpUrl);
    if (password) secrets.push(password, decodeURIComponent(password));
  } catch {
    // the config checked it is a URL
  }
  return secrets.filter((s) => s.length >= 3);
}
