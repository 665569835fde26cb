import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { WebSocket } from 'ws';
import { type BuiltServer, startBuiltServer } from '../helpers/builtServer';
import { FILES } from '../helpers/harness';
import { CLAIM_INSERTION, openReader, type Reader } from '../helpers/rows';

/*
 * Black-box probe of "the decision is stored before the turn's replies are sent": at the moment a
 * reply that announces a decision reaches the customer (the channel's serviceUrl receives the
 * POST; the WebSocket frame arrives on Direct Line), a second connection to the database reads the claim.
 * The decision must already be there. (test/... with a commit-delay hook is the sharper version.)
 */

type Snapshot = { status: string; rmaNumber: string | null; outcome: string | null } | null;
interface Announcement {
  kind: 'covered' | 'not_covered' | 'handoff';
  text: string;
  /** The customer's newest claim as stored at the instant the reply arrived. */
  stored: Snapshot;
}

const ANSWERS: Record<string, string> = {
  menu: 'my camera stopped working',
  product: 'QT5682',
  purchaseDate: '5 days ago',
  proofType: 'I have the receipt',
  problem: 'it will not power on',
  conditions: 'no, none of that',
  confirm: 'yes',
};

/** What a reply announces, if it announces a decision or a hand-off. */
function announces(activity: { text?: string; name?: string }): Announcement['kind'] | null {
  const text = activity.text ?? '';
  if (/RMA-\d{4}-\d{6}/.test(text)) return 'covered';
  if (text.includes("isn't covered by the warranty")) return 'not_covered';
  if (activity.name === 'handoff.initiate' || /member of our support team|passing your claim to a colleague/.test(text)) return 'handoff';
  return null;
}

/** Is what was stored at that instant the decision the reply announces? */
function storedAlready(a: Announcement): boolean {
  if (!a.stored) return false;
  if (a.kind === 'covered') return a.stored.status === 'rma_issued' && a.stored.rmaNumber !== null && a.text.includes(a.stored.rmaNumber);
  if (a.kind === 'not_covered') return a.stored.status === 'not_covered' && a.stored.outcome === 'not_covered';
  return a.stored.status === 'pending_agent' && a.stored.outcome === 'needs_agent';
}

let server: BuiltServer;
let reader: Reader;

/**
 * The conversation's newest claim, read now from our own connection: the last committed state
 * (SQLite's WAL, PostgreSQL's read committed). The read starts during the call.
 */
async function newestClaim(conversationId: string): Promise<Snapshot> {
  const row = await reader.row<{ status: string; data: string }>(
    // the id verbatim (design.md), or within a key that also names the channel
    `SELECT status, data FROM claims WHERE conversation_id = ? OR conversation_id LIKE ? ORDER BY created_at DESC, ${CLAIM_INSERTION} DESC LIMIT 1`,
    conversationId,
    `%${conversationId}%`,
  );
  if (!row) return null;
  const data = JSON.parse(row.data) as { rmaNumber: string | null; decision: { outcome: string | null } };
  return { status: row.status, rmaNumber: data.rmaNumber, outcome: data.decision.outcome };
}

beforeAll(async () => {
  server = await startBuiltServer({ env: { DIRECTLINE_TOKENS_PER_MINUTE: '100000' } });
  reader = await openReader({ dataDir: server.dataDir });
}, 30_000);

afterAll(async () => {
  await reader?.close();
  await server?.stop();
});

