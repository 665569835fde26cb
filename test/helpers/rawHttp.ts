import { connect } from 'node:net';

export interface RawResponse {
  status: number;
  headers: Record<string, string>;
  body: string;
}

/** What came back: a response, the server closing without one, or nothing within the bound. */
export type RawOutcome = RawResponse | 'closed' | 'no-answer' | 'client-disconnected';

/**
 * How the client ends its request: `wait` reads the answer, `half-close` stops sending (FIN) and
 * reads the answer, `disconnect` drops the connection right after the last byte.
 */
export type Ending = 'wait' | 'half-close' | 'disconnect';

/** The longest a well-behaved server may leave a request without an answer. */
const ANSWER_BOUND_MS = 5000;

/**
 * Sends raw bytes over TCP (no client library to normalise paths, merge headers or fix a
 * truncated body) and parses the HTTP/1.1 answer, if there is one.
 */
export function rawExchange(port: number, chunks: Buffer[], ending: Ending = 'wait'): Promise<RawOutcome> {
  return new Promise((resolve) => {
    const received: Buffer[] = [];
    const socket = connect({ port, host: '127.0.0.1' });
    let settled = false;
    const settle = (outcome: RawOutcome) => {
      if (settled) return;
      settled = true;
      clearTimeout(bound);
      socket.destroy();
      resolve(outcome);
    };
    // a bound, not a synchronisation: an answer that never comes is itself the finding
    const bound = setTimeout(() => settle(received.length ? parse(Buffer.concat(received)) : 'no-answer'), ANSWER_BOUND_MS);
    socket.on('data', (c) => received.push(c));
    socket.on('error', () => settle(received.length ? parse(Buffer.concat(received)) : 'closed'));
    socket.on('close', () => settle(received.length ? parse(Buffer.concat(received)) : 'closed'));
    socket.on('connect', () => {
      for (const chunk of chunks) socket.write(chunk);
      if (ending === 'disconnect') socket.write(Buffer.alloc(0), () => settle('client-disconnected'));
      else if (ending === 'half-close') socket.end();
    });
  });
}

/** A request with a correct Content-Length (unless `headers` sets one) and Connection: close. */
export function rawRequest(
  port: number,
  method: string,
  target: string,
  options: { headers?: [string, string][]; body?: Buffer | string } = {},
): Promise<RawOutcome> {
  const body = options.body === undefined ? Buffer.alloc(0) : Buffer.from(options.body);
  const headers = options.headers ?? [];
  const has = (name: string) => headers.some(([h]) => h.toLowerCase() === name);
  const lines = [`${method} ${target} HTTP/1.1`, ...(has('host') ? [] : ['Host: 127.0.0.1']), 'Connection: close'];
  for (const [name, value] of headers) lines.push(`${name}: ${value}`);
  if (!has('content-length') && !has('transfer-encoding') && (body.length || method !== 'GET'))
    lines.push(`Content-Length: ${body.length}`);
  return rawExchange(port, [Buffer.from(`${lines.join('\r\n')}\r\n\r\n`, 'latin1'), body]);
}

function parse(raw: Buffer): RawResponse {
  const split = raw.indexOf('\r\n\r\n');
  const head = raw.subarray(0, split < 0 ? raw.length : split).toString('latin1');
  let body = split < 0 ? Buffer.alloc(0) : raw.subarray(split + 4);
  const [statusLine, ...headerLines] = head.split('\r\n');
  const headers: Record<string, string> = {};
  for (const line of headerLines) {
    const colon = line.indexOf(':');
    if (colon > 0) headers[line.slice(0, colon).trim().toLowerCase()] = line.slice(colon + 1).trim();
  }
  if (headers['transfer-encoding']?.includes('chunked')) body = dechunk(body);
  return { status: Number(/^HTTP\/1\.[01] (\d{3})/.exec(statusLine)?.[1] ?? 0), headers, body: body.toString('utf8') };
}

function dechunk(body: Buffer): Buffer {
  const parts: Buffer[] = [];
  let at = 0;
  while (at < body.length) {
    const eol = body.indexOf('\r\n', at);
    if (eol < 0) break;
    const size = Number.parseInt(body.subarray(at, eol).toString('latin1'), 16);
    if (!size) break;
    parts.push(body.subarray(eol + 2, eol + 2 + size));
    at = eol + 2 + size + 2;
  }
  return Buffer.concat(parts);
}
