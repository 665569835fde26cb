import fc from 'fast-check';
import { WebSocket } from 'ws';
import { systemClock } from '../../src/clock';
import { ResumeLinks } from '../../src/mail/resumeLinks';
import { forgedJwt, judge, leaked, type Recorded, type Secrets, startRecorder, stillUp } from '../helpers/adversary';
import { type BuiltServer, startBuiltServer } from '../helpers/builtServer';
import { FILES } from '../helpers/harness';
import { type Ending, rawExchange, rawRequest } from '../helpers/rawHttp';
import { row } from '../helpers/rows';
import { type Finding, FUZZ_RUNS, FUZZ_SEED, fuzz, ledger } from '../helpers/seededFuzz';

/*
 * Property-based fuzzing of every HTTP and WebSocket entry point of the BUILT server (a child
 * process, so a crash is the child dying). Conversation A (a Direct Line customer) holds a secret
 * phrase, a claim and an uploaded file; the attacks come as conversation B, as fresh
 * conversations, as anonymous callers and as a channel forging A's id on /api/messages.
 * Every property: no 5xx, the process stays up, JSON errors in our shape, nothing of A.
 * Replay a failure with the seed it prints: FUZZ_SEED=<seed> npx jest test/adversarial
 */

const SECRET = 'Zanzibar-Quokka-7731';
const FILE_MARK = 'A-PRIVATE-RECEIPT-5521';
const TOKEN_SECRET = 'fuzz-token-secret-0f9e8d7c6b5a4f3e';
const AGENT = { username: 'ana', password: 'correct horse battery' };
const JPEG = FILES['receipt.jpg'];
// a JPEG that file-type recognises, carrying A's private marker in a comment segment
const A_JPEG = Buffer.concat([
  JPEG.subarray(0, 20),
  Buffer.from([0xff, 0xfe, 0x00, FILE_MARK.length + 2]),
  Buffer.from(FILE_MARK),
  JPEG.subarray(20),
]);

interface Customer {
  token: string;
  conversationId: string;
  userId: string;
}

let server: BuiltServer;
let recorder: Awaited<ReturnType<typeof startRecorder>>;
let agentToken: string;
let A: Customer & { claimId: string; claimFileId: string; fileUrlPath: string; fileSig: string };
let B: Customer;
let secrets: Secrets;
const started = Date.now();

const api = async (method: string, url: string, token?: string, body?: unknown): Promise<any> => {
  const res = await fetch(`${server.base}${url}`, {
    method,
    headers: { ...(token ? { Authorization: `Bearer ${token}` } : {}), ...(body ? { 'Content-Type': 'application/json' } : {}) },
    body: body ? JSON.stringify(body) : undefined,
  });
  const text = await res.text();
  if (!res.ok) throw new Error(`${method} ${url}: ${res.status} ${text}`);
  return text ? JSON.parse(text) : null;
};

/** A new Direct Line conversation (its own rate-limit bucket), started like Web Chat starts one. */
async function newCustomer(): Promise<Customer> {
  const session = await api('POST', '/api/directline/token');
  await api('POST', '/v3/directline/conversations', session.token);
  return { token: session.token, conversationId: session.conversationId, userId: session.userId };
}

const say = (who: Customer, text: string) =>
  api('POST', `/v3/directline/conversations/${who.conversationId}/activities`, who.token, {
    type: 'message',
    text,
    channelData: { clientActivityID: `setup-${Math.random()}` },
  });

beforeAll(async () => {
  recorder = await startRecorder();
  server = await startBuiltServer({
    env: {
      TOKEN_SECRET,
      BOOTSTRAP_AGENT_USERNAME: AGENT.username,
      BOOTSTRAP_AGENT_PASSWORD: AGENT.password,
      DIRECTLINE_TOKENS_PER_MINUTE: '1000000',
      // so that the login attacks can come from many addresses (X-Forwarded-For) and reach the password check
      TRUST_PROXY: 'loopback',
    },
  });
  agentToken = (await api('POST', '/api/agent/login', undefined, AGENT)).token;

  // Conversation A: a claim with the secret in its product and problem, and a private upload.
  const a = await newCustomer();
  await say(a, 'my camera stopped working');
  await say(a, `QT5682 ${SECRET}`);
  await say(a, '5 days ago');
  await say(a, 'I have the receipt');
  const form = new FormData();
  form.append('activity', new Blob([JSON.stringify({ type: 'message' })], { type: 'application/vnd.microsoft.activity' }));
  form.append('file', new Blob([new Uint8Array(A_JPEG)], { type: 'image/jpeg' }), 'a-receipt.jpg');
  const upload = await fetch(`${server.base}/v3/directline/conversations/${a.conversationId}/upload?userId=${a.userId}`, {
    method: 'POST',
    headers: { Authorization: `Bearer ${a.token}` },
    body: form,
  });
  expect(upload.status).toBe(200);
  await say(a, `it will not power on since ${SECRET}`);
  const [claim] = await api('GET', `/api/agent/claims?conversationId=${a.conversationId}`, agentToken);
  expect(claim.proof.files).toHaveLength(1);
  const page = await api('GET', `/v3/directline/conversations/${a.conversationId}/activities`, a.token);
  const contentUrl: string = page.activities.flatMap((x: any) => x.attachments ?? []).find((x: any) => x.contentUrl)?.contentUrl;
  const fileUrl = new URL(contentUrl, server.base);
  A = {
    ...a,
    claimId: claim.id,
    claimFileId: claim.proof.files[0].id,
    fileUrlPath: fileUrl.pathname,
    fileSig: fileUrl.searchParams.get('sig') ?? '',
  };
  B = await newCustomer();
  await say(B, 'hello');
  secrets = {
    forbidden: [SECRET, FILE_MARK, A.conversationId, A.claimId, A.claimFileId, A.userId, A.token, A.fileSig, TOKEN_SECRET],
  };
}, 60_000);

afterAll(async () => {
  await server?.stop();
  await recorder?.close();
  if (process.env.FUZZ_REPORT) {
    const total = ledger.reduce((n, p) => n + p.runs, 0);
    process.stdout.write(
      `fuzz: seed ${FUZZ_SEED}, ×${FUZZ_RUNS}, ${ledger.length} properties, ${total} runs, ${((Date.now() - started) / 1000).toFixed(1)} s\n` +
        ledger.map((p) => `  ${p.name}: ${p.runs}`).join('\n') +
        '\n',
    );
  }
});

// a property that killed the server must not take the next ones with it
afterEach(async () => {
  if (server && !(await server.healthy())) await server.restart();
});

// ---------- generators ----------

type ValueOf<A> = A extends fc.Arbitrary<infer T> ? T : never;

/** A JSON fragment written as text (so depth is not limited by JSON.stringify's recursion). */
class RawJson {
  constructor(readonly text: string) {}
  toString() {
    return `RawJson(${this.text.length} chars)`;
  }
}

