import { createHmac } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { BuiltServer } from './builtServer';
import type { RawOutcome } from './rawHttp';
import { clip, type Finding } from './seededFuzz';

/** What the victim conversation (A) holds and an attacker must never see. */
export interface Secrets {
  /** Strings that must not appear in what an attacker receives, unless the attacker sent them. */
  forbidden: string[];
}

/** The strings of `forbidden` that `received` shows and the attacker did not send themselves. */
export function leaked(received: string, sent: string, secrets: Secrets): string[] {
  return secrets.forbidden.filter((s) => received.includes(s) && !sent.includes(s));
}

/** Node's own refusals of a malformed request (before any route runs): empty body, no content type. */
const isParserRefusal = (r: { status: number; headers: Record<string, string>; body: string }) =>
  [400, 413, 414, 431].includes(r.status) && !r.body && !r.headers['content-type'];

/**
 * The invariants of one answer: no 5xx, errors in our JSON shape where the route answers JSON,
 * nothing of conversation A unless the request itself carried it, and an answer at all.
 */
export function judge(outcome: RawOutcome, sent: string, options: { jsonRoute: boolean; secrets?: Secrets }): Finding[] {
  if (outcome === 'no-answer') return [{ kind: 'no-answer', detail: 'no answer and no close within the bound' }];
  if (typeof outcome === 'string') return [];
  const findings: Finding[] = [];
  const summary = `${outcome.status} ${outcome.headers['content-type'] ?? '-'} ${clip(outcome.body, 300)}`;
  if (outcome.status >= 500) findings.push({ kind: 'server-error', detail: summary });
  if (options.jsonRoute && outcome.status >= 400 && !isParserRefusal(outcome) && !isOurErrorShape(outcome)) {
    findings.push({ kind: 'error-shape', detail: summary });
  }
  if (options.secrets) {
    const received = `${JSON.stringify(outcome.headers)}\n${outcome.body}`;
    const shown = leaked(received, sent, options.secrets);
    if (shown.length) findings.push({ kind: 'leak', detail: `${shown.join(', ')} in ${summary}` });
  }
  return findings;
}

function isOurErrorShape(r: { headers: Record<string, string>; body: string }): boolean {
  if (!/^application\/json/.test(r.headers['content-type'] ?? '')) return false;
  try {
    const body = JSON.parse(r.body) as { error?: { code?: unknown; message?: unknown } };
    return typeof body.error?.code === 'string' && typeof body.error.message === 'string';
  } catch {
    return false;
  }
}

/**
 * After each attack: the child still runs and /healthz answers (or a crash finding with its last
 * words), and each 5xx finding gets the server's own log line of the failure.
 */
export async function stillUp(server: BuiltServer, findings: Finding[] = []): Promise<Finding[]> {
  const failures = server
    .output()
    .split('\n')
    .filter((line) => /"level":50|Error/.test(line));
  for (const finding of findings) {
    if (finding.kind === 'server-error' && failures.length) finding.detail += `\n  server log: ${clip(failures[failures.length - 1], 500)}`;
  }
  if (await server.healthy()) return findings;
  const tail = server.output().split('\n').slice(-15).join('\n');
  return [...findings, { kind: 'crash', detail: `server down (${server.exited() ?? 'running, /healthz failed'}); last output:\n${tail}` }];
}

export interface Recorded {
  method: string;
  url: string;
  body: string;
}

/**
 * A channel's serviceUrl on loopback that records every request it receives (any path, any
 * body) and answers like a Bot Connector, so a test can tell what the bot sent where.
 */
export async function startRecorder(): Promise<{ url: string; received: Recorded[]; close(): Promise<void> }> {
  const received: Recorded[] = [];
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      received.push({ method: req.method ?? '', url: req.url ?? '', body: Buffer.concat(chunks).toString('utf8') });
      res.writeHead(200, { 'Content-Type': 'application/json' });
      res.end(JSON.stringify({ id: `r${received.length}` }));
    });
  });
  server.keepAliveTimeout = 1000;
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    received,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** A token the server never issued: `alg: none`, or HS256 under a guessed key, with the claims an attacker wants. */
export function forgedJwt(payload: Record<string, unknown>, kind: 'none' | 'guessed-key'): string {
  const b64 = (v: unknown) => Buffer.from(JSON.stringify(v)).toString('base64url');
  if (kind === 'none') return `${b64({ alg: 'none', typ: 'JWT' })}.${b64(payload)}.`;
  const unsigned = `${b64({ alg: 'HS256', typ: 'JWT' })}.${b64(payload)}`;
  return `${unsigned}.${createHmac('sha256', 'secret').update(unsigned).digest('base64url')}`;
}
