import { WebSocket } from 'ws';
import { type BuiltServer, startBuiltServer } from '../helpers/builtServer';
import { COVERED_CLAIM_ANSWERS, UPLOAD } from '../helpers/coveredClaim';
import { startFakeConnector } from '../helpers/fakeConnector';
import { FILES } from '../helpers/harness';
import { CLAIM_INSERTION, type RowsTarget, rows } from '../helpers/rows';
import { FUZZ_RUNS, FUZZ_SEED } from '../helpers/seededFuzz';
import { STORE } from '../helpers/store';

/*
 * Crash consistency: several customers run whole claims at once (Direct Line over HTTP with the
 * WebSocket stream, and a Bot Framework channel over /api/messages), while the built server is
 * killed with SIGKILL at seeded moments and restarted on the same DATA_DIR. The clients carry
 * on as Web Chat does: reconnect with their watermark, resend what was not acknowledged with the
 * same clientActivityID (or, on the channel, the same activity id). Afterwards the database is
 * read directly (the SQLite file, or the PostgreSQL database the server was restarted on). Replay: FUZZ_SEED=<seed> npx jest test/adversarial/crashConsistency
 * (the seed fixes the kill points; the exact instant of a kill still depends on the machine).
 */

const RMA = /RMA-\d{4}-\d{6}/g;
const ANSWERS = COVERED_CLAIM_ANSWERS;
const FIRST_MESSAGE = 'my camera stopped working';
const DIRECT_LINE_CUSTOMERS = 3 * FUZZ_RUNS;
const CHANNEL_CUSTOMERS = 2 * FUZZ_RUNS;
const KILLS = 4 * FUZZ_RUNS;
/** Waiting for the stream to deliver what the server has stored: a bound, past which it is a finding. */
const STREAM_BOUND_MS = 10_000;