/** A serviceUrl that reads the claim the instant a reply's request arrives (its headers), before reading its body. */
async function probingChannel() {
  const announcements: Announcement[] = [];
  const posted: { conversationId: string; activity: any }[] = [];
  const srv: Server = createServer((req, res) => {
    const url = req.url ?? '';
    if (req.method === 'GET' && url.endsWith('/files/receipt.jpg')) {
      res.writeHead(200, { 'Content-Type': 'image/jpeg' });
      return res.end(FILES['receipt.jpg']);
    }
    const conversationId = decodeURIComponent(/^\/v3\/conversations\/([^/]+)\/activities/.exec(url)?.[1] ?? '');
    const stored = conversationId ? newestClaim(conversationId) : Promise.resolve(null);
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', async () => {
      const activity = JSON.parse(Buffer.concat(chunks).toString('utf8') || '{}');
      posted.push({ conversationId, activity });
      const kind = announces(activity);
      // answered only after the read: a server that commits after its reply is answered cannot commit before we look
      const seen = await stored;
      if (kind) announcements.push({ kind, text: activity.text ?? activity.name, stored: seen });
      res.writeHead(200, { 'Content-Type': 'application/json' });
      res.end(JSON.stringify({ id: `p${posted.length}` }));
    });
  });
  await new Promise<void>((resolve) => srv.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(srv.address() as AddressInfo).port}`;
  return { url, announcements, posted, close: () => new Promise<void>((resolve) => srv.close(() => resolve())) };
}

/** A customer on /api/messages who answers each question until the bot stops asking. */
async function channelClaim(channel: Awaited<ReturnType<typeof probingChannel>>, conversationId: string, first: string[]) {
  let n = 0;
  const say = async (text: string, attachments: object[] = []) => {
    const from = channel.posted.length;
    const res = await fetch(`${server.base}/api/messages`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({
        type: 'message',
        id: `${conversationId}-${n++}`,
        channelId: 'emulator',
        serviceUrl: channel.url,
        from: { id: 'customer' },
        recipient: { id: 'bot' },
        conversation: { id: conversationId },
        localTimezone: 'America/New_York',
        text,
        attachments,
      }),
    });
    expect(res.status).toBe(200);
    return channel.posted
      .slice(from)
      .map((p) => p.activity)
      .filter((a) => a.inputHint === 'expectingInput')
      .pop()?.channelData?.prompt as string | undefined;
  };
  let prompt: string | undefined;
  for (const text of first) prompt = await say(text);
  for (let step = 0; prompt && prompt !== 'csat' && prompt !== 'email' && step < 12; step++) {
    if (prompt === 'proofUpload') {
      prompt = await say('', [{ contentType: 'image/jpeg', contentUrl: `${channel.url}/files/receipt.jpg`, name: 'receipt.jpg' }]);
    } else {
      prompt = await say(ANSWERS[prompt] ?? 'yes');
    }
  }
}

test('/api/messages: the claim is already decided in the database when the reply announcing it reaches the channel', async () => {
  const channel = await probingChannel();
  try {
    await channelClaim(channel, 'order-covered', ['my camera stopped working']);
    await channelClaim(channel, 'order-late', ['my QT5682 stopped working, I bought it on January 15, 2025']);
    await channelClaim(channel, 'order-person', ['my camera stopped working', 'I want to talk to a person']);
    const kinds = new Set(channel.announcements.map((a) => a.kind));
    expect(kinds).toEqual(new Set(['covered', 'not_covered', 'handoff']));
    const ahead = channel.announcements.filter((a) => !storedAlready(a));
    expect(ahead.map((a) => `${a.kind} reply arrived while the claim was ${JSON.stringify(a.stored)}: ${a.text.slice(0, 80)}`)).toEqual([]);
  } finally {
    await channel.close();
  }
}, 60_000);

test('Direct Line: the claim is already decided in the database when the frame announcing it arrives', async () => {
  const session = (await (await fetch(`${server.base}/api/directline/token`, { method: 'POST' })).json()) as {
    token: string;
    conversationId: string;
    userId: string;
  };
  const auth = { Authorization: `Bearer ${session.token}` };
  const started = (await (await fetch(`${server.base}/v3/directline/conversations`, { method: 'POST', headers: auth })).json()) as {
    streamUrl: string;
  };
  const announcements: Announcement[] = [];
  const prompts: string[] = [];
  const reads: Promise<unknown>[] = [];
  let wake: () => void = () => {};
  const ws = new WebSocket(started.streamUrl);
  ws.on('message', (data) => {
    // read first, then look: the frame has just arrived
    const stored = newestClaim(session.conversationId);
    const frame = JSON.parse(data.toString()) as { activities: any[] };
    for (const a of frame.activities) {
      const kind = a.from?.role === 'user' ? null : announces(a);
      if (kind) reads.push(stored.then((seen) => announcements.push({ kind, text: a.text ?? a.name, stored: seen })));
      if (a.from?.role !== 'user' && a.inputHint === 'expectingInput') prompts.push(a.channelData?.prompt);
    }
    wake();
  });
  const asked = async (count: number) => {
    while (prompts.length < count) await new Promise<void>((resolve) => (wake = resolve));
    return prompts[count - 1];
  };
  try {
    let prompt = await asked(1);
    for (let step = 0; prompt !== 'csat' && step < 12; step++) {
      if (prompt === 'proofUpload') {
        const form = new FormData();
        form.append('activity', new Blob([JSON.stringify({ type: 'message' })], { type: 'application/vnd.microsoft.activity' }));
        form.append('file', new Blob([new Uint8Array(FILES['receipt.jpg'])], { type: 'image/jpeg' }), 'receipt.jpg');
        await fetch(`${server.base}/v3/directline/conversations/${session.conversationId}/upload?userId=${session.userId}`, {
          method: 'POST',
          headers: auth,
          body: form,
        });
      } else {
        await fetch(`${server.base}/v3/directline/conversations/${session.conversationId}/activities`, {
          method: 'POST',
          headers: { ...auth, 'Content-Type': 'application/json' },
          body: JSON.stringify({ type: 'message', text: ANSWERS[prompt] ?? 'yes', channelData: { clientActivityID: `c${step}` } }),
        });
      }
      prompt = await asked(step + 2);
    }
    await Promise.all(reads);
    expect(announcements.map((a) => a.kind)).toContain('covered');
    const ahead = announcements.filter((a) => !storedAlready(a));
    expect(ahead.map((a) => `${a.kind} frame arrived while the claim was ${JSON.stringify(a.stored)}`)).toEqual([]);
  } finally {
    ws.terminate();
  }
}, 60_000);
