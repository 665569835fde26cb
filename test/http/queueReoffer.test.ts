import { DirectLine } from 'botframework-directlinejs';
import WebSocket from 'ws';
import { agentToken, startTestApp } from '../helpers/testApp';

(global as any).XMLHttpRequest = require('xhr2');
(global as any).WebSocket = WebSocket;

/*
 * A claim not taken within QUEUE_REOFFER_MINUTES is flagged (issue 20, item 2): the agents' queue,
 * claim list and claim say `waitingTooLong`, by the injected clock; taken, it is no longer flagged.
 */
let ctx: Awaited<ReturnType<typeof startTestApp>>;
let ana: string;
const customers: DirectLine[] = [];
beforeEach(async () => {
  ctx = await startTestApp({ env: { QUEUE_REOFFER_MINUTES: '7', AUTO_ASSIGN: 'off' } });
  ana = await agentToken(ctx.base);
});
afterEach(async () => {
  for (const dl of customers.splice(0)) dl.end();
  await ctx.app.close();
});

const get = async (path: string) =>
  (await (await fetch(`${ctx.base}${path}`, { headers: { Authorization: `Bearer ${ana}` } })).json()) as any;

/** A Web Chat customer who asks for a person; returns the claim's id. */
async function customerWantingAPerson(): Promise<string> {
  const session = (await (await fetch(`${ctx.base}/api/directline/token`, { method: 'POST' })).json()) as any;
  const dl = new DirectLine({ domain: `${ctx.base}/v3/directline`, token: session.token, webSocket: true } as any);
  customers.push(dl);
  const seen: any[] = [];
  let wake: () => void = () => {};
  dl.activity$.subscribe(
    (a: any) => {
      seen.push(a);
      wake();
    },
    () => {},
  );
  const until = async (test: (a: any) => boolean) => {
    for (;;) {
      const found = seen.find(test);
      if (found) return found;
      await new Promise<void>((r) => (wake = r));
    }
  };
  await until((a) => a.channelData?.prompt === 'menu');
  await new Promise((resolve, reject) =>
    dl.postActivity({ type: 'message', from: { id: 'x' }, text: 'I want to talk to a person' } as any).subscribe(resolve, reject),
  );
  return (await until((a) => a.type === 'event' && a.name === 'handoff.initiate')).value.claimId;
}

/** Whether the claim is flagged in each place agents read it: the queue, the list of waiting claims, the claim. */
async function flags(id: string) {
  const queue = await get('/api/agent/queue');
  const waiting = await get('/api/agent/claims?status=pending_agent');
  const claim = await get(`/api/agent/claims/${id}`);
  return [queue.find((c: any) => c.id === id)?.waitingTooLong, waiting.find((c: any) => c.id === id)?.waitingTooLong, claim.waitingTooLong];
}

test('flagged once it has waited QUEUE_REOFFER_MINUTES, not a second before; no longer once an agent takes it', async () => {
  const id = await customerWantingAPerson();
  expect(await flags(id)).toEqual([false, false, false]);
  ctx.clock.advance(7 * 60_000 - 1000);
  expect(await flags(id)).toEqual([false, false, false]);
  ctx.clock.advance(1000);
  expect(await flags(id)).toEqual([true, true, true]);

  const accepted = await fetch(`${ctx.base}/api/agent/claims/${id}/accept`, {
    method: 'POST',
    headers: { Authorization: `Bearer ${ana}` },
  });
  expect(accepted.status).toBe(200);
  expect((await get(`/api/agent/claims/${id}`)).waitingTooLong).toBe(false);
  expect((await get('/api/agent/claims?status=with_agent')).find((c: any) => c.id === id).waitingTooLong).toBe(false);
});

test('the flag is for agents only: the queue is 401 signed out', async () => {
  expect((await fetch(`${ctx.base}/api/agent/queue`)).status).toBe(401);
});