/** Serialises a value whose leaves may be RawJson. */
function toJson(value: unknown): string {
  const raws: string[] = [];
  const text = JSON.stringify(value, (_k, v) => {
    if (v instanceof RawJson) {
      raws.push(v.text);
      return `\u0000RAW${raws.length - 1}\u0000`;
    }
    return v;
  });
  return (text ?? 'null').replace(/"\\u0000RAW(\d+)\\u0000"/g, (_m, i) => raws[Number(i)]);
}

const deepJson = fc
  .tuple(fc.integer({ min: 20, max: 20_000 }), fc.constantFrom('{"a":', '[', '{"channelData":'))
  .map(([depth, open]) => new RawJson(open.repeat(depth) + '1' + (open === '[' ? ']' : '}').repeat(depth)));
const hugeString = fc.integer({ min: 6_000, max: 700_000 }).map((n) => 'x'.repeat(n));
const wrongType = fc.oneof(
  fc.integer(),
  fc.double(),
  fc.boolean(),
  fc.constant(null),
  fc.string({ maxLength: 20 }),
  fc.array(fc.string({ maxLength: 5 }), { maxLength: 3 }),
  fc.dictionary(fc.string({ maxLength: 5 }), fc.string({ maxLength: 5 }), { maxKeys: 3 }),
  fc.constantFrom(
    { toString: 'x' },
    new RawJson('{"__proto__":{"polluted":true}}'),
    new RawJson('{"constructor":{"prototype":{"polluted":true}}}'),
  ),
);
const anyValue = fc.oneof({ weight: 4, arbitrary: wrongType }, { weight: 1, arbitrary: deepJson }, { weight: 1, arbitrary: hugeString });
const maybe = <T>(arb: fc.Arbitrary<T>) => fc.option(arb, { nil: undefined });
const oddId = fc.oneof(
  fc.string({ maxLength: 40 }),
  fc.constantFrom(
    '',
    '..',
    '%2e%2e',
    '%00',
    'null',
    'undefined',
    '__proto__',
    'constructor',
    '[object Object]',
    '-1',
    '1e309',
    '%ff',
    '%',
    '%E0%A4%A',
    "x'; DROP TABLE claims; --",
    '🙂',
    'a'.repeat(3000),
  ),
  fc.uuid(),
);
const oddQueryValue = fc.oneof(
  fc.constantFrom('-1', '0', '1e309', 'NaN', 'Infinity', '9007199254740993', '0x10', ' 5', '5abc', '', '%00', '[]', '{}', 'null'),
  fc.string({ maxLength: 12 }),
);
/** A query string of odd, repeated and bracketed parameters. */
const oddQuery = (names: string[]) =>
  fc
    .array(
      fc.tuple(
        fc.constantFrom(...names, ...names.map((n) => `${n}[]`), ...names.map((n) => `${n}[$ne]`), ...names.map((n) => `${n}[0]`), 'x'),
        oddQueryValue,
      ),
      { maxLength: 4 },
    )
    .map((pairs) => (pairs.length ? `?${pairs.map(([k, v]) => `${k}=${encodeURIComponent(v)}`).join('&')}` : ''));

/** Where the placeholders of a generated input point to (A and B exist only once the server runs). */
const resolve = (id: string): string =>
  id === '<A>' ? A.conversationId : id === '<B>' ? B.conversationId : id === '<A-claim>' ? A.claimId : encodeURIComponent(id);

const ids = fc.oneof({ weight: 3, arbitrary: oddId }, { weight: 2, arbitrary: fc.constantFrom('<A>', '<B>', '<A-claim>') });

const contentTypes = fc.constantFrom(
  'application/json',
  'application/json; charset=utf-8',
  'application/json; charset=utf-16',
  'text/plain',
  'application/x-www-form-urlencoded',
  'multipart/form-data; boundary=zz',
  'application/octet-stream',
  'application/vnd.microsoft.activity',
  '',
);
/** A body that is not valid JSON, or JSON that is not an object. */
const rawBody = fc.oneof(
  fc.constantFrom(
    '{',
    '{"type":',
    '{"type":"message",',
    '[]',
    'null',
    '"message"',
    '1',
    'true',
    '{"type":"message"}}',
    '\u0000',
    '{"a":1,"a":2}',
  ),
  fc.string({ maxLength: 200 }),
  fc.uint8Array({ maxLength: 300 }).map((b) => Buffer.from(b).toString('latin1')),
);

// ---------- /api/messages ----------

const activityFields = fc.record(
  {
    type: fc.oneof(
      {
        weight: 4,
        arbitrary: fc.constantFrom('message', 'conversationUpdate', 'event', 'typing', 'invoke', 'messageReaction', 'endOfConversation'),
      },
      { weight: 1, arbitrary: wrongType },
    ),
    id: anyValue,
    text: fc.oneof(fc.string({ maxLength: 60 }), anyValue),
    conversation: fc.oneof(fc.record({ id: fc.oneof(fc.string({ maxLength: 40 }), wrongType) }, { requiredKeys: [] }), wrongType),
    from: fc.oneof(
      fc.record({ id: fc.oneof(fc.string({ maxLength: 20 }), wrongType), role: fc.constantFrom('user', 'bot', 'agent') }),
      wrongType,
    ),
    recipient: wrongType,
    channelId: fc.oneof(fc.constantFrom('emulator', 'directline', 'msteams', 'webchat'), wrongType),
    channelData: anyValue,
    attachments: fc.oneof(
      fc.array(
        fc.record(
          {
            contentType: fc.oneof(fc.constantFrom('image/jpeg', 'application/pdf', 'text/html'), wrongType),
            contentUrl: fc.oneof(
              fc.constantFrom(
                '<recorder>/files/receipt.jpg',
                'http://169.254.169.254/latest/meta-data/',
                'file:///etc/passwd',
                'data:image/jpeg;base64,/9j/4AAQ',
              ),
              wrongType,
            ),
            name: anyValue,
            content: anyValue,
          },
          { requiredKeys: [] },
        ),
        { maxLength: 3 },
      ),
      wrongType,
    ),
    value: anyValue,
    entities: anyValue,
    localTimezone: fc.oneof(fc.constantFrom('America/New_York', 'Mars/Olympus', '+05:00', ''), wrongType),
    localTimestamp: fc.oneof(fc.constantFrom('2026-13-45T99:99:99+25:00', '1970-01-01T00:00:00Z'), wrongType),
    timestamp: wrongType,
    membersAdded: fc.oneof(fc.array(fc.record({ id: fc.string({ maxLength: 10 }) }), { maxLength: 3 }), wrongType),
    replyToId: wrongType,
    locale: wrongType,
  },
  { requiredKeys: [] },
);

/** Mostly an activity that passes the first checks with one or more fields wrong; sometimes no activity at all. */
const messagesInput = fc.oneof(
  {
    weight: 6,
    arbitrary: fc.record({
      base: fc.boolean(),
      fields: activityFields,
      serviceUrl: fc.constantFrom('<recorder>', '<recorder>', '<absent>', 'http://example.com/', 'http://127.0.0.1.nip.io/', 42),
      conversationId: fc.string({ minLength: 1, maxLength: 30 }),
      contentType: fc.constant('application/json'),
    }),
  },
  { weight: 1, arbitrary: fc.record({ raw: rawBody, contentType: contentTypes }) },
);

