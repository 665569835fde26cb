import { lastWords } from '../../src/handoff/silenceWatch';
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
