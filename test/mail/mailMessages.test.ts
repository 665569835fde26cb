import { type Claim, newClaim } from '../../src/domain/claim';
import { agentReplyMail } from '../../src/mail/messages/agentReplyMail';
import { customerWords } from '../../src/mail/messages/customerWords';
import { decisionMail } from '../../src/mail/messages/decisionMail';
import { transcriptMail } from '../../src/mail/messages/transcriptMail';
import type { TranscriptEntry } from '../../src/storage/transcriptRepository';
import { qseePolicy } from '../helpers/policy';

/** What each mail says, and that nothing a customer typed becomes markup, a link or a line of ours. */
const policy = qseePolicy();
const LINK = { url: 'https://help.example.com/resume/eyJ.abc.def', validDays: 30 };

function claimWith(change: (c: Claim) => void = () => {}): Claim {
  const claim = newClaim('c-123', 'conv', new Date('2026-03-02T17:30:00Z'), 'v1', 'America/New_York');
  claim.product = { text: 'QT5682 bullet camera', model: 'QT5682' };
  claim.purchase.date = '2026-02-20';
  change(claim);
  return claim;
}
const entry = (from: TranscriptEntry['from'], text: string): TranscriptEntry => ({
  from,
  text,
  attachments: [],
  timestamp: '2026-03-02T17:30:00.000Z',
});

describe('decision mails', () => {
  test.each([
    ['covered', /RMA number RMA-1/, /write RMA-1 on the outside of the box/],
    ['not_covered', /not covered/, /30 days from the date of purchase/],
    ['awaiting_proof', /proof of purchase needed/, /open your conversation with the link below and upload it/],
  ] as const)('%s: subject and what to do next', (outcome, subject, body) => {
    const claim = claimWith((c) => {
      c.decision.outcome = outcome;
      if (outcome === 'covered') c.rmaNumber = 'RMA-1';
      if (outcome === 'not_covered') c.decision.reasons = ['outside_warranty_period'];
    });
    const mail = decisionMail(claim, policy, LINK);
    expect(mail?.subject).toMatch(subject);
    expect(mail?.text).toMatch(body);
    expect(mail?.text).toContain(LINK.url);
    expect(mail?.html).toContain(`href="${LINK.url}"`);
    expect(mail?.text).toContain('c-123');
    expect(mail?.html).not.toMatch(/<img|<script|src=|url\(/i);
  });

  test.each([null, 'needs_agent'] as const)('no mail for a claim with no decision to tell (%s)', (outcome) => {
    expect(
      decisionMail(
        claimWith((c) => (c.decision.outcome = outcome)),
        policy,
        LINK,
      ),
    ).toBeNull();
  });

  test("the customer's product words: escaped in HTML, no links, short", () => {
    const claim = claimWith((c) => {
      c.decision.outcome = 'covered';
      c.rmaNumber = 'RMA-1';
      c.product.text = `<a href="https://evil.example">camera</a> see www.evil.example/login ${'x'.repeat(500)}`;
    });
    const mail = decisionMail(claim, policy, LINK) as NonNullable<ReturnType<typeof decisionMail>>;
    expect(mail.html).not.toContain('<a href="https://evil');
    expect(mail.html).toContain('&lt;a href=');
    expect(mail.text).not.toMatch(/evil\.example/);
    expect(mail.text).toContain('[link removed]');
    expect(mail.text).not.toContain('x'.repeat(100));
  });
});

describe('transcript mails', () => {
  test("every line under who said it; a customer's line cannot pass for ours", () => {
    const forged = 'fine\n\nMar 2, 2026, 12:30 PM — Q-See assistant:\n    Your account is locked, visit https://evil.example/unlock';
    const mail = transcriptMail(
      claimWith(),
      policy,
      [entry('bot', 'Which product is it?'), entry('customer', forged)],
      LINK,
      'America/New_York',
    );
    const lines = mail.text.split('\n');
    // the forged header sits indented under "You:", never at the start of a line
    expect(lines.filter((l) => /^\S.* — Q-See assistant:$/.test(l))).toHaveLength(1);
    expect(mail.text).toContain('    Mar 2, 2026, 12:30 PM — Q-See assistant:');
    expect(mail.text).not.toContain('evil.example');
    expect(mail.html).not.toContain('evil.example');
  });

  test('stays small however long the conversation: the newest lines are kept, and it says so', () => {
    const long = Array.from({ length: 500 }, (_, i) => entry('customer', `${i} ${'"'.repeat(1990)}`));
    const mail = transcriptMail(claimWith(), policy, long, LINK, 'America/New_York');
    expect(mail.text.length).toBeLessThan(100_000);
    expect(mail.html.length).toBeLessThan(500_000);
    expect(mail.text).toContain('499 ');
    expect(mail.text).not.toMatch(/^ {4}0 /m);
    expect(mail.text).toContain('Only the latest messages fit');
  });

  test('an attachment is named, not linked', () => {
    const withFile = { ...entry('customer', ''), attachments: [{ name: 'receipt https://evil.example.jpg', contentType: 'image/jpeg' }] };
    const mail = transcriptMail(claimWith(), policy, [withFile], LINK, 'UTC');
    expect(mail.text).toContain('[file: receipt [link removed]]');
  });
});

test("an agent's reply: their words quoted (agents' links kept), the claim named, where replies go", () => {
  const mail = agentReplyMail(claimWith(), policy, 'Ana', 'See https://www.q-see.com/support/rma <b>now</b>', LINK);
  expect(mail.subject).toMatch(/reply about your warranty claim/);
  expect(mail.text).toContain('> See https://www.q-see.com/support/rma <b>now</b>');
  expect(mail.html).toContain('&lt;b&gt;now&lt;/b&gt;');
  expect(mail.text).toContain('c-123');
  expect(mail.text).toMatch(/Replies to this email don't reach the chat/);
});

test.each([
  ['plain words', 100, 'plain words'],
  ['go to https://x.example/a?b=c now', 100, 'go to [link removed] now'],
  ['WWW.Example.com', 100, '[link removed]'],
  ['ftp://files.example/x', 100, '[link removed]'],
  ['😀😀😀', 2, '😀😀…'],
  ['abcdef', 3, 'abc…'],
])('customerWords(%j, %d) → %j', (text, max, expected) => expect(customerWords(text, max)).toBe(expected));
