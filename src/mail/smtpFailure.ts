import type { SendOutcome } from './mailTransport';

export type SendFailure = Extract<SendOutcome, { ok: false }>;

/** What nodemailer puts on the errors it hands back (its NodemailerError), as far as we read it. */
export interface SmtpError {
  code?: string;
  /** The system error under nodemailer's own code (ECONNREFUSED under ESOCKET). */
  originalCode?: string;
  responseCode?: number;
  /** The server's answer, e.g. "550 5.1.1 <x@example.com>: no such user". */
  response?: string;
  /** The SMTP command the server answered: MAIL FROM, RCPT TO, DATA... */
  command?: string;
  /** Set with responseCode: a 5xx other than 503. */
  permanent?: boolean;
  timeoutType?: string;
  message?: string;
}

/** System errors that mean the server could not be reached (nodemailer passes some on as they are). */
const UNREACHABLE = new Set(['ECONNREFUSED', 'ECONNRESET', 'EHOSTUNREACH', 'ENETUNREACH', 'ENOTFOUND', 'EAI_AGAIN', 'EPIPE', 'ETIMEDOUT']);

/** Longest server answer kept in an agent's view. */
const ANSWER_CHARS = 300;

/**
 * What a failed SMTP attempt means for the mail, in words for agents. The server's reply decides:
 * 5xx is permanent (the same mail would be refused again), 4xx and everything without a reply
 * (the server down, a timeout, a dropped connection) temporary. Exceptions:
 * - the fault is ours, not the mail's: a refused login or sender address (SMTP_URL, MAIL_FROM) is
 *   retried, so that mail queued meanwhile goes out once the operator has fixed the setting;
 * - "not now" said with a 5xx: a full mailbox (x.2.2), a full or congested mail system (x.3.1,
 *   x.4.5 — a provider's daily sending quota), which RFC 3463 calls persistent transient, and a 552
 *   to RCPT TO, which RFC 5321 (4.5.3.1.10) says to take as a 452: retried;
 * - the address itself refused for good: the mailbox does not exist or can never take mail
 *   (see `mailboxGone`). Only then is the address suppressed; every other refusal (5.7.x policy,
 *   relaying denied, a message too big, a bare 550 that says nothing of the mailbox) fails the
 *   mail and nothing else.
 *
 * @example
 *   smtpFailure({ code: 'ESOCKET', originalCode: 'ECONNREFUSED' })
 *   // => { ok: false, permanent: false, recipientRefused: false, reason: 'mail server unreachable (ECONNREFUSED)' }
 */
export function smtpFailure(error: unknown): SendFailure {
  const e = (typeof error === 'object' && error !== null ? error : { message: String(error) }) as SmtpError;
  if (e.code === 'EABORT') return temporary('sending took too long and was abandoned');
  if (typeof e.responseCode === 'number') return answered(e, e.responseCode);
  const system = e.originalCode ?? e.code;
  switch (e.code) {
    case 'ETIMEDOUT':
      return temporary(`mail server did not answer in time (${e.timeoutType ?? 'ETIMEDOUT'})`);
    case 'EDNS':
      return temporary(`mail server's name could not be resolved (${e.originalCode ?? 'EDNS'})`);
    case 'ECONNECTION':
      return temporary('the mail server closed the connection');
    case 'ETLS':
      return temporary(`the secure connection to the mail server failed: ${clean(e.message)}`);
    case 'EAUTH':
    case 'ENOAUTH':
      return temporary(`could not log in to the mail server (check SMTP_URL): ${clean(e.message)}`);
    case 'EENVELOPE':
      return { ok: false, permanent: true, recipientRefused: false, reason: 'not an address a mail can be sent to' };
    case 'ESOCKET':
      return temporary(`mail server unreachable (${system ?? 'ESOCKET'})`);
  }
  if (system && UNREACHABLE.has(system)) return temporary(`mail server unreachable (${system})`);
  return temporary(`sending failed: ${clean(e.message)}`);
}

function answered(e: SmtpError, code: number): SendFailure {
  const answer = clean(e.response) || String(code);
  const status = enhancedStatus(e.response);
  const permanent = e.permanent ?? (code >= 500 && code < 600 && code !== 503);
  // the server refused who we are, not this mail: retried until the setting is fixed
  if (e.code === 'EAUTH' || e.code === 'ENOAUTH') return temporary(`the mail server refused our login (check SMTP_URL): ${answer}`);
  if (e.command === 'MAIL FROM' && permanent) return temporary(`the mail server refused our sender address (check MAIL_FROM): ${answer}`);
  if (!permanent) return temporary(`the mail server asked to try again later: ${answer}`);
  if ((status && PERSISTENT_TRANSIENT.test(status)) || (code === 552 && e.command === 'RCPT TO'))
    return temporary(`the mail server cannot take it for now (a full mailbox, or a sending quota): ${answer}`);
  return { ok: false, permanent: true, recipientRefused: mailboxGone(e, code, status), reason: `refused by the mail server: ${answer}` };
}

/** RFC 3463's statuses that say the mailbox is not there: 5.1.1 bad mailbox, 5.1.2 bad domain, 5.1.3 bad syntax, 5.1.6 moved, 5.1.10 the domain takes no mail (null MX, RFC 7505). */
const MAILBOX_GONE = /^5\.1\.(1|2|3|6|10)$/;

/** RFC 3463's persistent transient statuses, even under a 5xx: mailbox full (x.2.2), mail system full (x.3.1), congestion or a sending quota (x.4.5). */
const PERSISTENT_TRANSIENT = /^[45]\.(2\.2|3\.1|4\.5)$/;

/**
 * Words that say, without an enhanced status, that the mailbox does not exist: "no such user",
 * "user unknown", "unknown recipient", "mailbox not found", "does not exist". Not "mailbox
 * unavailable": RFC 5321 gives that text to any 550, policy refusals included.
 */
const NO_SUCH_MAILBOX =
  /\b(no such (user|mailbox|recipient|address|account)|(user|recipient|mailbox|address|account) (unknown|not found|does ?n[o']t exist)|unknown (user|recipient|mailbox|address|account)|does ?n[o']t exist)\b/i;

/**
 * Whether the server said the mailbox itself does not exist, for good: a 5.1.x status of a missing
 * mailbox (from any command: some servers refuse a recipient only after DATA), or, when the reply
 * has no enhanced status, a 550/551/553 to RCPT TO whose words say so. Anything less suppresses
 * nothing: an address suppressed by mistake is a customer we stop writing to without anyone noticing.
 */
function mailboxGone(e: SmtpError, code: number, status: string | undefined): boolean {
  if (status) return MAILBOX_GONE.test(status);
  return e.command === 'RCPT TO' && [550, 551, 553].includes(code) && NO_SUCH_MAILBOX.test(e.response ?? '');
}

/** The enhanced status code after the reply code ("550 5.1.1 …" → "5.1.1"), when the server gave one. */
const enhancedStatus = (response: string | undefined): string | undefined => /^\d{3}[ -](\d\.\d{1,3}\.\d{1,3})\b/.exec(response ?? '')?.[1];

function temporary(reason: string): SendFailure {
  return { ok: false, permanent: false, recipientRefused: false, reason };
}

/** One line, no control characters, bounded: it is shown to agents as it is. */
function clean(text: string | undefined): string {
  const line = (text ?? '')
    .replace(/\p{Cc}+/gu, ' ')
    .replace(/\s+/g, ' ')
    .trim();
  return line.length > ANSWER_CHARS ? `${line.slice(0, ANSWER_CHARS - 1)}…` : line;
}
