import { withinDepth } from '../../src/server/jsonDepth';

const nested = (levels: number): unknown => {
  let value: unknown = 'leaf';
  for (let i = 0; i < levels; i++) value = i % 2 ? [value] : { inner: value };
  return value;
};

describe('withinDepth: how deep a parsed JSON body nests, walked without recursion', () => {
  test.each([
    ['a string', 'x', 0, true],
    ['null', null, 0, true],
    ['an empty object', {}, 1, true],
    ['an empty object, no nesting allowed', {}, 0, false],
    ['two levels, two allowed', nested(2), 2, true],
    ['three levels, two allowed', nested(3), 2, false],
    ['32 levels, 32 allowed', nested(32), 32, true],
    ['33 levels, 32 allowed', nested(33), 32, false],
    ['a wide object stays shallow', Object.fromEntries(Array.from({ length: 1000 }, (_, i) => [`k${i}`, { v: i }])), 2, true],
  ])('%s (limit %#)', (_name, value, max, expected) => {
    expect(withinDepth(value, max as number)).toBe(expected);
  });

  test('edge case: 100 000 levels do not overflow the stack', () => {
    expect(withinDepth(nested(100_000), 32)).toBe(false);
  });
});