function messagesBody(input: ValueOf<typeof messagesInput>): { body: string; contentType: string } {
  if ('raw' in input) return { body: input.raw, contentType: input.contentType };
  const serviceUrl = input.serviceUrl === '<recorder>' ? recorder.url : input.serviceUrl === '<absent>' ? undefined : input.serviceUrl;
  const base = input.base
    ? {
        type: 'message',
        text: 'hello',
        from: { id: 'fz-user' },
        recipient: { id: 'bot' },
        conversation: { id: `fz-${input.conversationId}` },
        channelId: 'emulator',
      }
    : {};
  return { body: toJson({ ...base, ...input.fields, serviceUrl }).replaceAll('<recorder>', recorder.url), contentType: input.contentType };
}

/** What the bot sent to the recorder since `from`, as text (the forged channel's view). */
const recordedSince = (from: number) =>
  recorder.received
    .slice(from)
    .map((r: Recorded) => `${r.method} ${r.url}\n${r.body}`)
    .join('\n');

test('POST /api/messages: malformed, wrongly typed, truncated and oversized activities', async () => {
  await fuzz('api-messages', messagesInput, 300, async (input) => {
    const { body, contentType } = messagesBody(input);
    const before = recorder.received.length;
    const outcome = await rawRequest(server.port, 'POST', '/api/messages', {
      headers: contentType ? [['Content-Type', contentType]] : [],
      body,
    });
    const findings = judge(outcome, body, { jsonRoute: true, secrets });
    const replies = recordedSince(before);
    const shown = leaked(replies, body, secrets);
    if (shown.length) findings.push({ kind: 'leak', detail: `the bot sent ${shown.join(', ')} to the caller's serviceUrl` });
    return stillUp(server, findings);
  });
}, 110_000);

// ---------- Direct Line HTTP routes ----------

const DL_ROUTES: [string, string][] = [
  ['POST', '/api/directline/token'],
  ['POST', '/v3/directline/conversations'],
  ['GET', '/v3/directline/conversations/:id'],
  ['POST', '/v3/directline/tokens/refresh'],
  ['POST', '/v3/directline/conversations/:id/activities'],
  ['GET', '/v3/directline/conversations/:id/activities'],
  ['POST', '/v3/directline/conversations/:id/upload'],
  ['GET', '/v3/directline/conversations/:id/stream'],
  ['PUT', '/v3/directline/conversations/:id/activities'],
  ['DELETE', '/v3/directline/conversations/:id'],
  ['OPTIONS', '/v3/directline/conversations'],
];

const auths = fc.constantFrom('none', 'junk', 'B', 'fresh', 'fresh', 'forged-none', 'forged-key', 'basic', 'agent', 'A-userid');

/** The Authorization header of an attack, and the customer it really is (for follow-up reads). */
async function authFor(kind: string): Promise<{ header?: string; as?: Customer }> {
  const forged = { sub: A.userId, conv: A.conversationId, aud: 'directline', exp: Math.floor(Date.now() / 1000) + 600 };
  switch (kind) {
    case 'junk':
      return { header: 'Bearer not.a.token' };
    case 'B':
      return { header: `Bearer ${B.token}`, as: B };
    case 'fresh': {
      const fresh = await newCustomer();
      return { header: `Bearer ${fresh.token}`, as: fresh };
    }
    case 'forged-none':
      return { header: `Bearer ${forgedJwt(forged, 'none')}` };
    case 'forged-key':
      return { header: `Bearer ${forgedJwt(forged, 'guessed-key')}` };
    case 'basic':
      return { header: `Basic ${Buffer.from('ana:correct horse battery').toString('base64')}` };
    case 'agent':
      return { header: `Bearer ${agentToken}` };
    case 'A-userid':
      return { header: `Bearer ${A.userId}` };
    default:
      return {};
  }
}

const dlActivity = fc.record(
  {
    type: fc.oneof(fc.constantFrom('message', 'typing', 'event', 'conversationUpdate', 'invoke'), wrongType),
    text: fc.oneof(fc.string({ maxLength: 60 }), anyValue),
    channelData: fc.oneof(fc.record({ clientActivityID: anyValue }, { requiredKeys: [] }), anyValue),
    from: fc.oneof(fc.constantFrom({ id: '<A-user>' }, { id: 'bot', role: 'bot' }), wrongType),
    conversation: fc.oneof(fc.constant({ id: '<A>' }), wrongType),
    attachments: fc.oneof(fc.constant([{ contentType: 'image/jpeg', contentUrl: '<A-file>' }]), wrongType),
    value: anyValue,
    name: anyValue,
    locale: anyValue,
    localTimezone: anyValue,
    localTimestamp: anyValue,
  },
  { requiredKeys: [] },
);

const dlInput = fc.record({
  route: fc.constantFrom(...DL_ROUTES),
  auth: auths,
  id: ids,
  query: oddQuery(['watermark', 'userId', 't']),
  body: fc.oneof({ weight: 4, arbitrary: dlActivity.map(toJson) }, { weight: 1, arbitrary: rawBody }),
  contentType: fc.oneof({ weight: 4, arbitrary: fc.constant('application/json') }, { weight: 1, arbitrary: contentTypes }),
});

test('Direct Line routes: tokens, conversations, activities and odd watermarks, as B, fresh, forged and anonymous', async () => {
  await fuzz('directline-routes', dlInput, 400, async (input) => {
    const [method, template] = input.route;
    const auth = await authFor(input.auth);
    const target =
      template.replace(':id', input.auth === 'fresh' && input.id === '<B>' ? (auth.as?.conversationId ?? '') : resolve(input.id)) +
      input.query;
    const body = input.body
      .replaceAll('<A-user>', A.userId)
      .replaceAll('<A>', A.conversationId)
      .replaceAll('<A-file>', `${server.base}${A.fileUrlPath}?sig=${A.fileSig}`);
    const headers: [string, string][] = [
      ['Content-Type', input.contentType],
      ['X-Forwarded-For', '203.0.113.7'],
    ];
    if (auth.header) headers.push(['Authorization', auth.header]);
    const outcome = await rawRequest(server.port, method, target, { headers, body: method === 'GET' ? undefined : body });
    const sent = `${target}\n${body}\n${auth.header ?? ''}`;
    const findings = judge(outcome, sent, { jsonRoute: true, secrets });
    // what that customer now sees of their own conversation (the bot's replies included)
    if (auth.as) {
      const page = await rawRequest(server.port, 'GET', `/v3/directline/conversations/${auth.as.conversationId}/activities`, {
        headers: [['Authorization', `Bearer ${auth.as.token}`]],
      });
      findings.push(...judge(page, sent, { jsonRoute: true, secrets }));
    }
    return stillUp(server, findings);
  });
}, 110_000);

