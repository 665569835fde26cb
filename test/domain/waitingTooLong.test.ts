import type { ClaimStatus } from '../../src/domain/claim';
import { waitingTooLong } from '../../src/domain/waitingTooLong';

const FIVE_MINUTES = 300_000;
const claim = (status: ClaimStatus, requestedAt: string | null) => ({ status, handoff: { requestedAt } });
const at = (iso: string) => new Date(iso);

describe('waitingTooLong', () => {
  test.each([
    ['a claim waiting 4:59', claim('pending_agent', '2026-03-02T17:00:01Z'), false],
    ['a claim waiting exactly the re-offer time', claim('pending_agent', '2026-03-02T17:00:00Z'), true],
    ['a claim waiting an hour', claim('pending_agent', '2026-03-02T16:05:00Z'), true],
    ['an agent has it, however long ago it was handed off', claim('with_agent', '2026-03-02T16:00:00Z'), false],
    ['a closed claim', claim('closed', '2026-03-02T16:00:00Z'), false],
  ])('%s', (_name, c, expected) => {
    expect(waitingTooLong(c, at('2026-03-02T17:05:00Z'), FIVE_MINUTES)).toBe(expected);
  });

  describe('edge cases', () => {
    test('no hand-off time, or one that cannot be read: not flagged', () => {
      expect(waitingTooLong(claim('pending_agent', null), at('2026-03-02T17:05:00Z'), FIVE_MINUTES)).toBe(false);
      expect(waitingTooLong(claim('pending_agent', 'not a date'), at('2026-03-02T17:05:00Z'), FIVE_MINUTES)).toBe(false);
    });
    test("a hand-off time in the future (another instance's clock ahead): not flagged", () => {
      expect(waitingTooLong(claim('pending_agent', '2026-03-02T18:00:00Z'), at('2026-03-02T17:05:00Z'), FIVE_MINUTES)).toBe(false);
    });
  });
});
