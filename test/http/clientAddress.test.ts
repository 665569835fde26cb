import type { IncomingMessage } from 'node:http';
import { clientAddress, compileTrust } from '../../src/server/clientAddress';

const request = (remoteAddress: string, forwarded?: string) =>
  ({
    socket: { remoteAddress },
    connection: { remoteAddress },
    headers: forwarded ? { 'x-forwarded-for': forwarded } : {},
  }) as unknown as IncomingMessage;

describe('clientAddress', () => {
  test.each([
    // [TRUST_PROXY, socket address, X-Forwarded-For, expected client]
    [undefined, '203.0.113.9', undefined, '203.0.113.9'],
    [undefined, '127.0.0.1', '198.51.100.7', '127.0.0.1'], // no trusted proxy: the header is ignored
    ['', '10.0.0.2', '198.51.100.7', '10.0.0.2'],
    ['1', '10.0.0.2', '198.51.100.7', '198.51.100.7'],
    ['1', '10.0.0.2', '127.0.0.1, 198.51.100.7', '198.51.100.7'], // a forged first entry is not believed
    ['2', '10.0.0.2', '127.0.0.1, 198.51.100.7', '127.0.0.1'],
    ['loopback', '127.0.0.1', '198.51.100.7', '198.51.100.7'],
    ['loopback', '203.0.113.9', '127.0.0.1', '203.0.113.9'], // an untrusted peer cannot claim to be loopback
    ['10.0.0.0/8, loopback', '10.1.2.3', '198.51.100.7, 10.9.9.9', '198.51.100.7'],
    ['1', '10.0.0.2', undefined, '10.0.0.2'],
  ])('TRUST_PROXY=%p, socket %s, X-Forwarded-For %p → %s', (trust, socket, forwarded, expected) => {
    expect(clientAddress(request(socket, forwarded), compileTrust(trust))).toBe(expected);
  });

  test.each(['not an address', '10.0.0.0/99', '-1'])('refuses TRUST_PROXY=%p', (value) => {
    expect(() => compileTrust(value)).toThrow();
  });
});
