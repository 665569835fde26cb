import { clarifyChoices } from '../../../src/domain/dates/pickReading';
import { recordedReading } from '../../../src/domain/dates/recordedReading';

const purchase = (fields: Partial<{ date: string; earliest: string; latest: string; readings: string[] }>) => ({
  text: 'as the customer said it',
  date: null,
  earliest: null,
  latest: null,
  readings: [],
  ...fields,
});

describe('recordedReading: the clarifying question asked again from the claim alone', () => {
  test.each([
    [
      'readings on both sides of the window are offered again as the choice',
      purchase({ readings: ['2026-05-04', '2026-04-05'] }),
      { kind: 'ambiguous', readings: ['2026-05-04', '2026-04-05'], decision: 'ask' },
      ['2026-04-05', '2026-05-04'],
    ],
    [
      'a range across the window asks for the exact day',
      purchase({ earliest: '2026-04-01', latest: '2026-04-30' }),
      { kind: 'range', earliest: '2026-04-01', latest: '2026-04-30', decision: 'ask' },
      [],
    ],
    [
      'a day read with doubt (a part of the answer left unexplained) asks for the exact day',
      purchase({ date: '2026-04-20' }),
      { kind: 'date', date: '2026-04-20', decision: 'ask' },
      [],
    ],
  ])('%s', (_name, recorded, reading, choices) => {
    expect(recordedReading(recorded)).toEqual(reading);
    expect(clarifyChoices(recordedReading(recorded))).toEqual(choices);
  });

  describe('edge cases', () => {
    test('nothing recorded: still a question, never a decision', () => {
      expect(recordedReading(purchase({}))).toEqual({ kind: 'none', decision: 'ask' });
    });
    test('a single reading is not a choice', () => {
      expect(recordedReading(purchase({ readings: ['2026-04-05'], date: '2026-04-05' }))).toMatchObject({ kind: 'date', decision: 'ask' });
    });
    test('the claim is not changed through the reading', () => {
      const recorded = purchase({ readings: ['2026-05-04', '2026-04-05'] });
      const reading = recordedReading(recorded);
      reading.readings?.sort();
      expect(recorded.readings).toEqual(['2026-05-04', '2026-04-05']);
    });
  });
});
