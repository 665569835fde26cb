import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { App } from '../../src/app';
import { agentToken, startTestApp } from '../helpers/testApp';

/** A Bot Framework channel that takes replies until it is told to refuse them (a 400: no retries). */
async function channel() {
  const posted: Array<{ text?: string }> = [];
  let refusing = false;
  const server: Server = createServer((req, res) => {
    let body = '';
    req.on('data', (c) => (body += c));
    req.on('end', () => {
      if (refusing) {
        res.writeHead(400);
        res.end('{"error":{"code":"BadArgument"}}');
        return;
      }
      posted.push(JSON.parse(body));
      res.writeHead(200, { 'Content-Type': 'application/json' });
      res.end('{"id":"r"}');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    posted,
    refuse: (on: boolean) => {
      refusing = on;
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

let app: App;
let base: string;
let token: string;
let bf: Awaited<ReturnType<typeof channel>>;
beforeAll(async () => {
  ({ app, base } = await startTestApp());
  token = await agentToken(base);
  bf = await channel();
});
afterAll(async () => {
  await app.close();
  await bf.close();
});

const customerSays = (text: string, id: string) =>
  fetch(`${base}/api/messages`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({
      type: 'message',
      id,
      channelId: 'emulator',
      serviceUrl: bf.url,
      from: { id: 'customer-1' },
      recipient: { id: 'bot' },
      conversation: { id: 'delivery-1' },
      text,
    }),
  });
const agent = (path: string, body?: unknown) =>
  fetch(`${base}${path}`, {
    method: 'POST',
    headers: { Authorization: `Bearer ${token}`, ...(body ? { 'Content-Type': 'application/json' } : {}) },
    body: body ? JSON.stringify(body) : undefined,
  });

test("an agent is told when a message cannot reach the customer's chat, and the customer's conversation is left as it was", async () => {
  expect((await customerSays('I want to talk to a person', 'in-1')).status).toBe(200);
  const [claim] = (await (
    await fetch(`${base}/api/agent/claims?conversationId=delivery-1`, { headers: { Authorization: `Bearer ${token}` } })
  ).json()) as Array<{ id: string }>;
  expect((await agent(`/api/agent/claims/${claim.id}/accept`)).status).toBe(200);

  bf.refuse(true);
  const failed = await agent(`/api/agent/claims/${claim.id}/messages`, { text: 'Are you still there?' });
  expect(failed.status).toBe(502);
  expect(await failed.json()).toEqual({ error: { code: 'DELIVERY_FAILED', message: expect.any(String) } });
  // a decision is made and stands even when its notice cannot be delivered
  const resolved = await agent(`/api/agent/claims/${claim.id}/resolve`, { outcome: 'awaiting_proof' });
  expect(resolved.status).toBe(200);

  bf.refuse(false);
  const before = bf.posted.length;
  expect((await customerSays('hello?', 'in-2')).status).toBe(200);
  // no apology for a failed turn was ever sent, and the customer's dialogs were not reset by the agent's failure
  expect(bf.posted.some((a) => /something went wrong/.test(a.text ?? ''))).toBe(false);
  expect(bf.posted.length).toBeGreaterThan(before);
});
