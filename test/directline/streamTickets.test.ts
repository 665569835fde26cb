import { DirectLineTokens } from '../../src/channels/directLine/directLineTokens';
import { fixedClock } from '../../src/clock';
// imported at the top: on PostgreSQL it registers the afterAll that drops the file's databases
import { startTestApp } from '../helpers/testApp';

const CUSTOMER = { userId: 'u_1', conversationId: 'c1' };

describe('stream tickets open one stream each', () => {
  test('a used ticket stays used however many others are used after it (no eviction by count)', async () => {
    const tokens = new DirectLineTokens('secret', fixedClock('2026-03-02T17:30:00Z'));
    const seen = tokens.issueStreamTicket(CUSTOMER);
    expect(await tokens.verifyStreamTicket(seen)).toEqual(CUSTOMER);
    for (let i = 0; i < 12_000; i++) expect(await tokens.verifyStreamTicket(tokens.issueStreamTicket(CUSTOMER))).toEqual(CUSTOMER);
    expect(await tokens.verifyStreamTicket(seen)).toBeNull();
  });

  test('edge cases: an expired, foreign or conversation token is not a ticket', async () => {
    const clock = fixedClock('2026-03-02T17:30:00Z');
    const tokens = new DirectLineTokens('secret', clock);
    const late = tokens.issueStreamTicket(CUSTOMER);
    clock.advance(10 * 60_000);
    expect(await tokens.verifyStreamTicket(late)).toBeNull();
    expect(await tokens.verifyStreamTicket(new DirectLineTokens('other', clock).issueStreamTicket(CUSTOMER))).toBeNull();
    expect(await tokens.verifyStreamTicket(tokens.issue(CUSTOMER).token)).toBeNull();
    expect(await tokens.verifyStreamTicket('not a ticket')).toBeNull();
    expect(await tokens.verifyStreamTicket(null)).toBeNull();
  });
});

test('stream URLs (each a fresh ticket) are rate-limited per conversation: a token holder cannot mint them by the thousand', async () => {
  const { STREAM_URLS_PER_MINUTE } = await import('../../src/channels/directLine/directLineRoutes');
  const { app, base } = await startTestApp();
  try {
    const s = (await (await fetch(`${base}/api/directline/token`, { method: 'POST' })).json()) as { token: string; conversationId: string };
    const statuses: number[] = [];
    for (let i = 0; i <= STREAM_URLS_PER_MINUTE; i++) {
      const res = await fetch(`${base}/v3/directline/conversations/${s.conversationId}`, {
        headers: { Authorization: `Bearer ${s.token}` },
      });
      statuses.push(res.status);
      if (res.status === 429) expect(res.headers.get('retry-after')).toMatch(/^\d+$/);
    }
    expect(statuses.filter((status) => status === 200)).toHaveLength(STREAM_URLS_PER_MINUTE);
    expect(statuses.at(-1)).toBe(429);
  } finally {
    await app.close();
  }
});
