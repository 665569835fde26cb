import { withoutNul } from '../../src/server/withoutNul';

describe('withoutNul', () => {
  test.each([
    ['a string', 'a\0b', 'ab'],
    ['nested strings and keys', { t: 'x\0', a: ['\0', { 'k\0': 'v\0v' }] }, { t: 'x', a: ['', { k: 'vv' }] }],
    ['nothing to remove', { t: 'plain', n: 1, b: true, z: null }, { t: 'plain', n: 1, b: true, z: null }],
    ['a number', 5, 5],
    ['null', null, null],
  ])('%s', (_, given, expected) => {
    expect(withoutNul(given)).toEqual(expected);
  });
});
