import { type SilenceFacts, type SilenceLimits, type SilenceStep, silenceStep, stampOf } from '../../src/domain/silence';

const MIN = 60_000;
const LIMITS: SilenceLimits = { customerRemindMs: 5 * MIN, customerEndMs: 10 * MIN, agentRemindMs: 3 * MIN };
/** 17:mm:ss on the test's day */
const t = (hhmm: string) => new Date(`2026-03-02T${hhmm.length === 5 ? `${hhmm}:00` : hhmm}Z`);
const none: SilenceFacts = {
  lastWordBy: null,
  lastCustomerAt: null,
  lastAgentAt: null,
  customerRemindedAt: null,
  chatEndedAt: null,
  agentRemindedAt: null,
};
const agentSaid = (at: string, more: Partial<SilenceFacts> = {}): SilenceFacts => ({
  ...none,
  lastWordBy: 'agent',
  lastAgentAt: t(at),
  lastCustomerAt: t('16:50'),
  ...more,
});
const customerSaid = (at: string, more: Partial<SilenceFacts> = {}): SilenceFacts => ({
  ...none,
  lastWordBy: 'customer',
  lastCustomerAt: t(at),
  lastAgentAt: t('16:50'),
  ...more,
});

describe('silenceStep', () => {
  test.each<[string, SilenceFacts, string, SilenceStep, SilenceLimits?]>([
    // the customer's turn
    ['agent spoke 4:59 ago', agentSaid('17:00:01'), '17:05', 'nothing'],
    ['agent spoke exactly 5 min ago', agentSaid('17:00'), '17:05', 'remind_customer'],
    ['agent spoke an hour ago, never reminded', agentSaid('16:00'), '17:00', 'remind_customer'],
    ['reminded 9:59 ago', agentSaid('17:00', { customerRemindedAt: t('17:05:01') }), '17:15', 'nothing'],
    ['reminded exactly 10 min ago', agentSaid('17:00', { customerRemindedAt: t('17:05') }), '17:15', 'end_chat'],
    ['reminded, just now: not a second reminder', agentSaid('17:00', { customerRemindedAt: t('17:05') }), '17:06', 'nothing'],
    [
      'a reminder at the very instant of the agent word came before it',
      agentSaid('17:05', { customerRemindedAt: t('17:05') }),
      '17:10',
      'remind_customer',
    ],
    ['a reminder of an earlier silence does not count', agentSaid('17:10', { customerRemindedAt: t('17:05') }), '17:15', 'remind_customer'],
    ['already ended: nothing more', agentSaid('17:00', { customerRemindedAt: t('17:05'), chatEndedAt: t('17:15') }), '18:00', 'nothing'],
    ['reminder off: the end counts from the agent word', agentSaid('17:00'), '17:10', 'end_chat', { ...LIMITS, customerRemindMs: 0 }],
    ['reminder off, not yet the end', agentSaid('17:00'), '17:09', 'nothing', { ...LIMITS, customerRemindMs: 0 }],
    [
      'end off: the reminder only',
      agentSaid('17:00', { customerRemindedAt: t('17:05') }),
      '23:00',
      'nothing',
      { ...LIMITS, customerEndMs: 0 },
    ],
    ['end off: the reminder still comes', agentSaid('17:00'), '17:05', 'remind_customer', { ...LIMITS, customerEndMs: 0 }],
    ['both customer timers off', agentSaid('12:00'), '17:00', 'nothing', { ...LIMITS, customerRemindMs: 0, customerEndMs: 0 }],
    [
      'agent timer off does not stop the customer reminder',
      agentSaid('17:00'),
      '17:05',
      'remind_customer',
      { ...LIMITS, agentRemindMs: 0 },
    ],
    // the agent's turn
    ['customer wrote 2:59 ago', customerSaid('17:00:01'), '17:03', 'nothing'],
    ['customer wrote 3 min ago', customerSaid('17:00'), '17:03', 'remind_agent'],
    ['agent reminded for this message', customerSaid('17:00', { agentRemindedAt: t('17:03') }), '18:00', 'nothing'],
    [
      'a message at the very instant of the reminder is a new one',
      customerSaid('17:03', { agentRemindedAt: t('17:03') }),
      '17:06',
      'remind_agent',
    ],
    ['a new message after the reminder', customerSaid('17:04', { agentRemindedAt: t('17:03') }), '17:07', 'remind_agent'],
    ['agent timer off', customerSaid('12:00'), '17:00', 'nothing', { ...LIMITS, agentRemindMs: 0 }],
    [
      'customer timers off do not stop the agent reminder',
      customerSaid('17:00'),
      '17:03',
      'remind_agent',
      { ...LIMITS, customerRemindMs: 0, customerEndMs: 0 },
    ],
    ['a customer reminder stamp is no agent reminder', customerSaid('17:00', { customerRemindedAt: t('17:01') }), '17:03', 'remind_agent'],
    ['an ended chat: no agent reminder either', customerSaid('17:00', { chatEndedAt: t('16:55') }), '18:00', 'nothing'],
    // nobody, or missing fields
    ['nobody has spoken', none, '17:00', 'nothing'],
    ['the last word is the agent but no time is known', { ...none, lastWordBy: 'agent' }, '17:00', 'nothing'],
    ['the last word is the customer but no time is known', { ...none, lastWordBy: 'customer' }, '17:00', 'nothing'],
    // a clock that went back
    ['the agent word is in the future', agentSaid('17:30'), '17:00', 'nothing'],
    ['the reminder is in the future', agentSaid('17:00', { customerRemindedAt: t('17:40') }), '17:30', 'nothing'],
    ['the customer word is in the future', customerSaid('17:30'), '17:00', 'nothing'],
  ])('%s', (_name, facts, now, expected, limits = LIMITS) => {
    expect(silenceStep(facts, t(now), limits)).toBe(expected);
  });

  test('stamps from storage: missing, null, unreadable read as none', () => {
    expect(stampOf(undefined)).toBeNull();
    expect(stampOf(null)).toBeNull();
    expect(stampOf('not a date')).toBeNull();
    expect(stampOf('2026-03-02T17:00:00.000Z')?.toISOString()).toBe('2026-03-02T17:00:00.000Z');
  });
});
