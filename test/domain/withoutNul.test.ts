import { withoutNul } from '../../src/domain/withoutNul';

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

  test('a key that becomes "__proto__" stays an own property, as JSON.parse makes it: the prototype is untouched', () => {
    const body = withoutNul(JSON.parse('{"__pro\\u0000to__": {"isAdmin": true}}')) as Record<string, unknown>;
    expect(Object.getPrototypeOf(body)).toBe(Object.prototype);
    expect((body as { isAdmin?: unknown }).isAdmin).toBeUndefined();
    expect(Object.keys(body)).toEqual(['__proto__']);
  });
});
