import { csvCell, csvLine } from '../../src/domain/stats/csvRow';
import { nearestRankIndex } from '../../src/domain/stats/percentile';
import { statsPeriod } from '../../src/domain/stats/statsPeriod';
import { foldStatsGroups, type StatsGroup } from '../../src/storage/statsFold';

describe('statsPeriod', () => {
  test.each([
    ['2026-03-01', '2026-03-01', 'UTC', '2026-03-01T00:00:00.000Z', '2026-03-02T00:00:00.000Z'],
    ['2026-03-01', '2026-03-02', 'America/New_York', '2026-03-01T05:00:00.000Z', '2026-03-03T05:00:00.000Z'],
    ['2026-03-01', '2026-03-01', 'Europe/Berlin', '2026-02-28T23:00:00.000Z', '2026-03-01T23:00:00.000Z'],
    ['2026-03-01', '2026-03-01', 'Australia/Sydney', '2026-02-28T13:00:00.000Z', '2026-03-01T13:00:00.000Z'],
  ])('%s..%s in %s is [%s, %s)', (from, to, tz, fromIso, toIso) => {
    expect(statsPeriod(from, to, tz)).toEqual({ fromIso, toIso });
  });

  describe('edge cases', () => {
    test('a DST change inside the day: 23 hours (New York, 2026-03-08)', () => {
      expect(statsPeriod('2026-03-08', '2026-03-08', 'America/New_York')).toEqual({
        fromIso: '2026-03-08T05:00:00.000Z',
        toIso: '2026-03-09T04:00:00.000Z',
      });
    });
    test.each([
      [undefined, '2026-03-01'],
      ['2026-03-01', null],
      ['2026-13-01', '2026-13-02'],
      ['2026-02-29', '2026-03-01'],
      ['20260301', '20260302'],
      ['2026-03-02', '2026-03-01'],
      ['2025-01-01', '2026-01-02'],
      [['2026-03-01'], '2026-03-01'],
    ])('refused: %p..%p', (from, to) => {
      expect(statsPeriod(from, to, 'UTC')).toHaveProperty('error');
    });
    test('366 days is the longest period', () => {
      expect(statsPeriod('2028-01-01', '2028-12-31', 'UTC')).not.toHaveProperty('error');
    });
  });
});

describe('nearestRankIndex', () => {
  test.each([
    [0.5, 1, 0],
    [0.9, 1, 0],
    [0.5, 2, 0],
    [0.5, 3, 1],
    [0.9, 3, 2],
    [0.5, 10, 4],
    [0.9, 10, 8],
    [0.9, 11, 9],
  ])('p%p of %p values: position %p', (p, n, index) => expect(nearestRankIndex(p, n)).toBe(index));
});

describe('csvCell', () => {
  test.each([
    [null, ''],
    ['plain', 'plain'],
    [12.5, '12.5'],
    [-3, '-3'],
    ['a,b', '"a,b"'],
    ['say "hi"', '"say ""hi"""'],
    ['two\nlines', '"two\nlines"'],
    ['=SUM(A1)', "'=SUM(A1)"],
    ['+1', "'+1"],
    ['-1', "'-1"],
    ['@cmd', "'@cmd"],
    ['\tx', "'\tx"],
    ['=a,"b"', `"'=a,""b"""`],
  ])('%p → %p', (value, cell) => expect(csvCell(value)).toBe(cell));
  test('a line ends with CRLF', () => expect(csvLine(['a', null, 1])).toBe('a,,1\r\n'));
});

describe('foldStatsGroups', () => {
  const group = (g: Partial<StatsGroup>): StatsGroup => ({
    outcome: null,
    decidedBy: null,
    reason: null,
    agent: null,
    handedOff: false,
    claims: 1,
    rated: 0,
    scoreSum: 0,
    ...g,
  });
  test('an outcome the contract does not name counts as no decision: the outcomes add up to the total', () => {
    const folded = foldStatsGroups([
      group({ outcome: 'covered', claims: 2 }),
      group({ outcome: 'weird', claims: 3, rated: 1, scoreSum: 4 }),
    ]);
    expect(folded.claims.total).toBe(5);
    expect(folded.claims.byOutcome).toEqual({ covered: 2, not_covered: 0, awaiting_proof: 0, needs_agent: 0, none: 3 });
    expect(folded.csat.byOutcome).toEqual({ none: 4 });
  });
  test.each([
    ['decided by the agent', 'agent', { bo: 5 }],
    ['still with the agent', null, { bo: 5 }],
    ['given back to the assistant, which decided it', 'bot', {}],
  ])('CSAT by agent: a claim %s', (_, decidedBy, byAgent) => {
    const folded = foldStatsGroups([group({ outcome: 'covered', decidedBy, agent: 'bo', handedOff: true, rated: 1, scoreSum: 5 })]);
    expect(folded.csat.byAgent).toEqual(byAgent);
    expect(folded.csat).toMatchObject({ count: 1, average: 5 });
  });
});
