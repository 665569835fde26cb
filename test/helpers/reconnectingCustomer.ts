import WebSocket from 'ws';
import type { DlActivity } from './rawDirectLine';

/** How long a customer waits for something the bot owes them before the test calls it missing. */
const ANSWER_BOUND_MS = 15_000;
/** Attempts at a new stream after one closed: round robin tries another instance at each. */
const RECONNECT_ATTEMPTS = 12;

export interface ReceivedActivity extends DlActivity {
  /** Which of the customer's streams (0 = the first) delivered it. */
  stream: number;
}

/**
 * A Direct Line customer as Web Chat (botframework-directlinejs) is one: posts over HTTP, reads the
 * WebSocket stream, and when the stream closes asks for a new streamUrl with its watermark
 * (`GET /v3/directline/conversations/:id?watermark=`) and opens that — at once here, where
 * directlinejs waits 3–15 s first. Every activity it was sent is kept, in order, with the stream
 * that brought it, so a test can say nothing was missed and nothing came twice.
 */
export class ReconnectingCustomer {
  readonly received: ReceivedActivity[] = [];
  session!: { token: string; conversationId: string; userId: string };
  watermark = 0;
  /** Streams opened so far (the first, then one per reconnect). */
  streams = 0;
  /** Times at which the stream closed without the customer closing it, and at which a new one opened. */
  readonly closedAt: number[] = [];
  readonly reopenedAt: number[] = [];
  private socket: WebSocket | null = null;
  private leaving = false;
  private failure: Error | null = null;
  private readonly waiters = new Set<() => void>();
  private sent = 0;

  constructor(private readonly base: string) {}

  /** A token, the conversation started (the greeting), and the stream open. */
  async start(): Promise<void> {
    this.session = await this.json('POST', '/api/directline/token');
    const started = await this.json<{ streamUrl: string }>('POST', '/v3/directline/conversations');
    // an upgrade the proxy sent to an instance that is down fails: ask for a new streamUrl, as on any close
    if (!(await this.open(started.streamUrl))) await this.reconnect();
    if (this.failure) throw this.failure;
  }

  /** Where the received list stands now: `asked(prompt, mark)` looks only at what came after. */
  mark(): number {
    return this.received.length;
  }

  /** The bot's (or an agent's) activity that matches, among those received from index `after` on; bounded. */
  async until(
    match: (a: ReceivedActivity) => boolean,
    after = 0,
    what = 'an activity',
    boundMs = ANSWER_BOUND_MS,
  ): Promise<ReceivedActivity> {
    const deadline = Date.now() + boundMs;
    for (;;) {
      if (this.failure) throw this.failure;
      const found = this.received.slice(after).find((a) => a.from.role !== 'user' && match(a));
      if (found) return found;
      const left = deadline - Date.now();
      if (left <= 0) throw new Error(`${what} did not arrive within ${boundMs} ms; received: ${this.describe(after)}`);
      await new Promise<void>((resolve) => {
        const timer = setTimeout(done, left);
        function done() {
          clearTimeout(timer);
          resolve();
        }
        this.waiters.add(() => done());
      });
    }
  }

  /** The question `prompt` asked (inputHint expectingInput), after `after`. */
  asked(prompt: string, after = 0, boundMs?: number): Promise<ReceivedActivity> {
    return this.until(
      (a) => a.inputHint === 'expectingInput' && a.channelData?.prompt === prompt,
      after,
      `the "${prompt}" question`,
      boundMs,
    );
  }

  /** The next question asked after `after`, whichever it is. */
  nextQuestion(after: number, boundMs?: number): Promise<ReceivedActivity> {
    return this.until((a) => a.inputHint === 'expectingInput' && Boolean(a.channelData?.prompt), after, 'a question', boundMs);
  }

  /** Posts a message through the proxy; its HTTP status and the id the server gave it. */
  async say(text: string): Promise<{ status: number; id?: string }> {
    const res = await fetch(`${this.base}/v3/directline/conversations/${this.session.conversationId}/activities`, {
      method: 'POST',
      headers: { ...this.auth(), 'Content-Type': 'application/json' },
      body: JSON.stringify({
        type: 'message',
        from: { id: this.session.userId },
        text,
        channelData: { clientActivityID: `c${++this.sent}` },
      }),
    });
    const body = (await res.json().catch(() => ({}))) as { id?: string };
    return { status: res.status, id: body.id };
  }

