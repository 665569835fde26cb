import { type PlacedLine, spotOf } from '../../../src/domain/receipts/spot';

const box = (y: number) => ({ x: 0.1, y, width: 0.5, height: 0.02 });
const pages: { page: number; lines: PlacedLine[] }[] = [
  {
    page: 1,
    lines: [
      { text: 'BEST BUY', box: box(0.05) },
      { text: 'Order Date:\t01/10/2026 ', box: box(0.2) },
    ],
  },
  {
    page: 2,
    lines: [
      { text: 'Order Date: 01/10/2026', box: box(0.7) },
      { text: 'Ship Date 01/12/2026', box: null },
    ],
  },
];

describe('spotOf: where the line the date was read from sits', () => {
  test.each<[string, number, string, number | null]>([
    ['the line on its page, matched as linesOf keeps text (tabs, trailing spaces)', 1, 'Order Date: 01/10/2026', 0.2],
    ['the same words on another page are that page’s', 2, 'Order Date: 01/10/2026', 0.7],
    ['a line whose place is unknown', 2, 'Ship Date 01/12/2026', null],
    ['words no line of that page begins with (read by another pass)', 1, 'Ship Date 01/12/2026', null],
    ['a page that was not placed', 3, 'Order Date: 01/10/2026', null],
    ['evidence cut short still finds its line', 1, 'Order Date:', 0.2],
  ])('%s', (_name, page, evidence, y) => {
    const spot = spotOf(pages, page, evidence);
    expect(spot?.y ?? null).toBe(y);
    if (spot) expect(spot).toMatchObject({ page, x: 0.1, width: 0.5, height: 0.02 });
  });

  test('boxes are kept within the page and rounded', () => {
    const odd = [{ page: 1, lines: [{ text: 'x', box: { x: -0.2, y: 0.123456789, width: 1.7, height: 0.01 } }] }];
    expect(spotOf(odd, 1, 'x')).toEqual({ page: 1, x: 0, y: 0.1235, width: 1, height: 0.01 });
  });
});