const dlPostInput = fc.record({
  who: fc.constantFrom('fresh', 'fresh', 'fresh', 'B'),
  type: fc.oneof({ weight: 5, arbitrary: fc.constantFrom('message', 'event', 'typing') }, { weight: 1, arbitrary: wrongType }),
  text: maybe(fc.oneof(fc.string({ maxLength: 40 }), anyValue)),
  channelData: maybe(
    fc.oneof(fc.record({ clientActivityID: anyValue, postBack: anyValue, attachmentSizes: anyValue }, { requiredKeys: [] }), anyValue),
  ),
  value: maybe(anyValue),
  name: maybe(anyValue),
  attachments: maybe(fc.oneof(fc.constant([{ contentType: 'image/jpeg', contentUrl: '<A-file>' }]), wrongType)),
  localTimezone: maybe(anyValue),
  localTimestamp: maybe(anyValue),
  locale: maybe(anyValue),
  entities: maybe(anyValue),
});

test('Direct Line activities: wrongly typed fields, nested channelData and clientActivityID of every type, as a customer', async () => {
  await fuzz('directline-activities', dlPostInput, 150, async (input) => {
    const who = input.who === 'B' ? B : await newCustomer();
    const { who: _who, ...fields } = input;
    const body = toJson(fields).replaceAll('<A-file>', `${server.base}${A.fileUrlPath}?sig=${A.fileSig}`);
    const outcome = await rawRequest(server.port, 'POST', `/v3/directline/conversations/${who.conversationId}/activities`, {
      headers: [
        ['Authorization', `Bearer ${who.token}`],
        ['Content-Type', 'application/json'],
      ],
      body,
    });
    const findings = judge(outcome, body, { jsonRoute: true, secrets });
    const page = await rawRequest(server.port, 'GET', `/v3/directline/conversations/${who.conversationId}/activities`, {
      headers: [['Authorization', `Bearer ${who.token}`]],
    });
    findings.push(...judge(page, body, { jsonRoute: true, secrets }));
    return stillUp(server, findings);
  });
}, 110_000);

// ---------- Direct Line upload, raw multipart over TCP ----------

const part = fc.record({
  name: fc.constantFrom('activity', 'file', 'file', 'x', ''),
  filename: maybe(fc.oneof(fc.string({ maxLength: 30 }), fc.constantFrom('../../etc/passwd', 'a.exe', 'x'.repeat(5000), 'r\u0000.jpg'))),
  contentType: maybe(
    fc.constantFrom('application/vnd.microsoft.activity', 'image/jpeg', 'application/json', 'text/html', 'x/'.repeat(200)),
  ),
  data: fc.oneof(
    fc.constant(Buffer.from(JSON.stringify({ type: 'message', text: 'here it is' }))),
    fc.constant(Buffer.from('{"type":"message",')),
    fc.constant(JPEG),
    fc.uint8Array({ maxLength: 2048 }).map((b) => Buffer.from(b)),
    fc.integer({ min: 100_000, max: 400_000 }).map((n) => Buffer.alloc(n, 0x61)),
  ),
  extraHeaders: fc.array(
    fc.tuple(
      fc.constantFrom('X-Junk', 'Content-Transfer-Encoding', 'Content-Disposition'),
      fc.oneof(fc.string({ maxLength: 20 }), fc.constant('y'.repeat(20_000))),
    ),
    {
      maxLength: 2,
    },
  ),
});

const uploadInput = fc.record({
  auth: fc.constantFrom('fresh', 'fresh', 'fresh', 'fresh', 'none', 'junk', 'B'),
  boundary: fc.constantFrom('same', 'same', 'same', 'missing', 'other', 'huge', 'not-multipart'),
  parts: fc.array(part, { maxLength: 8 }),
  manyTinyParts: fc.oneof({ weight: 4, arbitrary: fc.constant(0) }, { weight: 1, arbitrary: fc.integer({ min: 10, max: 3000 }) }),
  overLimitFile: fc.oneof({ weight: 9, arbitrary: fc.constant(false) }, { weight: 1, arbitrary: fc.constant(true) }),
  closing: fc.boolean(),
  cut: fc.oneof({ weight: 1, arbitrary: fc.constant(null) }, { weight: 2, arbitrary: fc.double({ min: 0, max: 1, noNaN: true }) }),
  declared: fc.constantFrom('sent', 'full', 'chunked'),
  ending: fc.constantFrom<Ending>('wait', 'half-close', 'disconnect'),
  hugeHeader: fc.oneof({ weight: 9, arbitrary: fc.constant(false) }, { weight: 1, arbitrary: fc.constant(true) }),
});

function multipart(input: ValueOf<typeof uploadInput>): { body: Buffer; contentType: string } {
  const boundary = 'fuzzBoundary7MA4YWxkTrZu0gW';
  const parts: Buffer[] = [];
  const all = [...input.parts];
  for (let i = 0; i < input.manyTinyParts; i++)
    all.push({ name: 'x', filename: undefined, contentType: undefined, data: Buffer.from('1'), extraHeaders: [] });
  if (input.overLimitFile)
    all.push({ name: 'file', filename: 'big.jpg', contentType: 'image/jpeg', data: FILES['huge.jpg'], extraHeaders: [] });
  for (const p of all) {
    const head = [
      `--${boundary}`,
      `Content-Disposition: form-data; name="${p.name}"${p.filename === undefined ? '' : `; filename="${p.filename}"`}`,
    ];
    if (p.contentType) head.push(`Content-Type: ${p.contentType}`);
    for (const [h, v] of p.extraHeaders) head.push(`${h}: ${v}`);
    parts.push(Buffer.from(`${head.join('\r\n')}\r\n\r\n`, 'latin1'), p.data, Buffer.from('\r\n'));
  }
  if (input.closing) parts.push(Buffer.from(`--${boundary}--\r\n`));
  const contentType = {
    same: `multipart/form-data; boundary=${boundary}`,
    missing: 'multipart/form-data',
    other: 'multipart/form-data; boundary=somethingElse',
    huge: `multipart/form-data; boundary=${'b'.repeat(5000)}`,
    'not-multipart': 'application/json',
  }[input.boundary];
  return { body: Buffer.concat(parts), contentType };
}

test('Direct Line upload: truncated bodies, wrong boundaries, many parts, huge headers, clients that leave mid-body', async () => {
  await fuzz('directline-upload', uploadInput, 250, async (input) => {
    const auth = await authFor(input.auth);
    const conversationId = auth.as?.conversationId ?? B.conversationId;
    const { body, contentType } = multipart(input);
    const sentBytes = input.cut === null ? body : body.subarray(0, Math.floor(body.length * input.cut));
    const head = [
      `POST /v3/directline/conversations/${conversationId}/upload?userId=u HTTP/1.1`,
      'Host: 127.0.0.1',
      'Connection: close',
      `Content-Type: ${contentType}`,
    ];
    if (auth.header) head.push(`Authorization: ${auth.header}`);
    if (input.hugeHeader) head.push(`X-Padding: ${'p'.repeat(40_000)}`);
    let payload: Buffer = sentBytes;
    if (input.declared === 'chunked') {
      head.push('Transfer-Encoding: chunked');
      const complete = input.cut === null;
      payload = Buffer.concat([
        Buffer.from(`${sentBytes.length.toString(16)}\r\n`),
        sentBytes,
        Buffer.from(complete ? '\r\n0\r\n\r\n' : '\r\n'),
      ]);
    } else {
      head.push(`Content-Length: ${input.declared === 'full' ? body.length : sentBytes.length}`);
    }
    // a client that promised more bytes than it sends cannot wait for the answer: it stops or leaves
    const incomplete = (input.declared === 'full' || input.declared === 'chunked') && input.cut !== null;
    const ending: Ending = incomplete && input.ending === 'wait' ? 'half-close' : input.ending;
    const outcome = await rawExchange(server.port, [Buffer.from(`${head.join('\r\n')}\r\n\r\n`, 'latin1'), payload], ending);
    const findings = judge(outcome, '', { jsonRoute: true, secrets });
    return stillUp(server, findings);
  });
}, 110_000);

