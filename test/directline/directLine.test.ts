import { DirectLine } from 'botframework-directlinejs';
import { FILES } from '../helpers/harness';
import { row } from '../helpers/rows';
import { agentToken, startTestApp } from '../helpers/testApp';

(global as any).XMLHttpRequest = require('xhr2');
(global as any).WebSocket = require('ws');

type Activity = {
  type: string;
  id?: string;
  text?: string;
  from: { id: string; role?: string };
  inputHint?: string;
  channelData?: any;
  attachments?: any[];
};

/** A customer on our Direct Line through Microsoft's own client library. */
class Customer {
  readonly seen: Activity[] = [];
  private waiters: Array<() => void> = [];
  private readonly subscription;
  constructor(readonly dl: DirectLine) {
    this.subscription = dl.activity$.subscribe(
      (a: any) => {
        this.seen.push(a);
        for (const w of this.waiters.splice(0)) w();
      },
      () => {}, // "conversation ended" after end() is expected
    );
  }
  /** Resolves when the bot has asked `prompt` (at least `count` times). */
  async asked(prompt: string, count = 1): Promise<Activity> {
    for (;;) {
      const asks = this.seen.filter((a) => a.from.role !== 'user' && a.inputHint === 'expectingInput' && a.channelData?.prompt === prompt);
      if (asks.length >= count) return asks[count - 1];
      await new Promise<void>((resolve) => this.waiters.push(resolve));
    }
  }
  say(text: string): Promise<string> {
    return new Promise((resolve, reject) =>
      this.dl
        .postActivity({
          type: 'message',
          from: { id: 'someone-else', name: 'x' },
          text,
          channelData: { clientActivityID: `c${Math.random()}` },
        } as any)
        .subscribe(resolve, reject),
    );
  }
  close() {
    this.subscription.unsubscribe();
    this.dl.end();
  }
}

async function newCustomer(base: string, webSocket: boolean) {
  const session = (await (await fetch(`${base}/api/directline/token`, { method: 'POST' })).json()) as {
    token: string;
    conversationId: string;
    userId: string;
  };
  const dl = new DirectLine({ domain: `${base}/v3/directline`, token: session.token, webSocket, pollingInterval: 200 } as any);
  return { session, customer: new Customer(dl) };
}

async function uploadReceipt(base: string, session: { token: string; conversationId: string; userId: string }, name = 'receipt.jpg') {
  const form = new FormData();
  form.append(
    'activity',
    new Blob([JSON.stringify({ type: 'message', from: { id: session.userId } })], { type: 'application/vnd.microsoft.activity' }),
  );
  form.append('file', new Blob([new Uint8Array(FILES[name])], { type: 'image/jpeg' }), name);
  return fetch(`${base}/v3/directline/conversations/${session.conversationId}/upload?userId=${session.userId}`, {
    method: 'POST',
    headers: { Authorization: `Bearer ${session.token}` },
    body: form,
  });
}

