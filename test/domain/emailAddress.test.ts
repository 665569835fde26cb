import { addressKey, findEmailAddress, isEmailAddress, looksLikeEmailAttempt, mailboxKey } from '../../src/domain/emailAddress';

describe('findEmailAddress', () => {
  test.each([
    ['jane@example.com', 'jane@example.com'],
    ["it's Jane.Doe+claims@mail.example.co.uk.", 'Jane.Doe+claims@mail.example.co.uk'],
    ['mail me at bob@gmail.com, thanks', 'bob@gmail.com'],
    ['<x@y.com>', 'x@y.com'],
    ['my address: o_neil-1@sub.domain.io!', 'o_neil-1@sub.domain.io'],
    ['first bad@x then good@example.org', 'good@example.org'],
    ['foo@bar', null],
    ['a@b.c', null],
    ['x@[1.2.3.4]', null],
    ['é@x.com', null],
    ['user@localhost', null],
    ['john..doe@example.com', null],
    ['no address here', null],
    ['@@@', null],
    [`${'a'.repeat(65)}@example.com`, null],
    ['bob@example.com\r\nBcc: victim@example.com', 'bob@example.com'],
  ])('%j → %j', (text, expected) => expect(findEmailAddress(text)).toBe(expected));

  test('a huge message is read in bounded time', () => {
    const text = `${'a@'.repeat(50_000)}x`;
    const started = process.hrtime.bigint();
    expect(findEmailAddress(text)).toBeNull();
    expect(Number(process.hrtime.bigint() - started) / 1e6).toBeLessThan(2000);
  });
});

describe('isEmailAddress', () => {
  test.each([
    ['jane@example.com', true],
    ['Jane <jane@example.com>', false],
    ['jane@example.com\nBcc: x@y.com', false],
    [`${'a'.repeat(60)}@${'b'.repeat(190)}.com`, false],
  ])('%j → %j', (text, expected) => expect(isEmailAddress(text)).toBe(expected));
});

test.each([
  ['jane@', true],
  ['@example.com', true],
  ['jane at example dot com', false],
  ['no thanks', false],
])('looksLikeEmailAttempt(%j) → %j', (text, expected) => expect(looksLikeEmailAttempt(text)).toBe(expected));

test('addresses compare in lower case', () => expect(addressKey(' Jane@Example.COM ')).toBe('jane@example.com'));

describe('mailboxKey: one inbox however its address is spelled', () => {
  test.each([
    ['Victim@Example.com', 'victim@example.com'],
    ['victim+1@example.com', 'victim@example.com'],
    ['victim+a+b@example.com', 'victim@example.com'],
    ['v.i.c.t.i.m@gmail.com', 'victim@gmail.com'],
    ['V.ictim+x@GoogleMail.com', 'victim@gmail.com'],
    ['v.ictim@example.com', 'v.ictim@example.com'],
    ['victim@example.com.', 'victim@example.com'],
    ['victim@bücher.example', 'victim@xn--bcher-kva.example'],
    ['+tag@example.com', '+tag@example.com'],
  ])('%j → %j', (address, key) => expect(mailboxKey(address)).toBe(key));
});

test.each(['a%b@example.com', 'a!b@example.com'])('%j (source routing) is not an address we send to', (address) =>
  expect(isEmailAddress(address)).toBe(false),
);