// ---------- WebSocket: the Direct Line stream ----------

type Upgrade = { opened: boolean; frames: string[]; closedBy: string };

/** Opens a WebSocket, sends junk, optionally waits for a frame that matches, then closes. */
function upgrade(
  url: string,
  options: {
    protocols?: string[];
    headers?: Record<string, string>;
    junk?: (string | Buffer)[];
    until?: (frame: string) => boolean;
    onOpen?: () => Promise<unknown>;
  },
): Promise<Upgrade> {
  return new Promise((resolve) => {
    const frames: string[] = [];
    let opened = false;
    const ws = new WebSocket(url, options.protocols ?? [], { headers: options.headers, handshakeTimeout: 5000 });
    const done = (closedBy: string) => {
      clearTimeout(bound);
      ws.removeAllListeners();
      ws.on('error', () => {});
      ws.terminate();
      resolve({ opened, frames, closedBy });
    };
    const bound = setTimeout(() => done('bound'), 5000);
    ws.on('unexpected-response', (_req, res) => done(`refused ${res.statusCode}`));
    ws.on('error', (e) => done(`error ${e.message}`));
    ws.on('close', (code) => done(`closed ${code}`));
    ws.on('message', (data) => {
      const text = data.toString();
      frames.push(text);
      if (options.until?.(text)) done('matched');
    });
    ws.on('open', async () => {
      opened = true;
      for (const junk of options.junk ?? []) ws.send(junk);
      await options.onOpen?.();
      if (!options.until) done('sent');
    });
  });
}

const junkFrames = fc.array(
  fc.oneof(
    fc.string({ maxLength: 100 }),
    fc.constantFrom('{"type":"message","text":"hi","conversation":{"id":"<A>"}}', '{"activities":[]}', 'null', '{'),
    fc.uint8Array({ maxLength: 256 }).map((b) => Buffer.from(b)),
    fc.constant(Buffer.alloc(70 * 1024, 0x41)),
  ),
  { maxLength: 6 },
);

const streamInput = fc.record({
  ticket: fc.constantFrom('own', 'own', 'own', 'none', 'junk', 'B-on-A', 'forged-none', 'forged-key', 'header-only', 'agent'),
  watermark: fc.oneof(
    fc.constant(''),
    oddQueryValue.map((v) => `&watermark=${encodeURIComponent(v)}`),
    fc.constant('&watermark=1&watermark=2'),
  ),
  junk: junkFrames,
  protocols: fc.constantFrom<string[][]>([], ['x'], ['token.junk']),
});

test('Direct Line stream: absent, forged and foreign tickets, odd watermarks, junk frames from the client', async () => {
  await fuzz('directline-stream', streamInput, 100, async (input) => {
    const fresh = await newCustomer();
    const forged = { sub: A.userId, conv: A.conversationId, aud: 'directline', exp: Math.floor(Date.now() / 1000) + 600 };
    const ws = server.base.replace('http', 'ws');
    const path = (conversationId: string, t?: string) =>
      `${ws}/v3/directline/conversations/${conversationId}/stream${t === undefined ? '?x=1' : `?t=${encodeURIComponent(t)}`}${input.watermark}`;
    const url = {
      own: path(fresh.conversationId, fresh.token),
      none: path(fresh.conversationId),
      junk: path(fresh.conversationId, 'junk'),
      'B-on-A': path(A.conversationId, fresh.token),
      'forged-none': path(A.conversationId, forgedJwt(forged, 'none')),
      'forged-key': path(A.conversationId, forgedJwt(forged, 'guessed-key')),
      'header-only': path(A.conversationId),
      agent: path(A.conversationId, agentToken),
    }[input.ticket];
    const marker = `cid-${Math.random()}`;
    const junk = input.junk.map((j) => (typeof j === 'string' ? j.replaceAll('<A>', A.conversationId) : j));
    const result = await upgrade(url, {
      protocols: input.protocols,
      headers: input.ticket === 'header-only' ? { Authorization: `Bearer ${fresh.token}` } : undefined,
      junk,
      // our own stream: say something and wait for its echo, so the frames of the whole exchange are seen
      until: input.ticket === 'own' ? (frame) => frame.includes(marker) : undefined,
      onOpen:
        input.ticket === 'own'
          ? () =>
              rawRequest(server.port, 'POST', `/v3/directline/conversations/${fresh.conversationId}/activities`, {
                headers: [
                  ['Authorization', `Bearer ${fresh.token}`],
                  ['Content-Type', 'application/json'],
                ],
                body: JSON.stringify({ type: 'message', text: 'my camera broke', channelData: { clientActivityID: marker } }),
              })
          : undefined,
    });
    const findings: Finding[] = [];
    if (input.ticket !== 'own' && result.opened)
      findings.push({ kind: 'accepted-upgrade', detail: `${input.ticket} opened the stream of another or no ticket` });
    const shown = leaked(result.frames.join('\n'), `${url}\n${junk.join('\n')}`, secrets);
    if (shown.length) findings.push({ kind: 'leak', detail: `frames showed ${shown.join(', ')}` });
    // an oversized junk frame may close our own stream (1009); anything else must reach the echo
    if (input.ticket === 'own' && result.closedBy === 'bound')
      findings.push({ kind: 'no-answer', detail: 'the echo never came on the stream' });
    return stillUp(server, findings);
  });
}, 110_000);

// ---------- Agent API ----------

const AGENT_ROUTES: [string, string][] = [
  ['GET', '/api/agent/claims'],
  ['GET', '/api/agent/claims/:id'],
  ['GET', '/api/agent/queue'],
  ['POST', '/api/agent/claims/:id/accept'],
  ['POST', '/api/agent/claims/:id/messages'],
  ['POST', '/api/agent/claims/:id/typing'],
  ['POST', '/api/agent/claims/:id/resolve'],
  ['POST', '/api/agent/claims/:id/return-to-bot'],
  ['POST', '/api/agent/claims/:id/close'],
  ['GET', '/api/agent/claims/:id/notes'],
  ['POST', '/api/agent/claims/:id/notes'],
  ['GET', '/api/agent/canned'],
  ['GET', '/api/agent/me'],
  ['GET', '/api/agent/files/:id'],
  ['POST', '/api/agent/logout'],
  ['GET', '/api/agent/stream'],
  ['DELETE', '/api/agent/claims/:id'],
];

