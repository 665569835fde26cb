import type { CustomerMail } from '../../src/mail/customerMail';
import { createHarness, type Harness } from '../helpers/harness';

/**
 * The per-address limit is a count, then an insert, with awaits between (a review of issue 19 found two
 * conversations asking at the same moment, each in its own unit on PostgreSQL, both passing the count).
 */
let h: Harness;
afterEach(() => h?.close());

test('the per-address limit holds for requests from several conversations at once', async () => {
  h = await createHarness({ mail: { perAddressPerHour: 1 } });
  const mail = h.services.mail as CustomerMail;
  const claims = await Promise.all(['race-1', 'race-2', 'race-3'].map((id) => h.claims.open({ channel: 'directline', id }, 'UTC')));
  const results = await Promise.all(
    claims.map((claim) => h.storage.commits.unit(() => mail.transcript(claim, 'victim@example.com'), `directline|${claim.conversationId}`)),
  );
  expect(results.filter((r) => r.queued)).toHaveLength(1);
});