/** mulberry32: a small seeded generator, so the kill points replay with FUZZ_SEED. */
function seeded(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** The tables the verdict is drawn from, read once after the last kill. */
interface Stored {
  /** Every Direct Line activity, by conversation and watermark. */
  dlActivities: { conversationId: string; seq: number; cid: string | null; activity: string }[];
  /** Every incoming transcript row. */
  transcriptIn: { conversationId: string; id: string }[];
  /** Every claim, oldest first (created_at, then insertion order). */
  claims: { id: string; conversationId: string; status: string; createdAt: string; data: string }[];
  rmaNumbers: { number: string; claim_id: string }[];
}

async function readStored(installation: RowsTarget): Promise<Stored> {
  return {
    dlActivities: await rows(
      installation,
      'SELECT conversation_id AS "conversationId", seq, client_activity_id AS cid, activity FROM dl_activities ORDER BY conversation_id, seq',
    ),
    transcriptIn: await rows(
      installation,
      'SELECT conversation_id AS "conversationId", activity_id AS id FROM transcript WHERE direction = \'in\'',
    ),
    claims: await rows(
      installation,
      `SELECT id, conversation_id AS "conversationId", status, created_at AS "createdAt", data FROM claims ORDER BY created_at, ${CLAIM_INSERTION}`,
    ),
    rmaNumbers: await rows(installation, 'SELECT number, claim_id FROM rma_numbers'),
  };
}

/**
 * A stored activity's id: SQLite keeps it in the JSON; PostgreSQL does not store it, the id being
 * the conversation and the watermark (`<conversation>|<seq, 7 digits>`) on both stores.
 */
function storedId(r: { conversationId: string; seq: number; activity: string }): string {
  return (JSON.parse(r.activity).id as string | undefined) ?? `${r.conversationId}|${String(r.seq).padStart(7, '0')}`;
}

/** Kills and restarts the server when the customers' sent-message count reaches each seeded point. */
class Chaos {
  generation = 0;
  down = false;
  kills = 0;
  sent = 0;
  /** The kills triggered so far, each done once the server is back. */
  readonly triggered: Promise<void>[] = [];
  private up: Promise<void> = Promise.resolve();
  private readonly points: number[];
  private readonly delays: number[];
  private readonly random;

  constructor(
    private readonly server: BuiltServer,
    expectedMessages: number,
    kills: number,
  ) {
    this.random = seeded(FUZZ_SEED);
    const points = new Set<number>();
    while (points.size < kills) points.add(2 + Math.floor(this.random() * (expectedMessages - 5)));
    this.points = [...points].sort((x, y) => x - y);
    this.delays = this.points.map(() => Math.floor(this.random() * 12));
  }

  get schedule() {
    return this.points.map((p, i) => `${p}+${this.delays[i]}ms`).join(', ');
  }

  /** A customer is sending a message: maybe the moment of the next kill (the request is in flight). */
  sending(): void {
    this.sent++;
    const at = this.points.indexOf(this.sent);
    // the instant within the request is seeded too: a few ms after it left the client
    if (at >= 0) this.triggered.push(new Promise((done) => setTimeout(() => void this.kill().then(done), this.delays[at])));
  }

  private async kill(): Promise<void> {
    if (this.down) await this.up;
    this.down = true;
    let restarted!: () => void;
    this.up = new Promise((resolve) => (restarted = resolve));
    await this.server.restart();
    this.kills++;
    this.generation++;
    this.down = false;
    restarted();
  }

  whenUp(): Promise<void> {
    return this.up;
  }

  /**
   * Runs a request; when it fails because the server was killed under it, waits for the restart
   * and tries again (what a client does on a dropped connection). Any other failure is thrown.
   */
  async retry<T>(work: () => Promise<T>): Promise<T> {
    for (;;) {
      const generation = this.generation;
      try {
        return await work();
      } catch (error) {
        // fetch's TypeError comes from another realm than jest's: compare names, not classes
        const dropped = (error as Error).name === 'TypeError' || Boolean((error as NodeJS.ErrnoException).code);
        if (dropped && !this.down && generation === this.generation) {
          // the connection failed although nobody killed the server: that is a finding, with the server's last words
          const cause = (error as { cause?: Error }).cause?.message ?? '';
          throw new Error(
            `${(error as Error).message} ${cause} without a kill (server ${this.server.exited() ?? 'running'}):\n${this.server.output().split('\n').slice(-12).join('\n')}`,
          );
        }
        if (!dropped) throw error;
        await this.whenUp();
      }
    }
  }

  /** Whether a kill happened since `generation` (or is happening). */
  killedSince(generation: number): boolean {
    return this.down || this.generation !== generation;
  }
}

type Activity = { id: string; type: string; text?: string; from: { id: string; role?: string }; inputHint?: string; channelData?: any };

interface Outcome {
  name: string;
  conversationId: string;
  /** RMA numbers the customer was shown. */
  rmaShown: Set<string>;
  /** Turns the crash took with it (the customer said it again), as design.md allows for the turn in flight. */
  lostTurns: number;
  /**
   * The last message crossed a kill. A Bot Framework channel has no replay: the replies of the turn
   * in flight can die with the process after its commit, so the decision must then be stored even
   * though the customer never read it.
   */
  lastTurnCrossedKill?: boolean;
  problems: string[];
}

/** A Web Chat-like customer: posts over HTTP, reads the WebSocket stream, reconnects with its watermark. */
class DirectLineCustomer {
  readonly outcome: Outcome;
  private session!: { token: string; conversationId: string; userId: string };
  /** Everything the customer was shown, by id (stream frames and HTTP pages). */
  private readonly shown = new Map<string, Activity>();
  /** The ids and watermarks of the stream's frames, in order, over every connection. */
  private readonly frames: { watermark: number; ids: string[] }[] = [];
  private readonly onStream = new Set<string>();
  private readonly acknowledged = new Map<string, string>();
  /** Messages sent again after a kill took the connection (PostgreSQL spends a watermark on each duplicate). */
  private resends = 0;
  private ws: WebSocket | null = null;
  private watermark = 0;
  private wake: (() => void) | null = null;

  constructor(
    private readonly base: string,
    private readonly chaos: Chaos,
    name: string,
  ) {
    this.outcome = { name, conversationId: '', rmaShown: new Set(), lostTurns: 0, problems: [] };
  }

  private async call(method: string, url: string, body?: unknown, form?: FormData): Promise<any> {
    let attempts = 0;
    const takesWatermark = method === 'POST' && /\/(activities|upload)\b/.test(url);
    return this.chaos.retry(async () => {
      if (takesWatermark && attempts++ > 0) this.resends++;
      const res = await fetch(`${this.base}${url}`, {
        method,
        headers: {
          ...(this.session ? { Authorization: `Bearer ${this.session.token}` } : {}),
          ...(body ? { 'Content-Type': 'application/json' } : {}),
        },
        body: form ?? (body ? JSON.stringify(body) : undefined),
      });
      const text = await res.text();
      if (!res.ok) throw new Error(`${method} ${url}: ${res.status} ${text}`);
      return JSON.parse(text);
    });
  }

  private see(activities: Activity[]) {
    for (const a of activities) {
      const before = this.shown.get(a.id);
      if (before && (before.text ?? null) !== (a.text ?? null)) this.outcome.problems.push(`id ${a.id} was shown with two texts`);
      this.shown.set(a.id, a);
      for (const rma of (a.text ?? '').match(RMA) ?? []) this.outcome.rmaShown.add(rma);
    }
  }

  /** (Re)opens the stream from the last watermark seen on it, as directlinejs does on reconnect. */
  private async connect(): Promise<void> {
    const { streamUrl } = await this.call('GET', `/v3/directline/conversations/${this.session.conversationId}?watermark=${this.watermark}`);
    await new Promise<void>((resolve) => {
      const ws = new WebSocket(streamUrl);
      this.ws = ws;
      ws.on('open', () => resolve());
      ws.on('message', (data) => {
        const frame = JSON.parse(data.toString()) as { activities: Activity[]; watermark: string };
        this.frames.push({ watermark: Number(frame.watermark), ids: frame.activities.map((a) => a.id) });
        this.watermark = Math.max(this.watermark, Number(frame.watermark));
        for (const a of frame.activities) this.onStream.add(a.id);
        this.see(frame.activities);
        this.wake?.();
      });
      const gone = () => {
        if (this.ws === ws) this.ws = null;
        resolve();
        this.wake?.();
      };
      ws.on('close', gone);
      ws.on('error', gone);
    });
  }

  /** Waits until the stream has delivered `id`, reconnecting after a kill. */
  private async streamed(id: string): Promise<void> {
    const deadline = Date.now() + STREAM_BOUND_MS;
    while (!this.onStream.has(id)) {
      if (Date.now() > deadline) throw new Error(`${this.outcome.name}: the stream never delivered ${id}`);
      if (!this.ws) {
        await this.chaos.whenUp();
        await this.connect();
        continue;
      }
      await new Promise<void>((resolve) => {
        this.wake = resolve;
        setTimeout(resolve, 1000); // re-checks the bound; the frame or the close wakes it first
      });
    }
  }

  private async post(clientActivityID: string, answer: string | typeof UPLOAD): Promise<string> {
    this.chaos.sending();
    const url = `/v3/directline/conversations/${this.session.conversationId}`;
    if (answer === UPLOAD) {
      // a fresh form per attempt: a body stream cannot be sent twice
      return this.chaos.retry(async () => {
        const form = new FormData();
        const activity = { type: 'message', channelData: { clientActivityID } };
        form.append('activity', new Blob([JSON.stringify(activity)], { type: 'application/vnd.microsoft.activity' }));
        form.append('file', new Blob([new Uint8Array(FILES['receipt.jpg'])], { type: 'image/jpeg' }), 'receipt.jpg');
        return (await this.call('POST', `${url}/upload?userId=${this.session.userId}`, undefined, form)).id;
      });
    }
    return (await this.call('POST', `${url}/activities`, { type: 'message', text: answer, channelData: { clientActivityID } })).id;
  }

  /** Runs the claim; a request the server refuses ends this customer's run as a finding (e.g. a token whose conversation the crash lost). */
  async run(): Promise<void> {
    try {
      await this.claim();
    } catch (error) {
      this.outcome.problems.push((error as Error).message.split('\n')[0]);
    }
  }

  private async claim(): Promise<void> {
    this.session = await this.call('POST', '/api/directline/token');
    this.outcome.conversationId = this.session.conversationId;
    await this.call('POST', '/v3/directline/conversations');
    await this.connect();
    let answer: string | typeof UPLOAD = FIRST_MESSAGE;
    for (let step = 0; step < 30; step++) {
      const clientActivityID = `${this.outcome.name}-${step}`;
      const generation = this.chaos.generation;
      const id = await this.post(clientActivityID, answer);
      this.acknowledged.set(clientActivityID, id);
      // the conversation as stored now that the POST is answered (its turn is done and committed)
      const page = await this.call('GET', `/v3/directline/conversations/${this.session.conversationId}/activities?watermark=0`);
      this.see(page.activities);
      const at = (page.activities as Activity[]).findIndex((a) => a.channelData?.clientActivityID === clientActivityID);
      if (at < 0) {
        this.outcome.problems.push(`acknowledged message ${clientActivityID} (${id}) is not in the conversation`);
        return;
      }
      const prompt = (page.activities as Activity[])
        .slice(at + 1)
        .filter((a) => a.from.role !== 'user' && a.inputHint === 'expectingInput')
        .pop();
      if (!prompt) {
        if (!this.chaos.killedSince(generation)) {
          this.outcome.problems.push(`no question after ${clientActivityID} although no kill happened`);
          return;
        }
        // the kill took the turn: the message is stored, its answer is not; the customer says it again
        this.outcome.lostTurns++;
        continue;
      }
      await this.streamed(prompt.id);
      const next = prompt.channelData?.prompt as string;
      if (next === 'csat') return;
      if (!(next in ANSWERS)) {
        this.outcome.problems.push(`unexpected question ${next} after ${clientActivityID}`);
        return;
      }
      answer = ANSWERS[next];
    }
    this.outcome.problems.push('no decision after 30 messages');
  }

  close() {
    this.ws?.terminate();
  }

  /** Compares what this customer saw and was told with the database. */
  verify(stored: Stored): void {
    const problems = this.outcome.problems;
    const rows = stored.dlActivities.filter((r) => r.conversationId === this.outcome.conversationId);
    const byId = new Map(rows.map((r) => [storedId(r), JSON.parse(r.activity) as Activity]));
    rows.forEach((r, i) => {
      if (i > 0 && r.seq <= rows[i - 1].seq) problems.push(`watermarks go back: row ${i + 1} has seq ${r.seq}`);
    });
    // SQLite finds a resent message before it takes a watermark; PostgreSQL takes one in the same
    // statement and leaves it unused (directLineStore.ts): a skipped watermark is a resend, never a loss
    const skipped = (rows.at(-1)?.seq ?? 0) - rows.length;
    const allowed = STORE === 'postgres' ? this.resends : 0;
    if (skipped > allowed) problems.push(`watermarks jump: ${skipped} skipped, ${allowed} resends (${rows.map((r) => r.seq).join(',')})`);
    for (const [id, seen] of this.shown) {
      const row = byId.get(id);
      if (!row) problems.push(`lost: ${id} (${(seen.text ?? seen.type).slice(0, 60)}) was shown but is not stored`);
      else if ((row.text ?? null) !== (seen.text ?? null)) problems.push(`${id} was shown as "${seen.text}" but stored as "${row.text}"`);
    }
    for (const [cid, id] of this.acknowledged) {
      const copies = rows.filter((r) => r.cid === cid);
      if (copies.length !== 1) problems.push(`message ${cid} stored ${copies.length} times`);
      else if (storedId(copies[0]) !== id) problems.push(`message ${cid} acknowledged as ${id}, stored as another id`);
    }
    const customerRows = rows.filter((r) => {
      const activity = JSON.parse(r.activity) as Activity;
      return activity.type === 'message' && activity.from?.role === 'user';
    });
    for (const r of customerRows)
      if (!r.cid?.startsWith(`${this.outcome.name}-`)) problems.push(`a customer message nobody sent: ${r.activity}`);
    // the stream continues from the watermark after each reconnect: no activity twice, watermarks only grow
    const streamed = this.frames.flatMap((f) => f.ids);
    if (new Set(streamed).size !== streamed.length) problems.push('the stream delivered an activity twice');
    this.frames.forEach((f, i) => {
      if (i > 0 && f.watermark <= this.frames[i - 1].watermark)
        problems.push(`watermark went from ${this.frames[i - 1].watermark} to ${f.watermark}`);
    });
  }
}

/** A Bot Framework channel's customer on /api/messages: a lost request is sent again with the same activity id. */
class ChannelCustomer {
  readonly outcome: Outcome;
  private sentIds: string[] = [];

  constructor(
    private readonly base: string,
    private readonly chaos: Chaos,
    private readonly connector: Awaited<ReturnType<typeof startFakeConnector>>,
    name: string,
  ) {
    this.outcome = { name, conversationId: `crash-${name}`, rmaShown: new Set(), lostTurns: 0, problems: [] };
  }

  private async send(id: string, answer: string | typeof UPLOAD): Promise<void> {
    this.chaos.sending();
    const activity = {
      type: 'message',
      id,
      channelId: 'emulator',
      serviceUrl: this.connector.url,
      from: { id: `${this.outcome.name}-user` },
      recipient: { id: 'bot' },
      conversation: { id: this.outcome.conversationId },
      localTimezone: 'America/New_York',
      text: answer === UPLOAD ? '' : answer,
      attachments:
        answer === UPLOAD
          ? [{ contentType: 'image/jpeg', contentUrl: `${this.connector.url}/files/receipt.jpg`, name: 'receipt.jpg' }]
          : [],
    };
    await this.chaos.retry(async () => {
      const res = await fetch(`${this.base}/api/messages`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify(activity),
      });
      if (res.status !== 200) throw new Error(`POST /api/messages: ${res.status} ${await res.text()}`);
    });
    this.sentIds.push(id);
  }

  async run(): Promise<void> {
    let answer: string | typeof UPLOAD = FIRST_MESSAGE;
    for (let step = 0; step < 30; step++) {
      const from = this.connector.posted.length;
      const generation = this.chaos.generation;
      await this.send(`${this.outcome.name}-${step}`, answer);
      this.outcome.lastTurnCrossedKill = this.chaos.killedSince(generation);
      const replies = this.connector.posted
        .slice(from)
        .filter((p) => p.conversationId === this.outcome.conversationId)
        .map((p) => p.activity);
      for (const reply of replies) for (const rma of (reply.text ?? '').match(RMA) ?? []) this.outcome.rmaShown.add(rma);
      const prompt = replies.filter((a) => a.inputHint === 'expectingInput').pop();
      if (!prompt) {
        if (!this.chaos.killedSince(generation)) {
          this.outcome.problems.push(`no question after message ${step} although no kill happened`);
          return;
        }
        this.outcome.lostTurns++;
        continue;
      }
      const next = prompt.channelData?.prompt as string;
      if (next === 'csat') return;
      if (!(next in ANSWERS)) {
        this.outcome.problems.push(`unexpected question ${next} after message ${step}`);
        return;
      }
      answer = ANSWERS[next];
    }
    this.outcome.problems.push('no decision after 30 messages');
  }

  verify(stored: Stored): void {
    // the id verbatim, or within a key that also names the channel
    const rows = stored.transcriptIn.filter((r) => r.conversationId.includes(this.outcome.conversationId));
    const ids = rows.map((r) => r.id);
    if (new Set(ids).size !== ids.length) this.outcome.problems.push('a customer message is stored twice');
    for (const id of this.sentIds)
      if (!ids.includes(id)) this.outcome.problems.push(`lost: acknowledged message ${id} is not in the transcript`);
  }
}

