import type { AddressInfo, Socket } from 'node:net';
import { performance } from 'node:perf_hooks';
import { simpleParser } from 'mailparser';
import { SMTPServer } from 'smtp-server';

/** A message as the SMTP server received it, parsed as a mail client would read it. */
export interface ReceivedMail {
  /** The envelope's sender and recipients (MAIL FROM, RCPT TO). */
  from: string;
  to: string[];
  subject: string;
  text: string;
  html: string;
  /** Every header, names lower-cased, values as mailparser gives them. */
  headers: Map<string, unknown>;
  /** performance.now() when the server accepted it (the bench's latency). */
  acceptedAt: number;
}

interface Waiter {
  count: number;
  resolve(messages: ReceivedMail[]): void;
  reject(error: Error): void;
  timer: NodeJS.Timeout;
}

/**
 * A real SMTP server on loopback (the `smtp-server` package), for tests and the bench: plain SMTP
 * (no STARTTLS), any login accepted, every message parsed with `mailparser` and kept in order.
 * It can go down and come back on the same port, refuse given recipients for good (550), answer
 * given recipients as told, never answer others (a tarpit) and defer every recipient (451) while
 * told to.
 */
export class TestSmtpServer {
  readonly messages: ReceivedMail[] = [];
  /** Connections accepted, and mail transactions begun (MAIL FROM), since it started. */
  connections = 0;
  transactions = 0;
  /** Users that logged in. */
  readonly logins: string[] = [];
  /** RCPT TO answers by address (lower case): a reply code and its text. */
  private readonly answers = new Map<string, { code: number; text: string }>();
  private readonly stalled = new Set<string>();
  private readonly refused = new Set<string>();
  private deferring = false;
  private server: SMTPServer;
  private readonly sockets = new Set<Socket>();
  private waiters: Waiter[] = [];
  private up = false;
  private boundPort = 0;

  private constructor() {
    this.server = this.create();
  }

  /** Starts one on a port the OS chooses (127.0.0.1). */
  static async start(): Promise<TestSmtpServer> {
    const server = new TestSmtpServer();
    await server.listen(0);
    return server;
  }

  /** Its port, the same after a restart. */
  get port(): number {
    return this.boundPort;
  }

  /** `smtp://127.0.0.1:<port>`, with a login when `auth` is given. */
  url(auth?: { user: string; pass: string }): string {
    const login = auth ? `${encodeURIComponent(auth.user)}:${encodeURIComponent(auth.pass)}@` : '';
    return `smtp://${login}127.0.0.1:${this.port}`;
  }

  /** Refuses these recipients for good at RCPT TO: "550 5.1.1 <address>: no such user". */
  rejectRecipients(...addresses: string[]): void {
    for (const address of addresses) this.refused.add(address.toLowerCase());
  }

  /** Answers RCPT TO for this recipient with `code` and `text` (its enhanced status, if any, at the start of `text`). */
  answerRecipient(address: string, code: number, text: string): void {
    this.answers.set(address.toLowerCase(), { code, text });
  }

  /** Takes these recipients as any other again (what it was told to refuse, answer or stall on for them is forgotten). */
  acceptRecipients(...addresses: string[]): void {
    for (const address of addresses.map((a) => a.toLowerCase())) {
      this.refused.delete(address);
      this.answers.delete(address);
      this.stalled.delete(address);
    }
  }

  /** Never answers RCPT TO for these recipients (a tarpit, or a recipient check that hangs): the client times out. */
  stallRecipients(...addresses: string[]): void {
    for (const address of addresses) this.stalled.add(address.toLowerCase());
  }

  /** While on, defers every recipient: "451 4.7.1 try again later" (greylisting, a full queue). */
  deferAll(on: boolean): void {
    this.deferring = on;
  }

