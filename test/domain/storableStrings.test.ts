import { storableStrings } from '../../src/domain/storableStrings';

describe('storableStrings', () => {
  test.each([
    ['a string', 'a\0b', 'ab'],
    ['nested strings and keys', { t: 'x\0', a: ['\0', { 'k\0': 'v\0v' }] }, { t: 'x', a: ['', { k: 'vv' }] }],
    ['nothing to remove', { t: 'plain', n: 1, b: true, z: null }, { t: 'plain', n: 1, b: true, z: null }],
    ['a number', 5, 5],
    ['null', null, null],
    ['half an emoji (a lone high surrogate)', 'camera \ud83d', 'camera \ufffd'],
    ['a lone low surrogate', '\ude00 x', '\ufffd x'],
    ['a whole emoji stays', 'ok 😀', 'ok 😀'],
  ])('%s', (_, given, expected) => {
    expect(storableStrings(given)).toEqual(expected);
  });

  test('a key that becomes "__proto__" stays an own property, as JSON.parse makes it: the prototype is untouched', () => {
    const body = storableStrings(JSON.parse('{"__pro\\u0000to__": {"isAdmin": true}}')) as Record<string, unknown>;
    expect(Object.getPrototypeOf(body)).toBe(Object.prototype);
    expect((body as { isAdmin?: unknown }).isAdmin).toBeUndefined();
    expect(Object.keys(body)).toEqual(['__proto__']);
  });
});
