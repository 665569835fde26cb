import type { IncomingMessage } from 'node:http';
import proxyAddr from 'proxy-addr';

/** Decides whether the hop at `address` (the `i`-th from us) is a proxy whose X-Forwarded-For we believe. */
export type TrustProxy = (address: string, hop: number) => boolean;

const trustNone: TrustProxy = () => false;

/**
 * TRUST_PROXY as Express reads it: a hop count ("1": the proxy in front of us), or a comma list
 * of addresses, subnets and proxy-addr's names (`loopback`, `linklocal`, `uniquelocal`).
 * Unset: no proxy is trusted and the socket's address is the client's. Throws on a bad value.
 */
export function compileTrust(value: string | undefined): TrustProxy {
  if (!value?.trim()) return trustNone;
  const trimmed = value.trim();
  if (/^\d+$/.test(trimmed)) {
    const hops = Number(trimmed);
    return (_address, hop) => hop < hops;
  }
  return proxyAddr.compile(trimmed.split(',').map((part) => part.trim()));
}

/**
 * The client's address: the socket's, or — behind a trusted proxy — the nearest untrusted address
 * in X-Forwarded-For. Rate limits and local mode's loopback rule use this, never the header alone.
 */
export function clientAddress(req: IncomingMessage, trust: TrustProxy): string {
  if (!req.socket?.remoteAddress) return 'unknown';
  if (trust === trustNone) return req.socket.remoteAddress;
  return proxyAddr(req, trust);
}