  /** Uploads a file as Web Chat does (multipart, the activity first). */
  async upload(name: string, bytes: Buffer, contentType: string): Promise<number> {
    const form = new FormData();
    const activity = { type: 'message', from: { id: this.session.userId }, channelData: { clientActivityID: `c${++this.sent}` } };
    form.append('activity', new Blob([JSON.stringify(activity)], { type: 'application/vnd.microsoft.activity' }));
    form.append('file', new Blob([new Uint8Array(bytes)], { type: contentType }), name);
    const url = `${this.base}/v3/directline/conversations/${this.session.conversationId}/upload?userId=${this.session.userId}`;
    return (await fetch(url, { method: 'POST', headers: this.auth(), body: form })).status;
  }

  /** Every activity of the conversation as stored, read through the proxy (the poll of Direct Line). */
  async storedActivities(): Promise<DlActivity[]> {
    const page = await this.json<{ activities: DlActivity[] }>(
      'GET',
      `/v3/directline/conversations/${this.session.conversationId}/activities?watermark=0`,
    );
    return page.activities;
  }

  /** Resolves when the current stream closes (not by the customer); bounded. */
  async streamClosed(boundMs = ANSWER_BOUND_MS): Promise<number> {
    const closes = this.closedAt.length;
    const deadline = Date.now() + boundMs;
    while (this.closedAt.length === closes) {
      if (Date.now() > deadline) throw new Error(`the stream did not close within ${boundMs} ms`);
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, Math.max(0, deadline - Date.now()));
        this.waiters.add(() => {
          clearTimeout(timer);
          resolve();
        });
      });
    }
    return this.closedAt[closes];
  }

  close(): void {
    this.leaving = true;
    this.socket?.close();
  }

  private auth() {
    return { Authorization: `Bearer ${this.session.token}` };
  }

  private async json<T>(method: string, path: string): Promise<T> {
    const res = await fetch(`${this.base}${path}`, { method, headers: this.session ? this.auth() : {} });
    if (res.status >= 300) throw new Error(`${method} ${path} answered ${res.status}: ${await res.text()}`);
    return (await res.json()) as T;
  }

  private wake(): void {
    for (const wake of [...this.waiters]) wake();
    this.waiters.clear();
  }

  /** Opens a stream; false when the upgrade failed (an instance that is down, or draining). */
  private open(streamUrl: string): Promise<boolean> {
    return new Promise((resolve) => {
      const socket = new WebSocket(streamUrl);
      const stream = this.streams;
      let opened = false;
      socket.on('open', () => {
        opened = true;
        this.socket = socket;
        this.streams++;
        if (stream > 0) this.reopenedAt.push(Date.now());
        resolve(true);
      });
      socket.on('message', (data) => {
        const frame = JSON.parse(String(data)) as { activities: DlActivity[]; watermark?: string };
        for (const activity of frame.activities) this.received.push({ ...activity, stream });
        if (frame.watermark) this.watermark = Math.max(this.watermark, Number(frame.watermark));
        this.wake();
      });
      socket.on('error', () => undefined);
      socket.on('close', () => {
        if (!opened) return resolve(false);
        if (this.leaving) return;
        this.closedAt.push(Date.now());
        this.wake();
        void this.reconnect();
      });
    });
  }

  /** As directlinejs: a new streamUrl for the watermark reached, then the stream; another try at each failure. */
  private async reconnect(): Promise<void> {
    for (let attempt = 0; attempt < RECONNECT_ATTEMPTS && !this.leaving; attempt++) {
      try {
        const { streamUrl } = await this.json<{ streamUrl: string }>(
          'GET',
          `/v3/directline/conversations/${this.session.conversationId}?watermark=${this.watermark}`,
        );
        if (await this.open(streamUrl)) return;
      } catch {
        // a 502 or a refused request: the next attempt goes to another instance
      }
    }
    this.failure = new Error(`the stream could not reconnect in ${RECONNECT_ATTEMPTS} attempts`);
    this.wake();
  }

  private describe(after: number): string {
    return (
      this.received
        .slice(after)
        .map((a) => `${a.type}${a.channelData?.prompt ? `:${a.channelData.prompt}` : ''}${a.text ? ` "${a.text.slice(0, 50)}"` : ''}`)
        .join(' | ') || 'nothing'
    );
  }
}
