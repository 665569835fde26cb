import { readCapacity, readDisplayName, readPassword, readRole, readUsername } from '../../src/agents/agentFields';

const accepted = <T>(reading: { ok: true; value: T } | { ok: false; problem: string }) => (reading.ok ? reading.value : 'refused');

describe("an agent account's fields, as admins type them", () => {
  test.each([
    ['ana', 'ana'],
    ['ana.m', 'ana.m'],
    ['a1_b-c', 'a1_b-c'],
    ['a', 'refused'], // too short
    ['x'.repeat(41), 'refused'],
    ['.ana', 'refused'],
    ['аna', 'refused'], // a Cyrillic а
    ['ana m', 'refused'],
    ['', 'refused'],
    [42, 'refused'],
    [null, 'refused'],
  ])('username %p', (value, expected) => expect(accepted(readUsername(value))).toBe(expected));

  test.each([
    [' Ana ', 'Ana'],
    ['Ana (Support)', 'Ana (Support)'],
    ['José Ñúñez', 'José Ñúñez'],
    ['x'.repeat(80), 'x'.repeat(80)],
    ['x'.repeat(81), 'refused'],
    ['', 'refused'],
    ['   ', 'refused'],
    ['Ana\nroot', 'refused'],
    ['Ana\u0000', 'refused'],
    ['Ana\u202Enimda', 'refused'], // right-to-left override
    ['An\u200Ba', 'refused'], // zero-width space
    ['Ana\u2066x\u2069', 'refused'], // isolates
    ['An\uFEFFa', 'refused'],
    ['Ana\uFEFF', 'Ana'], // trimmed, like any space at the ends
    [{}, 'refused'],
  ])('display name %p', (value, expected) => expect(accepted(readDisplayName(value))).toBe(expected));

  test.each([
    [null, null],
    [1, 1],
    [50, 50],
    [0, 'refused'],
    [51, 'refused'],
    [1.5, 'refused'],
    ['3', 'refused'],
    [Number.NaN, 'refused'],
    [Number.POSITIVE_INFINITY, 'refused'],
    [undefined, 'refused'],
  ])('capacity %p', (value, expected) => expect(accepted(readCapacity(value))).toBe(expected));

  test.each([
    ['agent', 'agent'],
    ['admin', 'admin'],
    ['Admin', 'refused'],
    [['admin'], 'refused'],
    ['root', 'refused'],
  ])('role %p', (value, expected) => expect(accepted(readRole(value))).toBe(expected));

  test.each([
    ['12345678', '12345678'],
    ['1234567', 'refused'],
    ['x'.repeat(1024), 'x'.repeat(1024)],
    ['x'.repeat(1025), 'refused'],
    [12345678, 'refused'],
  ])('password of %#', (value, expected) => expect(accepted(readPassword(value))).toBe(expected));
});