const agentBody = fc.oneof(
  fc
    .record(
      {
        text: anyValue,
        outcome: fc.oneof(fc.constantFrom('covered', 'not_covered', 'awaiting_proof', 'closed'), wrongType),
        reasons: anyValue,
        note: anyValue,
      },
      { requiredKeys: [] },
    )
    .map(toJson),
  rawBody,
);

const agentInput = fc.record({
  route: fc.constantFrom(...AGENT_ROUTES),
  auth: fc.constantFrom('agent', 'agent', 'none', 'junk', 'forged-none', 'forged-key', 'dl-token', 'lowercase-bearer', 'two-headers'),
  id: ids,
  query: fc.oneof(
    oddQuery(['status', 'conversationId', 'limit', 'offset']),
    fc.constantFrom(
      '?status=closed&status=rma_issued',
      '?status[]=closed',
      '?status[$ne]=x',
      '?conversationId=x&conversationId=<A>',
      '?conversationId[$ne]=x',
    ),
  ),
  body: agentBody,
});

/** The statuses (or conversation ids) a list query asked for, [] when it did not filter on that. */
function asked(query: string, name: string): string[] {
  const params = new URLSearchParams(query.replace(/^\?/, ''));
  // an empty value asks for no filter
  return [...params.entries()]
    .filter(([k, v]) => v !== '' && (k === name || k.startsWith(`${name}[`)))
    .map(([k, v]) => (k.endsWith('[$ne]') ? `!${v}` : v));
}

test('Agent API: every route with and without a token, odd ids, repeated and bracketed filters, wrong JSON', async () => {
  await fuzz('agent-routes', agentInput, 400, async (input) => {
    const [method, template] = input.route;
    const valid = input.auth === 'agent' || input.auth === 'lowercase-bearer' || input.auth === 'two-headers';
    // a signed-in agent may read A's claim, but the fuzz must not close or decide it (the later properties need it as it is)
    const id = valid && method !== 'GET' && input.id.startsWith('<A') ? 'not-a-claim' : input.id;
    const query = input.query.replaceAll('<A>', A.conversationId);
    const target = template.replace(':id', id === '<A-file>' ? A.claimFileId : resolve(id)) + query;
    const forged = { sub: AGENT.username, username: AGENT.username, role: 'admin', exp: Math.floor(Date.now() / 1000) + 600 };
    const headers: [string, string][] = [['Content-Type', 'application/json']];
    const tokenHeader = {
      agent: `Bearer ${agentToken}`,
      none: undefined,
      junk: 'Bearer junk',
      'forged-none': `Bearer ${forgedJwt(forged, 'none')}`,
      'forged-key': `Bearer ${forgedJwt(forged, 'guessed-key')}`,
      'dl-token': `Bearer ${B.token}`,
      'lowercase-bearer': `bearer ${agentToken}`,
      'two-headers': `Bearer ${agentToken}`,
    }[input.auth];
    if (tokenHeader) headers.push(['Authorization', tokenHeader]);
    if (input.auth === 'two-headers') headers.push(['Authorization', 'Bearer junk']);
    // never sign ourselves out: the other properties use this token
    if (valid && template === '/api/agent/logout') return [];
    const outcome = await rawRequest(server.port, method, target, { headers, body: method === 'GET' ? undefined : input.body });
    const sent = `${target}\n${input.body}`;
    const findings = judge(outcome, sent, { jsonRoute: template !== '/api/agent/files/:id', secrets: valid ? undefined : secrets });
    if (typeof outcome !== 'string' && !valid && outcome.status < 400) {
      findings.push({ kind: 'leak', detail: `${input.auth} got ${outcome.status} from ${method} ${template}` });
    }
    // a list filtered on a parameter must hold only what was asked for (or refuse the query)
    if (valid && template === '/api/agent/claims' && typeof outcome !== 'string' && outcome.status === 200) {
      const claims = JSON.parse(outcome.body) as { status: string; conversationId: string }[];
      for (const [param, field] of [
        ['status', 'status'],
        ['conversationId', 'conversationId'],
      ] as const) {
        const wanted = asked(query, param);
        if (!wanted.length) continue;
        const stray = claims.filter((c) => !wanted.some((w) => (w.startsWith('!') ? c[field] !== w.slice(1) : c[field] === w)));
        if (stray.length)
          findings.push({ kind: 'unfiltered', detail: `${query} returned ${stray.length} claims with ${param} ${stray[0][field]}` });
      }
    }
    return stillUp(server, findings);
  });
}, 110_000);

const listInput = fc.record({
  route: fc.constantFrom('/api/agent/claims', '/api/agent/claims', '/api/agent/queue'),
  query: fc.oneof(
    fc.constantFrom(
      '?status=closed&status=rma_issued',
      '?status=rma_issued&status=in_progress',
      '?status[]=closed',
      '?status[]=closed&status[]=with_agent',
      '?status[$ne]=x',
      '?status[$ne]=closed',
      '?status[0]=closed',
      '?status=closed,in_progress',
      '?conversationId=x&conversationId=<A>',
      '?conversationId[]=x',
      '?conversationId[$ne]=x',
      '?conversationId[$gt]=',
      '?status=&conversationId=',
    ),
    oddQuery(['status', 'conversationId']),
  ),
});

test('Agent API lists: a repeated or bracketed filter is refused or applied, never dropped', async () => {
  await fuzz('agent-list-filters', listInput, 100, async (input) => {
    const query = input.query.replaceAll('<A>', A.conversationId);
    const outcome = await rawRequest(server.port, 'GET', input.route + query, { headers: [['Authorization', `Bearer ${agentToken}`]] });
    const findings = judge(outcome, query, { jsonRoute: true });
    if (typeof outcome !== 'string' && outcome.status === 200) {
      const body = JSON.parse(outcome.body) as unknown;
      // a paged answer may wrap its items; the items are what must match
      const items = (Array.isArray(body) ? body : ((body as { items?: unknown[] }).items ?? [])) as {
        status: string;
        conversationId: string;
      }[];
      for (const field of ['status', 'conversationId'] as const) {
        const wanted = asked(query, field);
        // the queue takes no filters: only the claims list must apply them
        if (!wanted.length || input.route === '/api/agent/queue') continue;
        const stray = items.filter((c) => !wanted.some((w) => (w.startsWith('!') ? c[field] !== w.slice(1) : c[field] === w)));
        if (stray.length)
          findings.push({
            kind: 'unfiltered',
            detail: `${input.route}${query} returned ${stray.length} of ${items.length} with ${field} ${stray[0][field]}`,
          });
      }
    }
    return stillUp(server, findings);
  });
}, 110_000);