async function wholeClaim(webSocket: boolean) {
  const { app, base } = await startTestApp();
  const { session, customer } = await newCustomer(base, webSocket);
  try {
    await customer.asked('menu');
    await customer.say('my camera stopped working');
    await customer.asked('product');
    await customer.say('QT5682');
    await customer.asked('purchaseDate');
    await customer.say('February 20th');
    await customer.asked('proofType');
    await customer.say('I have the receipt');
    await customer.asked('proofUpload');
    expect((await uploadReceipt(base, session)).status).toBe(200);
    await customer.asked('problem');
    await customer.say('it will not power on');
    await customer.asked('conditions');
    await customer.say('no, none of that');
    await customer.asked('confirm');
    await customer.say('yes');
    await customer.asked('csat');
    const rma = customer.seen.find((a) => /RMA-2026-\d{6}/.test(a.text ?? ''));
    expect(rma).toBeDefined();
    // the customer's own messages come back with the server's user id, whatever the client claimed
    const mine = customer.seen.filter((a) => a.from.role === 'user');
    expect(new Set(mine.map((a) => a.from.id))).toEqual(new Set([session.userId]));
    expect(mine.filter((a) => a.text).every((a) => typeof a.channelData?.clientActivityID === 'string')).toBe(true);
    const token = await agentToken(base);
    const [claim] = (await (
      await fetch(`${base}/api/agent/claims?conversationId=${session.conversationId}`, { headers: { Authorization: `Bearer ${token}` } })
    ).json()) as any[];
    expect(claim).toMatchObject({ status: 'rma_issued', proof: { files: [expect.objectContaining({ contentType: 'image/jpeg' })] } });
    // the agent's transcript is the conversation as the customer saw it, read from the Direct Line store
    const details = (await (
      await fetch(`${base}/api/agent/claims/${claim.id}`, { headers: { Authorization: `Bearer ${token}` } })
    ).json()) as { transcript: Array<{ from: string; text: string | null; attachments: Array<{ name?: string }>; timestamp: string }> };
    const said = details.transcript.filter((t) => t.from === 'customer').map((t) => t.text ?? t.attachments[0]?.name);
    expect(said).toEqual(expect.arrayContaining(['my camera stopped working', 'QT5682', 'receipt.jpg', 'yes']));
    expect(said.indexOf('QT5682')).toBeLessThan(said.indexOf('yes'));
    expect(details.transcript.some((t) => t.from === 'bot' && /RMA-2026-\d{6}/.test(t.text ?? ''))).toBe(true);
    expect(details.transcript.every((t) => !Number.isNaN(Date.parse(t.timestamp)))).toBe(true);
    const copies = await row<{ n: number }>(
      app.storage,
      'SELECT COUNT(*) AS n FROM transcript WHERE conversation_id = ?',
      session.conversationId,
    );
    expect(copies?.n).toBe(0); // not written a second time
  } finally {
    customer.close();
    await app.close();
  }
}

