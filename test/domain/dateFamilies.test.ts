import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { readPurchaseDate } from '../../src/domain/dates/readPurchaseDate';

// Every case of eval/dates-families/*.jsonl (one file per family of phrasings, written from the
// conventions in shared/eval/DATES.md) must read exactly as labelled: kind, value and decision.
const FAMILIES = join(__dirname, '../../eval/dates-families');
const policy = { windowDays: 30 };

interface Item {
  id: string;
  text: string;
  now: string;
  tz: string;
  gold: { kind: string; date?: string; earliest?: string; latest?: string; readings?: string[] };
  decision: string;
}

const items: Array<[string, string, Item]> = readdirSync(FAMILIES)
  .filter((file) => file.endsWith('.jsonl'))
  .flatMap((file) =>
    readFileSync(join(FAMILIES, file), 'utf8')
      .split('\n')
      .filter((line) => line.trim())
      .map((line): [string, string, Item] => {
        const item = JSON.parse(line) as Item;
        return [item.id, item.text, item];
      }),
  );

describe('date families (eval/dates-families)', () => {
  test('every family file has cases', () => expect(items.length).toBeGreaterThan(150));

  test.each(items)('%s %s', (_id, text, item) => {
    const read = readPurchaseDate(text, new Date(item.now), item.tz, policy);
    const { kind, date, earliest, latest, readings } = read;
    const got = { kind, date, earliest, latest, readings };
    const want = { date: undefined, earliest: undefined, latest: undefined, readings: undefined, ...item.gold };
    expect({ ...got, decision: read.decision }).toEqual({ ...want, decision: item.decision });
  });
});