  /** Resolves with the messages once `count` have arrived (at once if they have); fails after `timeoutMs` saying how many came. */
  waitForMessages(count: number, timeoutMs = 20_000): Promise<ReceivedMail[]> {
    if (this.messages.length >= count) return Promise.resolve(this.messages.slice());
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.waiters = this.waiters.filter((w) => w.timer !== timer);
        reject(new Error(`waited for ${count} messages, ${this.messages.length} arrived`));
      }, timeoutMs);
      this.waiters.push({ count, resolve, reject, timer });
    });
  }

  /** Goes down: stops listening and cuts every open connection (a crash, not a polite shutdown). */
  async stop(): Promise<void> {
    if (!this.up) return;
    this.up = false;
    const closed = new Promise<void>((resolve) => this.server.close(() => resolve()));
    for (const socket of this.sockets) socket.destroy();
    await closed;
  }

  /** Comes back on the same port (what it was told to refuse or defer still holds). */
  async restart(): Promise<void> {
    await this.stop();
    this.server = this.create();
    await this.listen(this.port);
  }

  private create(): SMTPServer {
    const server = new SMTPServer({
      authOptional: true,
      allowInsecureAuth: true,
      disabledCommands: ['STARTTLS'],
      // the answers below carry their own enhanced status codes, as Postfix's do
      hideENHANCEDSTATUSCODES: true,
      // loopback, offline: no resolver to ask who 127.0.0.1 is
      disableReverseLookup: true,
      logger: false,
      onConnect: (_session, callback) => {
        this.connections++;
        callback();
      },
      onAuth: (auth, _session, callback) => {
        this.logins.push(auth.username ?? '');
        callback(null, { user: auth.username });
      },
      onMailFrom: (_address, _session, callback) => {
        this.transactions++;
        callback();
      },
      onRcptTo: (address, _session, callback) => {
        if (this.deferring) return callback(Object.assign(new Error('4.7.1 try again later'), { responseCode: 451 }));
        const recipient = address.address.toLowerCase();
        if (this.stalled.has(recipient)) return;
        if (this.refused.has(recipient)) {
          return callback(Object.assign(new Error(`5.1.1 <${address.address}>: no such user`), { responseCode: 550 }));
        }
        const answer = this.answers.get(recipient);
        if (answer) return callback(Object.assign(new Error(answer.text), { responseCode: answer.code }));
        callback();
      },
      onData: (stream, session, callback) => {
        simpleParser(stream)
          .then((parsed) => {
            this.received({
              from: session.envelope.mailFrom ? session.envelope.mailFrom.address : '',
              to: session.envelope.rcptTo.map((r) => r.address),
              subject: parsed.subject ?? '',
              text: parsed.text ?? '',
              html: typeof parsed.html === 'string' ? parsed.html : '',
              headers: parsed.headers as Map<string, unknown>,
              acceptedAt: performance.now(),
            });
            callback();
          })
          .catch((error: Error) => callback(error));
      },
    });
    // the sockets, to cut them on stop(); smtp-server itself would wait 30 s for them
    server.server.on('connection', (socket: Socket) => {
      this.sockets.add(socket);
      socket.once('close', () => this.sockets.delete(socket));
    });
    server.on('error', () => {
      // a client that vanished mid-command: nothing to do for a test server
    });
    return server;
  }

  private listen(port: number): Promise<void> {
    return new Promise((resolve, reject) => {
      this.server.server.once('error', reject);
      this.server.listen(port, '127.0.0.1', () => {
        this.server.server.off('error', reject);
        this.up = true;
        this.boundPort = (this.server.server.address() as AddressInfo).port;
        resolve();
      });
    });
  }

  private received(mail: ReceivedMail): void {
    this.messages.push(mail);
    const ready = this.waiters.filter((w) => this.messages.length >= w.count);
    this.waiters = this.waiters.filter((w) => this.messages.length < w.count);
    for (const waiter of ready) {
      clearTimeout(waiter.timer);
      waiter.resolve(this.messages.slice());
    }
  }
}
