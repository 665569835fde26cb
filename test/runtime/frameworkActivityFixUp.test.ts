import type { Activity } from 'botbuilder';
import { validateAndFixActivity } from '../../src/runtime/frameworkActivityFixUp';

// The deep import our channel adapter relies on (src/runtime/frameworkActivityFixUp.ts): an upgrade
// that moves it or changes what it does to an activity must fail here, not in a customer's turn.
describe('the framework fix-up our channel adapter calls instead of CloudAdapter.process', () => {
  test.each([
    ['timestamp', 'rawTimestamp'],
    ['localTimestamp', 'rawLocalTimestamp'],
    ['expiration', 'rawExpiration'],
  ] as const)('turns %s into a Date and keeps the text as %s', (field, raw) => {
    const text = '2026-03-02T12:30:00.000-05:00';
    const fixed = validateAndFixActivity({ type: 'message', [field]: text } as unknown as Activity) as unknown as Record<string, unknown>;
    expect(fixed[field]).toEqual(new Date(text));
    expect(fixed[raw]).toBe(text);
  });

  test('refuses what is not an activity', () => {
    expect(() => validateAndFixActivity('text' as unknown as Activity)).toThrow(/invalid request body/);
    expect(() => validateAndFixActivity({} as Activity)).toThrow(/missing activity type/);
  });
});
