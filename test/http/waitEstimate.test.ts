import type { DirectLine } from 'botframework-directlinejs';
import { AgentAccounts } from '../../src/agents/agentAccounts';
import type { AuditEntry } from '../../src/storage/claimAudit';
import { openAgentFeed } from '../helpers/agentFeedClient';
import { agentToken, startTestApp } from '../helpers/testApp';
import { webChatCustomer } from '../helpers/webChatCustomer';

/**
 * The wait estimate as the server wires it: the seats of the agents whose console is connected, each
 * with their own capacity, their open chats, and the chats that ended in the last day.
 */
let ctx: Awaited<ReturnType<typeof startTestApp>>;
const customers: DirectLine[] = [];
const feeds: { close(): void }[] = [];
afterEach(async () => {
  for (const dl of customers.splice(0)) dl.end();
  for (const feed of feeds.splice(0)) feed.close();
  await ctx.app.close();
});

const minutesAgo = (m: number) => new Date(ctx.clock.now().getTime() - m * 60_000).toISOString();

/** Earlier chats of these many minutes each, ended in the last hours, in the audit trail. */
async function earlierChats(minutes: number[]): Promise<void> {
  await ctx.app.storage.commits.unit(async () => {
    for (const [i, lasted] of minutes.entries()) {
      const entry = (from: AuditEntry['from'], to: AuditEntry['to'], at: string): AuditEntry => ({
        claimId: `earlier-${i}`,
        from,
        to,
        action: 'accept',
        actorKind: 'agent',
        actorId: 'bo',
        at,
      });
      await ctx.app.storage.audit.record(entry('pending_agent', 'with_agent', minutesAgo(60 * (i + 1) + lasted)));
      await ctx.app.storage.audit.record(entry('with_agent', 'closed', minutesAgo(60 * (i + 1))));
    }
  });
  await ctx.app.storage.commits.durable();
}

/** A Web Chat customer who asks for a person: their claim and what they are told about their place in the queue. */
async function customerWantingAPerson() {
  const { until, say } = await webChatCustomer(ctx.base, customers);
  await say('my QT5682 died, bought it February 20th');
  await until((a) => a.channelData?.prompt === 'proofType');
  await say('I want to talk to a person');
  const handoff = await until((a) => a.type === 'event' && a.name === 'handoff.initiate');
  const place = await until((a) => a.type === 'message' && /in the queue/.test(a.text ?? ''));
  return { claimId: handoff.value.claimId as string, told: place.text as string };
}

test("an agent's own capacity counts: a free seat first, then one chat's wait once it is taken", async () => {
  // AGENT_CAPACITY 3, but Bo's own capacity is 1: with one chat Bo has no free seat
  ctx = await startTestApp({ env: { AUTO_ASSIGN: 'off', AGENT_CAPACITY: '3' } });
  await new AgentAccounts(ctx.app.storage.agents).create('bo', 'password-bo', { capacity: 1 });
  const bo = await agentToken(ctx.base, { username: 'bo', password: 'password-bo' });
  feeds.push(await openAgentFeed(ctx.base, bo));
  await earlierChats([4, 6, 7]); // median 6 minutes

  const first = await customerWantingAPerson();
  expect(first.told).toContain("You're number 1 in the queue. From recent chats, expect to wait less than 2 minutes.");
  const accepted = await fetch(`${ctx.base}/api/agent/claims/${first.claimId}/accept`, {
    method: 'POST',
    headers: { Authorization: `Bearer ${bo}` },
  });
  expect(accepted.status).toBe(200);

  const second = await customerWantingAPerson();
  expect(second.told).toContain("You're number 1 in the queue. From recent chats, expect to wait about 5–10 minutes.");
}, 60_000);

test('with agents online but no chat ended yet: the place in the queue alone', async () => {
  ctx = await startTestApp({ env: { AUTO_ASSIGN: 'off' } });
  feeds.push(await openAgentFeed(ctx.base, await agentToken(ctx.base)));
  const { told } = await customerWantingAPerson();
  expect(told).toContain("You're number 1 in the queue. Someone will reply here shortly.");
  expect(told).not.toMatch(/expect to wait/);
}, 60_000);