describe('our Direct Line, driven by botframework-directlinejs', () => {
  test('a whole claim over the WebSocket stream, with a proof upload', () => wholeClaim(true));
  test('a whole claim by polling', () => wholeClaim(false));

  test('a reconnect after a server restart replays from the watermark, nothing lost, nothing twice', async () => {
    const first = await startTestApp();
    const { session, customer } = await newCustomer(first.base, true);
    await customer.asked('menu');
    await customer.say('my camera stopped working');
    await customer.asked('product');
    const watermark = Number(customer.seen.at(-1)?.id?.split('|')[1]);
    customer.close();
    await first.app.close();

    const second = await startTestApp({ dataDir: first.dataDir, clock: first.clock });
    try {
      // the history so far, polled from watermark 0, has each activity exactly once
      const page = (await (
        await fetch(`${second.base}/v3/directline/conversations/${session.conversationId}/activities?watermark=0`, {
          headers: { Authorization: `Bearer ${session.token}` },
        })
      ).json()) as any;
      const ids = page.activities.map((a: any) => a.id);
      expect(new Set(ids).size).toBe(ids.length);
      expect(Number(page.watermark)).toBe(watermark);
      const dl = new DirectLine({
        domain: `${second.base}/v3/directline`,
        token: session.token,
        conversationId: session.conversationId,
        watermark: String(watermark),
        webSocket: true,
      } as any);
      const again = new Customer(dl);
      await again.say('QT5682');
      await again.asked('purchaseDate');
      expect(again.seen.some((a) => a.channelData?.prompt === 'menu')).toBe(false);
      again.close();
    } finally {
      await second.app.close();
    }
  });

  test('a token opens its own conversation only; forged and expired tokens are refused', async () => {
    const { app, base, clock } = await startTestApp();
    try {
      const a = (await (await fetch(`${base}/api/directline/token`, { method: 'POST' })).json()) as any;
      const b = (await (await fetch(`${base}/api/directline/token`, { method: 'POST' })).json()) as any;
      const get = (conv: string, token: string) =>
        fetch(`${base}/v3/directline/conversations/${conv}/activities`, { headers: { Authorization: `Bearer ${token}` } });
      expect((await get(a.conversationId, a.token)).status).toBe(200);
      expect((await get(b.conversationId, a.token)).status).toBe(403);
      // the signature's first character changed (a fixed tail could, rarely, be the real one)
      const signatureAt = a.token.lastIndexOf('.') + 1;
      const forged = `${a.token.slice(0, signatureAt)}${a.token[signatureAt] === 'A' ? 'B' : 'A'}${a.token.slice(signatureAt + 1)}`;
      expect((await get(a.conversationId, forged)).status).toBe(401);
      expect((await get(a.conversationId, 'not-a-token')).status).toBe(401);
      const post = await fetch(`${base}/v3/directline/conversations/${b.conversationId}/activities`, {
        method: 'POST',
        headers: { Authorization: `Bearer ${a.token}`, 'Content-Type': 'application/json' },
        body: JSON.stringify({ type: 'message', text: 'hi' }),
      });
      expect(post.status).toBe(403);
      clock.advance(31 * 60_000);
      expect((await get(a.conversationId, a.token)).status).toBe(401);
    } finally {
      await app.close();
    }
  });

  test('uploads are checked by content and size', async () => {
    const { app, base } = await startTestApp();
    try {
      const { session, customer } = await newCustomer(base, false);
      await customer.asked('menu');
      for (const answer of ['my camera stopped working', 'QT5682', 'February 20th', 'I have the receipt']) await customer.say(answer);
      await customer.asked('proofUpload');
      expect((await uploadReceipt(base, session, 'fake.jpg')).status).toBe(200);
      await customer.asked('proofUpload', 2);
      expect(customer.seen.some((a) => /doesn’t look like a photo/.test(a.text ?? ''))).toBe(true);
      // checked before it was kept: the refused file is not stored anywhere
      expect(await row(app.storage, 'SELECT COUNT(*) AS n FROM dl_files')).toEqual({ n: 0 });
      expect(await row(app.storage, 'SELECT COUNT(*) AS n FROM attachments')).toEqual({ n: 0 });
      expect((await uploadReceipt(base, session, 'huge.jpg')).status).toBe(413);
      customer.close();
    } finally {
      await app.close();
    }
  });

  test('a stream that drops long after its ticket expired reconnects with a fresh one and the chat goes on', async () => {
    const { app, base, clock } = await startTestApp();
    const session = (await (await fetch(`${base}/api/directline/token`, { method: 'POST' })).json()) as {
      token: string;
      conversationId: string;
    };
    // random: 0 is the library's shortest reconnect delay (3 s)
    const dl = new DirectLine({ domain: `${base}/v3/directline`, token: session.token, webSocket: true, random: () => 0 } as any);
    const customer = new Customer(dl);
    const others: WebSocket[] = [];
    try {
      await customer.asked('menu');
      clock.advance(10 * 60_000); // the stream ticket the client holds expired long ago
      // three more streams of the same conversation close the customer's (the oldest)
      const WS = require('ws');
      for (let i = 0; i < 3; i++) {
        const ws = new WS(`${base.replace('http', 'ws')}/v3/directline/conversations/${session.conversationId}/stream`, {
          headers: { Authorization: `Bearer ${session.token}` },
        });
        await new Promise((resolve) => ws.on('open', resolve));
        others.push(ws);
      }
      await customer.say('my camera stopped working');
      await customer.asked('product');
      expect(customer.seen.filter((a) => a.channelData?.prompt === 'menu')).toHaveLength(1);
    } finally {
      for (const ws of others) ws.close();
      customer.close();
      await app.close();
    }
  });

  test('a message sent twice with the same clientActivityID is stored once', async () => {
    const { app, base } = await startTestApp();
    try {
      const s = (await (await fetch(`${base}/api/directline/token`, { method: 'POST' })).json()) as any;
      const send = () =>
        fetch(`${base}/v3/directline/conversations/${s.conversationId}/activities`, {
          method: 'POST',
          headers: { Authorization: `Bearer ${s.token}`, 'Content-Type': 'application/json' },
          body: JSON.stringify({ type: 'message', text: 'hello', channelData: { clientActivityID: 'same-1' } }),
        }).then((r) => r.json() as Promise<{ id: string }>);
      const [one, two] = [await send(), await send()];
      expect(one.id).toBe(two.id);
      const page = (await (
        await fetch(`${base}/v3/directline/conversations/${s.conversationId}/activities`, {
          headers: { Authorization: `Bearer ${s.token}` },
        })
      ).json()) as any;
      expect(page.activities.filter((a: any) => a.text === 'hello')).toHaveLength(1);
    } finally {
      await app.close();
    }
  });
});
