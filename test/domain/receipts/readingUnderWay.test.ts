import { readingUnderWay } from '../../../src/domain/receipts/readingUnderWay';

const NOW = new Date('2026-03-02T17:30:00.000Z');
const WINDOW_MS = 53_000;
const startedMsAgo = (ms: number) => new Date(NOW.getTime() - ms).toISOString();
const READ = { status: 'read', source: 'ocr', facts: { purchaseDate: null, seller: null, models: [] }, pages: 1, ms: 900 };

describe('readingUnderWay: may a proof file still be being read (on any instance)?', () => {
  test.each([
    ['begun a moment ago, no reading yet', { readingStartedAt: startedMsAgo(10) }, true],
    ['begun just inside the window', { readingStartedAt: startedMsAgo(WINDOW_MS - 1) }, true],
    ['begun a window ago: nobody will bring it now', { readingStartedAt: startedMsAgo(WINDOW_MS) }, false],
    ['begun long ago (the instance that read it crashed)', { readingStartedAt: startedMsAgo(3_600_000) }, false],
    ['begun a moment ago, read already', { readingStartedAt: startedMsAgo(10), reading: READ }, false],
    ['never begun (RECEIPT_READER off, or a file from before the reader)', {}, false],
  ])('%s', (_case, file, expected) => {
    expect(readingUnderWay(file, NOW, WINDOW_MS)).toBe(expected);
  });

  describe('edge cases', () => {
    test("another instance's clock a little ahead: a start 'in the future' is still under way", () => {
      expect(readingUnderWay({ readingStartedAt: startedMsAgo(-2_000) }, NOW, WINDOW_MS)).toBe(true);
    });
    test('a start more than a window in the future (a broken clock) is not waited for', () => {
      expect(readingUnderWay({ readingStartedAt: startedMsAgo(-WINDOW_MS) }, NOW, WINDOW_MS)).toBe(false);
    });
    test('an unreadable timestamp is not waited for', () => {
      expect(readingUnderWay({ readingStartedAt: 'yesterday' }, NOW, WINDOW_MS)).toBe(false);
    });
  });
});