const loginInput = fc.record({
  body: fc.oneof(
    fc
      .record(
        { username: fc.oneof(fc.constant(AGENT.username), anyValue), password: fc.oneof(fc.constant('wrong'), anyValue) },
        { requiredKeys: [] },
      )
      .map(toJson),
    fc.constantFrom(
      '{"username":"ana","password":{"$ne":""}}',
      '{"username":["ana"],"password":["correct horse battery"]}',
      '{"username":"ana","password":null}',
      '{"__proto__":{"role":"admin"},"username":"ana"}',
      `{"username":"ana","password":"${'p'.repeat(60_000)}"}`,
    ),
    rawBody,
  ),
  contentType: fc.oneof({ weight: 4, arbitrary: fc.constant('application/json') }, { weight: 1, arbitrary: contentTypes }),
  address: fc.ipV4(),
});

test('POST /api/agent/login: wrong types, injections, huge and malformed bodies', async () => {
  await fuzz('agent-login', loginInput, 100, async (input) => {
    const outcome = await rawRequest(server.port, 'POST', '/api/agent/login', {
      headers: [
        ['Content-Type', input.contentType],
        ['X-Forwarded-For', input.address],
      ],
      body: input.body,
    });
    const findings = judge(outcome, input.body, { jsonRoute: true, secrets });
    if (typeof outcome !== 'string' && outcome.status === 200)
      findings.push({ kind: 'leak', detail: `signed in with ${input.body.slice(0, 200)}` });
    return stillUp(server, findings);
  });
}, 110_000);

const agentStreamInput = fc.record({
  how: fc.constantFrom('subprotocol', 'query', 'header', 'none', 'junk', 'forged-none', 'forged-key', 'dl-token', 'two-protocols'),
  junk: junkFrames,
});

test('Agent stream: absent, forged and wrong-audience tokens, junk frames from the client', async () => {
  await fuzz('agent-stream', agentStreamInput, 60, async (input) => {
    const forged = { sub: AGENT.username, username: AGENT.username, role: 'admin', exp: Math.floor(Date.now() / 1000) + 600 };
    const base = `${server.base.replace('http', 'ws')}/api/agent/stream`;
    const options: Parameters<typeof upgrade>[1] = { junk: input.junk };
    let url = base;
    const valid = ['subprotocol', 'query', 'header', 'two-protocols'].includes(input.how);
    if (input.how === 'subprotocol') options.protocols = ['qsee.agent', `token.${agentToken}`];
    if (input.how === 'two-protocols') options.protocols = ['qsee.agent', 'token.junk', `token.${agentToken}`];
    if (input.how === 'query') url = `${base}?token=${agentToken}`;
    if (input.how === 'header') options.headers = { Authorization: `Bearer ${agentToken}` };
    if (input.how === 'junk') options.protocols = ['token.junk'];
    if (input.how === 'forged-none') options.protocols = [`token.${forgedJwt(forged, 'none')}`];
    if (input.how === 'forged-key') options.protocols = [`token.${forgedJwt(forged, 'guessed-key')}`];
    if (input.how === 'dl-token') options.protocols = [`token.${B.token}`];
    const result = await upgrade(url, options);
    const findings: Finding[] = [];
    if (!valid && result.opened) findings.push({ kind: 'accepted-upgrade', detail: `${input.how} opened the agent stream` });
    if (!valid && result.frames.length) findings.push({ kind: 'leak', detail: `${input.how} received ${result.frames.length} frames` });
    return stillUp(server, findings);
  });
}, 110_000);

// ---------- Files: signed links and the agents' file route ----------

const fileInput = fc.record({
  route: fc.constantFrom('dl', 'dl', 'agent'),
  id: fc.oneof(fc.constant('<A-file>'), fc.constant('<A-file>'), oddId),
  sig: fc.oneof(
    fc.constantFrom('', 'none', 'truncated', 'flipped', 'twice', 'array', 'other-id', 'padded'),
    fc.string({ maxLength: 40 }).map((s) => `raw:${s}`),
  ),
  auth: fc.constantFrom('none', 'junk', 'dl-token', 'forged-none'),
});

test('Files: A’s upload is never served without its signed link or an agent token', async () => {
  await fuzz('files', fileInput, 150, async (input) => {
    const dlFileId = A.fileUrlPath.split('/').pop() as string;
    const id = input.id === '<A-file>' ? (input.route === 'dl' ? dlFileId : A.claimFileId) : encodeURIComponent(input.id);
    const sig = A.fileSig;
    const query =
      input.route === 'agent'
        ? ''
        : ({
            '': '?sig=',
            none: '',
            truncated: `?sig=${sig.slice(0, -1)}`,
            flipped: `?sig=${sig[0] === 'A' ? 'B' : 'A'}${sig.slice(1)}`,
            twice: '?sig=junk&sig=junk2',
            array: '?sig[]=junk',
            'other-id': `?sig=${sig}`,
            padded: `?sig=${sig}%00`,
          }[input.sig] ?? `?sig=${encodeURIComponent(input.sig.slice(4))}`);
    const target =
      input.route === 'dl' ? `/v3/directline/attachments/${input.sig === 'other-id' ? 'x' : ''}${id}${query}` : `/api/agent/files/${id}`;
    const forged = { sub: AGENT.username, username: AGENT.username, role: 'admin', exp: Math.floor(Date.now() / 1000) + 600 };
    const header = {
      none: undefined,
      junk: 'Bearer junk',
      'dl-token': `Bearer ${B.token}`,
      'forged-none': `Bearer ${forgedJwt(forged, 'none')}`,
    }[input.auth];
    const outcome = await rawRequest(server.port, 'GET', target, { headers: header ? [['Authorization', header]] : [] });
    const findings = judge(outcome, target, { jsonRoute: false, secrets: { forbidden: secrets.forbidden.filter((s) => s !== A.fileSig) } });
    if (typeof outcome !== 'string' && (outcome.status === 200 || outcome.body.includes(FILE_MARK))) {
      findings.push({ kind: 'served-file', detail: `${target} answered ${outcome.status} without a valid link or token` });
    }
    return stillUp(server, findings);
  });
}, 110_000);

// ---------- The link back to a conversation (customers' mails) ----------

/** A's link as a mail would carry it, and what an attacker makes of it or of other tokens. */
const resumeLinkInput = fc.record({
  route: fc.constantFrom('page', 'post'),
  link: fc.oneof(
    {
      weight: 3,
      arbitrary: fc.constantFrom(
        'truncated',
        'flipped-signature',
        'padded',
        'to-B-with-A-signature',
        'forged-none',
        'forged-key',
        'B-token',
        'agent-token',
        'A-id',
        'extra-segment',
        'lower-case',
      ),
    },
    { weight: 2, arbitrary: oddId },
    { weight: 1, arbitrary: hugeString },
  ),
  body: fc.oneof(
    { weight: 4, arbitrary: fc.constant('<link>') },
    { weight: 1, arbitrary: rawBody },
    { weight: 1, arbitrary: anyValue.map(toJson) },
  ),
});