/** Claims that can never move again: an older claim of a conversation still open, an RMA without its row. */
function stuckClaims(stored: Stored): string[] {
  const problems: string[] = [];
  const claims = stored.claims;
  const newest = new Map<string, string>();
  for (const c of claims) newest.set(c.conversationId, c.id);
  const open = new Set(['in_progress', 'pending_agent', 'with_agent']);
  for (const c of claims) {
    // only the newest claim of a conversation is the current one: an older one still open is orphaned
    if (open.has(c.status) && newest.get(c.conversationId) !== c.id)
      problems.push(`claim ${c.id} is ${c.status} but no longer the conversation's current claim`);
    const rmaNumber = JSON.parse(c.data).rmaNumber as string | null;
    if (c.status === 'rma_issued') {
      const row = stored.rmaNumbers.find((r) => r.number === rmaNumber);
      if (row?.claim_id !== c.id) problems.push(`claim ${c.id} is rma_issued with ${rmaNumber}, which is not registered to it`);
    }
  }
  for (const r of stored.rmaNumbers) {
    const claim = claims.find((c) => c.id === r.claim_id);
    if (!claim || JSON.parse(claim.data).rmaNumber !== r.number)
      problems.push(`RMA ${r.number} is registered to claim ${r.claim_id}, which does not carry it`);
  }
  return problems;
}

