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
 * (the server down, a timeout, a dropped connection) temporary. Two exceptions, because the fault
 * is ours and not the mail's: a refused login or sender address (SMTP_URL, MAIL_FROM) is retried,
 * so that mail queued meanwhile goes out once the operator has fixed the setting. A recipient
 * refused for good (550-553 to RCPT TO, or a 5.1.x "bad destination mailbox" status) is reported
 * as such: nothing is sent to that address again. Policy refusals (5.7.x: relaying denied) are
 * about our server, not the address, and suppress nothing.
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
  const permanent = e.permanent ?? (code >= 500 && code < 600 && code !== 503);
  // the server refused who we are, not this mail: retried until the setting is fixed
  if (e.code === 'EAUTH' || e.code === 'ENOAUTH') return temporary(`the mail server refused our login (check SMTP_URL): ${answer}`);
  if (e.command === 'MAIL FROM' && permanent) return temporary(`the mail server refused our sender address (check MAIL_FROM): ${answer}`);
  if (!permanent) return temporary(`the mail server asked to try again later: ${answer}`);
  return { ok: false, permanent: true, recipientRefused: refusesRecipient(e, code), reason: `refused by the mail server: ${answer}` };
}

/** A refusal of the address itself: 550-553 to RCPT TO (but not a 5.7.x policy refusal), or a 5.1.x mailbox status anywhere. */
function refusesRecipient(e: SmtpError, code: number): boolean {
  const status = /^\d{3}[ -](\d\.\d{1,3}\.\d{1,3})\b/.exec(e.response ?? '')?.[1];
  if (status && /^5\.1\.(1|2|3|6|10)$/.test(status)) return true;
  return e.command === 'RCPT TO' && code >= 550 && code <= 553 && !status?.startsWith('5.7.');
}

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