test('Resume links: forged, altered and foreign tokens open no conversation (the page or POST /api/directline/resume)', async () => {
  const links = new ResumeLinks(TOKEN_SECRET, systemClock, 30, () => server.base);
  const tokenOf = (conversationId: string) =>
    (links.linkFor({ channel: 'directline', id: conversationId }) as string).slice(`${server.base}/resume/`.length);
  const aLink = tokenOf(A.conversationId);
  const [header, payload, signature] = aLink.split('.');
  const forged = { conv: A.conversationId, aud: 'resume', exp: Math.floor(Date.now() / 1000) + 600 };
  const altered: Record<string, () => string> = {
    truncated: () => aLink.slice(0, -1),
    'flipped-signature': () => `${header}.${payload}.${signature[0] === 'A' ? 'B' : 'A'}${signature.slice(1)}`,
    padded: () => `${aLink}%00`,
    'to-B-with-A-signature': () => `${header}.${tokenOf(B.conversationId).split('.')[1]}.${signature}`,
    'forged-none': () => forgedJwt(forged, 'none'),
    'forged-key': () => forgedJwt(forged, 'guessed-key'),
    'B-token': () => B.token,
    'agent-token': () => agentToken,
    'A-id': () => A.conversationId,
    'extra-segment': () => `${aLink}/x`,
    'lower-case': () => aLink.toLowerCase(),
  };
  await fuzz('resume-links', resumeLinkInput, 200, async (input) => {
    const link = Object.hasOwn(altered, input.link) ? altered[input.link]() : input.link;
    const outcome =
      input.route === 'page'
        ? await rawRequest(server.port, 'GET', `/resume/${link.startsWith('%') ? link : encodeURIComponent(link)}`, {})
        : await rawRequest(server.port, 'POST', '/api/directline/resume', {
            headers: [
              ['Content-Type', 'application/json'],
              ['X-Forwarded-For', '203.0.113.9'],
            ],
            body: input.body === '<link>' ? JSON.stringify({ link }) : input.body,
          });
    const sent = `${link}\n${input.body}`;
    const findings = judge(outcome, sent, { jsonRoute: input.route === 'post', secrets });
    if (typeof outcome !== 'string' && outcome.status === 200) {
      findings.push({ kind: 'leak', detail: `a resume link opened a conversation: ${input.route} answered 200 to ${link.slice(0, 120)}` });
    }
    return stillUp(server, findings);
  });
}, 110_000);

// ---------- Static pages ----------

const staticInput = fc.oneof(
  fc.constantFrom(
    '/static/..%2f..%2fpackage.json',
    '/static/..%2F..%2F.env',
    '/static/%2e%2e%2f%2e%2e%2fdist%2fsrc%2fapp.js',
    '/static/../../package.json',
    '/static/....//....//package.json',
    '/static/app.js%00.css',
    '/static/..\\..\\package.json',
    '/static/.env.js',
    '/static/token-secret',
    '/vendor/webchat.js/../../package.json',
    '/vendor/..%2f..%2fpackage.json',
    '//etc/passwd',
    '/%2e%2e/%2e%2e/etc/passwd',
    '/agent/../api/agent/claims',
    '/agent%2f..%2fapi%2fagent%2fclaims',
    '/./././',
    '/?x=<script>alert(1)</script>',
    '/data/warranty.sqlite',
    '/warranty.sqlite',
    '/static/' + 'a'.repeat(10_000) + '.js',
    '*',
    'http://169.254.169.254/latest',
  ),
  fc
    .tuple(fc.constantFrom('/static/', '/vendor/', '/', '/agent/', '/api/'), fc.string({ maxLength: 40 }))
    .map(([p, s]) => p + encodeURIComponent(s)),
);

test('Static pages: path tricks never reach files outside public/', async () => {
  await fuzz('static-paths', staticInput, 150, async (target) => {
    const outcome = await rawRequest(server.port, 'GET', target);
    const findings = judge(outcome, target, {
      jsonRoute: target.startsWith('/api/'),
      secrets: { forbidden: [...secrets.forbidden, 'SQLite format 3', '"devDependencies"', 'root:x:0:0', 'BOOTSTRAP_AGENT_PASSWORD='] },
    });
    return stillUp(server, findings);
  });
}, 110_000);

// ---------- A forged channel on /api/messages with A's conversation id ----------

const forgedInput = fc.record({
  text: fc.oneof(
    fc.constantFrom(
      'talk to a person',
      'cancel',
      'start over',
      'yes',
      'no, none of that',
      'what is the status of my claim?',
      'I have the receipt',
      'QT5682',
      '5',
    ),
    fc.string({ maxLength: 30 }),
  ),
  channelId: fc.constantFrom('directline', 'emulator', 'webchat', 'msteams'),
  fromA: fc.boolean(),
  type: fc.constantFrom('message', 'message', 'message', 'conversationUpdate', 'event'),
});

/**
 * A's claim and Direct Line activities as stored (read from a second connection), and A's
 * transcript as the agents see it: by A's own ids, so that a conversation the forger gets for
 * themselves (same id string, another channel) does not count as A's.
 */
async function snapshotOfA(): Promise<string> {
  const installation = { dataDir: server.dataDir };
  const claim = await row(installation, 'SELECT status, data FROM claims WHERE id = ?', A.claimId);
  const activities = await row(installation, 'SELECT COUNT(*) AS n FROM dl_activities WHERE conversation_id = ?', A.conversationId);
  const stored = { claim, activities };
  const { transcript } = await api('GET', `/api/agent/claims/${A.claimId}`, agentToken);
  return JSON.stringify({ stored, transcript });
}

test('A forged /api/messages activity with A’s conversation id changes nothing of A and sends nothing of A', async () => {
  await fuzz('forged-channel', forgedInput, 40, async (input) => {
    const before = await snapshotOfA();
    const start = recorder.received.length;
    const body = JSON.stringify({
      type: input.type,
      id: `forged-${Math.random()}`,
      text: input.text,
      channelId: input.channelId,
      serviceUrl: recorder.url,
      from: { id: input.fromA ? A.userId : 'mallory', role: 'user' },
      recipient: { id: 'bot' },
      conversation: { id: A.conversationId },
      membersAdded: input.type === 'conversationUpdate' ? [{ id: 'mallory' }] : undefined,
    });
    const outcome = await rawRequest(server.port, 'POST', '/api/messages', { headers: [['Content-Type', 'application/json']], body });
    const findings = judge(outcome, body, { jsonRoute: true });
    const after = await snapshotOfA();
    if (after !== before) findings.push({ kind: 'changed', detail: `A's stored claim/transcript changed: ${clipDiff(before, after)}` });
    const sentToForger = recordedSince(start);
    const shown = leaked(sentToForger, body, { forbidden: [SECRET, A.claimId, FILE_MARK, 'RMA-'] });
    if (shown.length) findings.push({ kind: 'leak', detail: `the forged serviceUrl received ${shown.join(', ')}` });
    return stillUp(server, findings);
  });
}, 110_000);

function clipDiff(before: string, after: string): string {
  let i = 0;
  while (i < before.length && before[i] === after[i]) i++;
  return `…${before.slice(Math.max(0, i - 40), i + 80)}… → …${after.slice(Math.max(0, i - 40), i + 80)}…`;
}
