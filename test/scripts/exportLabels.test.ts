import { exportLabels } from '../../scripts/exportLabels';
import { newClaim } from '../../src/domain/claim';
import { openTestStorage } from '../helpers/store';

/*
 * `npm run export:labels` on both stores (TEST_STORE=postgres): the purchase-date corrections that have the
 * customer's words, oldest first, as DATES.md items — other fields' corrections and wordless ones left out,
 * the customer's name and email scrubbed from the words.
 */
test('the purchase-date corrections come out as JSONL items, scrubbed', async () => {
  const storage = await openTestStorage();
  try {
    const claim = newClaim('c1', 'conv-1', new Date('2026-03-02T17:30:00Z'), 'v1', 'America/New_York');
    claim.customer = { name: 'Dana Wu', email: 'dana@example.com' };
    claim.purchase.text = 'Dana here (dana@example.com): got it 5 weeks ago';
    claim.channel = 'emulator';
    const other = newClaim('c2', 'conv-2', new Date('2026-03-05T12:00:00Z'), 'v1', 'Europe/Berlin');
    await storage.commits.atomically(async () => {
      await storage.claims.insert(claim);
      await storage.claims.insert(other);
      // the words came a quarter of an hour into the claim: that is the label's `now`
      const said = { conversation: { channel: 'emulator', id: 'conv-1' }, activityId: null, type: 'message', attachments: [] };
      await storage.transcript.record({
        ...said,
        direction: 'out',
        from: 'bot',
        text: 'When did you buy it?',
        timestamp: '2026-03-02T17:40:00.000Z',
      });
      await storage.transcript.record({
        ...said,
        direction: 'in',
        from: 'customer',
        text: claim.purchase.text,
        timestamp: '2026-03-02T17:45:00.000Z',
      });
      const at = '2026-03-02T18:00:00.000Z';
      const base = { agent: 'bo', at, oldValue: '2026-01-26' };
      await storage.corrections.record({
        ...base,
        claimId: 'c1',
        field: 'purchase_date',
        newValue: '2026-02-20',
        customerWords: claim.purchase.text,
      });
      await storage.corrections.record({ ...base, claimId: 'c1', field: 'product', newValue: 'QT5682', customerWords: null });
      await storage.corrections.record({ ...base, claimId: 'c2', field: 'purchase_date', newValue: '2026-02-01', customerWords: null });
      await storage.corrections.record({
        ...base,
        claimId: 'c2',
        field: 'purchase_date',
        newValue: '2026-02-02',
        customerWords: 'the 2nd of Feb',
      });
    });
    await storage.commits.durable();

    const lines = (await exportLabels(storage.corrections, storage.transcript))
      .trimEnd()
      .split('\n')
      .map((l) => JSON.parse(l));
    expect(lines).toEqual([
      {
        id: expect.stringMatching(/^agent-\d+$/),
        category: 'agent_correction',
        text: '[name] here ([email]): got it 5 weeks ago',
        now: '2026-03-02T17:45:00Z',
        tz: 'America/New_York',
        gold: { kind: 'date', date: '2026-02-20' },
        decision: 'within',
      },
      {
        id: expect.stringMatching(/^agent-\d+$/),
        category: 'agent_correction',
        text: 'the 2nd of Feb',
        now: '2026-03-05T12:00:00Z',
        tz: 'Europe/Berlin',
        gold: { kind: 'date', date: '2026-02-02' },
        decision: 'outside',
      },
    ]);
    expect(await storage.corrections.of('c1')).toHaveLength(2);
  } finally {
    await storage.close();
  }
});

test('no corrections, no lines', async () => {
  const storage = await openTestStorage();
  try {
    expect(await exportLabels(storage.corrections, storage.transcript)).toBe('');
  } finally {
    await storage.close();
  }
});