test('SIGKILL at seeded moments during concurrent claims: nothing shown is lost, nothing is stored twice, no claim is stuck', async () => {
  const connector = await startFakeConnector({ 'receipt.jpg': FILES['receipt.jpg'] });
  const server = await startBuiltServer({ env: { DIRECTLINE_TOKENS_PER_MINUTE: '100000' } });
  // eight messages per claim
  const chaos = new Chaos(server, (DIRECT_LINE_CUSTOMERS + CHANNEL_CUSTOMERS) * 8, KILLS);
  const directLine = Array.from({ length: DIRECT_LINE_CUSTOMERS }, (_, i) => new DirectLineCustomer(server.base, chaos, `dl${i}`));
  const channel = Array.from({ length: CHANNEL_CUSTOMERS }, (_, i) => new ChannelCustomer(server.base, chaos, connector, `ch${i}`));
  const outcomes = [...directLine, ...channel].map((c) => c.outcome);
  try {
    await Promise.all([
      ...directLine.map((c) => c.run()),
      ...channel.map((c) => c.run().catch((error: Error) => c.outcome.problems.push(error.message.split('\n')[0]))),
    ]);
    // whatever the customers were shown must survive one more kill, the hardest stop there is
    await Promise.all(chaos.triggered);
    await server.kill();
    const stored = await readStored({ dataDir: server.dataDir });
    for (const c of directLine) c.verify(stored);
    for (const c of channel) c.verify(stored);
    for (const o of outcomes) {
      if (o.rmaShown.size === 0 && o.problems.length === 0) {
        const issued =
          o.lastTurnCrossedKill &&
          stored.claims.some(
            (c) => c.conversationId === o.conversationId && c.status === 'rma_issued' && JSON.parse(c.data).rmaNumber != null,
          );
        if (!issued) o.problems.push('was never shown an RMA number');
      }
      for (const rma of o.rmaShown) {
        const row = stored.rmaNumbers.find((r) => r.number === rma);
        const claim = row && stored.claims.find((c) => c.id === row.claim_id);
        if (!claim) o.problems.push(`was shown ${rma}, which the database does not hold with its claim`);
        else if (!claim.conversationId.includes(o.conversationId) || claim.status !== 'rma_issued')
          o.problems.push(`was shown ${rma}, stored for ${claim.conversationId} as ${claim.status}`);
      }
    }
    const stuck = stuckClaims(stored);
    const report = outcomes
      .filter((o) => o.problems.length)
      .map((o) => `${o.name} (${o.conversationId}):\n  ${o.problems.join('\n  ')}`)
      .concat(stuck.length ? [`claims:\n  ${stuck.join('\n  ')}`] : []);
    const summary = `seed ${FUZZ_SEED}, kills at messages ${chaos.schedule}, ${chaos.kills} kills, ${outcomes.reduce((n, o) => n + o.lostTurns, 0)} turns lost in flight`;
    if (process.env.FUZZ_REPORT) process.stdout.write(`crash consistency: ${summary}\n`);
    if (report.length)
      throw new Error(`${summary}\n${report.join('\n')}\nreplay: FUZZ_SEED=${FUZZ_SEED} npx jest test/adversarial/crashConsistency`);
    expect(chaos.kills).toBe(KILLS);
  } finally {
    for (const c of directLine) c.close();
    await server.kill();
    await connector.close();
  }
}, 110_000);
