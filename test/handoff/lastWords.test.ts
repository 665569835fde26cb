import type { Claim } from '../../src/domain/claim';
import { lastWords, turnTakingWords } from '../../src/handoff/silenceWatch';
import type { TranscriptEntry } from '../../src/storage/transcriptRepository';

const said = (from: TranscriptEntry['from'], timestamp: string, text = 'x'): TranscriptEntry => ({
  from,
  text,
  attachments: [],
  timestamp,
});
const at = (iso: string) => new Date(iso);

describe('lastWords: whose turn it is in a chat', () => {
  test.each<[string, TranscriptEntry[], ReturnType<typeof lastWords>]>([
    ['nobody yet', [], { lastWordBy: null, lastCustomerAt: null, lastAgentAt: null }],
    ['only the assistant', [said('bot', '2026-03-02T17:00:00Z')], { lastWordBy: null, lastCustomerAt: null, lastAgentAt: null }],
    [
      "the automatic greeting is the agent's word; the service lines after it are nobody's",
      [
        said('customer', '2026-03-02T16:59:00Z'),
        said(
          'agent',
          '2026-03-02T17:00:00Z',
          "Hi, I'm Bo from Q-See support. I've read your conversation with the assistant — I'll take it from here.",
        ),
        said('bot', '2026-03-02T17:05:00Z', 'Are you still there?'),
      ],
      { lastWordBy: 'agent', lastCustomerAt: at('2026-03-02T16:59:00Z'), lastAgentAt: at('2026-03-02T17:00:00Z') },
    ],
    [
      'the order of the transcript decides, not the times (a clock that went back)',
      [said('agent', '2026-03-02T17:10:00Z'), said('customer', '2026-03-02T17:05:00Z')],
      { lastWordBy: 'customer', lastCustomerAt: at('2026-03-02T17:05:00Z'), lastAgentAt: at('2026-03-02T17:10:00Z') },
    ],
    [
      'a file alone is a word; an unreadable time is none',
      [said('agent', '2026-03-02T17:00:00Z'), { from: 'customer', text: null, attachments: [{ name: 'r.jpg' }], timestamp: 'garbage' }],
      { lastWordBy: 'customer', lastCustomerAt: null, lastAgentAt: at('2026-03-02T17:00:00Z') },
    ],
  ])('%s', (_name, transcript, expected) => {
    expect(lastWords(transcript)).toEqual(expected);
  });
});

describe('turnTakingWords: before the agent has typed, their lines are automatic and the turn is theirs', () => {
  const words = (lastWordBy: 'customer' | 'agent' | null, customer: string | null, agent: string | null) => ({
    lastWordBy,
    lastCustomerAt: customer ? at(customer) : null,
    lastAgentAt: agent ? at(agent) : null,
  });
  const claim = (acceptedAt: string | null, firstResponseAt?: string | null) =>
    ({ handoff: { acceptedAt, firstResponseAt } }) as unknown as Claim;
  test.each<[string, Claim, ReturnType<typeof lastWords>, ReturnType<typeof lastWords>]>([
    [
      'greeted only: the agent owes the answer from taking the chat',
      claim('2026-03-02T17:05:00Z', null),
      words('agent', '2026-03-02T17:00:00Z', '2026-03-02T17:05:00Z'),
      words('customer', '2026-03-02T17:05:00Z', null),
    ],
    [
      'greeted, then the customer wrote: from their message',
      claim('2026-03-02T17:05:00Z'),
      words('customer', '2026-03-02T17:07:00Z', '2026-03-02T17:05:00Z'),
      words('customer', '2026-03-02T17:07:00Z', null),
    ],
    [
      'the agent has typed: the transcript decides',
      claim('2026-03-02T17:05:00Z', '2026-03-02T17:06:00Z'),
      words('agent', '2026-03-02T17:00:00Z', '2026-03-02T17:06:00Z'),
      words('agent', '2026-03-02T17:00:00Z', '2026-03-02T17:06:00Z'),
    ],
    ['nothing known', claim(null), words(null, null, null), words(null, null, null)],
    ['an unreadable stamp counts as none', claim('not a date'), words('agent', null, '2026-03-02T17:05:00Z'), words(null, null, null)],
  ])('%s', (_, held, seen, expected) => {
    expect(turnTakingWords(held, seen)).toEqual(expected);
  });
});
