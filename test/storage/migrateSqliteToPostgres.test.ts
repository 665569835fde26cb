import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, unlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import pg from 'pg';
import { AgentAccounts } from '../../src/agents/agentAccounts';
import { AgentTokens } from '../../src/agents/agentTokens';
import type { Downloader } from '../../src/attachments/download';
import { ProofUploads } from '../../src/attachments/proofUploads';
import { fixedClock, systemClock } from '../../src/clock';
import { type Claim, newClaim } from '../../src/domain/claim';
import { type ConversationKey, DIRECT_LINE_CHANNEL } from '../../src/domain/conversationKey';
import { copySqliteToPostgres, countsMatch, PRODUCT_TABLES } from '../../src/storage/copySqliteToPostgres';
import { openPostgresStorage, type PostgresStorage } from '../../src/storage/postgres/openPostgresStorage';
import { openDatabase } from '../../src/storage/sqlite/database';
import { openSqliteStorage } from '../../src/storage/sqlite/openSqliteStorage';
import type { Storage } from '../../src/storage/storage';
import { startBuiltServer } from '../helpers/builtServer';
import { createTestDatabase, databaseUrl } from '../helpers/postgres';

// The built script (run `npm run build` first), as an operator runs it.
const SCRIPT = path.resolve(__dirname, '..', '..', 'dist', 'scripts', 'migrateSqliteToPostgres.js');
const NOW = '2026-03-02T17:30:00Z';
const TOKEN_SECRET = 'migration-test-secret';
const AGENT = { username: 'ana', password: 'correct horse battery' };
const CHANNEL = 'https://test.com';
const HANDOFF_CONVERSATION: ConversationKey = { channel: CHANNEL, id: 'conv-handoff' };
/** A password in the URL (trust authentication ignores it): the script must never print it. */
const PASSWORD = 'pw-never-printed-3141';

const noNetwork: Downloader = async () => ({ ok: false, problem: 'download_failed' });
const jpeg = (bytes: number) => {
  const body = Buffer.alloc(bytes);
  for (let i = 0; i < bytes; i++) body[i] = (i * 31 + 7) % 251;
  return Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), body]);
};
const SMALL_PROOF = jpeg(2_000);
/** Larger than SQLite keeps in a row (IN_DATABASE_BYTES): a file of its own under DATA_DIR/uploads. */
const BIG_PROOF = jpeg(200 * 1024);
const UPLOADED = jpeg(5_000);

interface Deployment {
  dataDir: string;
  dlConversation: string;
  dlFile: string;
  proofIds: { small: string; big: string };
  revokedToken: string;
  revokedTokenId: string;
}

/**
 * A SQLite DATA_DIR with some of everything, written through the product's repositories: a covered
 * claim from our Direct Line with an RMA number and two proof files (one on disk), a hand-off from
 * another channel with notes and a transcript, two claims begun in the same millisecond, an agent
 * and a token they logged out.
 */
async function buildDeployment(): Promise<Deployment> {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'warranty-migrate-'));
  const clock = fixedClock(NOW);
  const storage = openSqliteStorage(dataDir, { checkpointInBackground: false, clock });
  const at = new Date(NOW);
  const later = (minutes: number) => new Date(at.getTime() + minutes * 60_000).toISOString();

  const dl = await storage.directLine.createConversation('dl_customer');
  await storage.directLine.markStarted(dl);
  const bot = { id: 'bot', name: 'Bot', role: 'bot' };
  const customer = { id: 'dl_customer', role: 'user' };
  await storage.directLine.append(dl, { type: 'message', from: bot, text: 'Hi! What can I do for you?', timestamp: later(0) } as never);
  await storage.directLine.append(dl, {
    type: 'message',
    from: customer,
    text: 'my QT5682 died',
    channelData: { clientActivityID: 'client-1' },
    timestamp: later(1),
  } as never);
  const dlFile = await storage.directLine.saveFile(dl, 'receipt.jpg', 'image/jpeg', UPLOADED);
  await storage.directLine.append(dl, {
    type: 'message',
    from: customer,
    attachments: [{ name: 'receipt.jpg', contentType: 'image/jpeg', contentUrl: `/files/${dlFile}` }],
    timestamp: later(2),
  } as never);
  await storage.directLine.append(dl, { type: 'event', name: 'typing-ish', from: bot, timestamp: later(3) } as never);
  // followed through the link in a mail: the sessions it ended stay ended on PostgreSQL
  await storage.directLine.recordResume(dl, { at: at.getTime() + 5 * 60_000, sessionId: 'resumed-session' });

  const covered: Claim = { ...newClaim('claim-covered', dl, at, 'v1', 'America/New_York'), channel: DIRECT_LINE_CHANNEL };
  await storage.claims.insert(covered);
  const uploads = new ProofUploads(dataDir, storage.proofFiles, storage.commits, noNetwork, clock);
  const small = await uploads.store(covered.id, 'receipt.jpg', SMALL_PROOF);
  const big = await uploads.store(covered.id, 'big-receipt.jpg', BIG_PROOF);
  if (!small.ok || !big.ok) throw new Error('the proof files were refused');
  const rma = await storage.rmaNumbers.issue(covered.id, at);
  await storage.claims.save({
    ...covered,
    status: 'rma_issued',
    rmaNumber: rma,
    updatedAt: later(4),
    product: { text: 'QT5682', model: 'QT5682' },
    proof: { type: 'receipt', files: [small.file, big.file], availability: null },
    decision: { outcome: 'covered', reasons: [], bot: null, decidedBy: 'bot', note: null },
  } as Claim);
  await storage.audit.record({
    claimId: covered.id,
    from: 'in_progress',
    to: 'rma_issued',
    action: 'decide',
    actorKind: 'bot',
    actorId: null,
    at: later(4),
  });

  const handoff: Claim = { ...newClaim('claim-handoff', HANDOFF_CONVERSATION.id, new Date(later(10)), 'v1', 'UTC'), channel: CHANNEL };
  await storage.claims.insert({
    ...handoff,
    status: 'pending_agent',
    handoff: { reason: 'customer_request', agent: null, requestedAt: later(11), acceptedAt: null, callbackEmail: 'c@example.com' },
  } as Claim);
  await storage.audit.record({
    claimId: handoff.id,
    from: 'in_progress',
    to: 'pending_agent',
    action: 'handoff',
    actorKind: 'customer',
    actorId: null,
    at: later(11),
  });
  for (const [minute, text] of [
    [12, 'called, no answer'],
    [13, 'left a voicemail'],
  ] as const) {
    await storage.notes.add(handoff.id, { author: AGENT.username, text, createdAt: later(minute) });
  }
  for (const [i, direction, from, text] of [
    [1, 'in', 'customer', 'I want to talk to a person'],
    [2, 'out', 'bot', 'Someone will be with you shortly.'],
  ] as const) {
    await storage.transcript.record({
      conversation: HANDOFF_CONVERSATION,
      activityId: `act-${i}`,
      direction,
      from,
      type: 'message',
      text,
      attachments: [],
      timestamp: later(10 + i),
    });
  }
  await storage.conversationReferences.save(HANDOFF_CONVERSATION, { serviceUrl: CHANNEL, conversation: { id: HANDOFF_CONVERSATION.id } });
  await storage.botState.write({ [`${CHANNEL}/conversations/${HANDOFF_CONVERSATION.id}/`]: { dialogState: { step: 2 } } });

  // begun in the same millisecond, the later one (written second) first in the agents' lists
  for (const id of ['claim-twin-z', 'claim-twin-a']) {
    await storage.claims.insert({ ...newClaim(id, `conv-${id}`, new Date(later(20)), 'v1', 'UTC'), channel: CHANNEL });
  }
  await storage.rmaNumbers.issue('claim-twin-z', new Date(later(21)));

  // the outbox: a mail sent, one waiting for its retry, two queued in the same millisecond, an address suppressed
  const mailFor = (claimId: string, to: string) => ({
    kind: 'decision' as const,
    claimId,
    conversation: `directline/${dl}`,
    to,
    subject: `About ${claimId}`,
    text: 'text',
    html: '<p>html</p>',
    requestedBy: 'bot',
  });
  const sent = await storage.outbox.add(mailFor(covered.id, 'Buyer@Example.com'), later(5));
  const retried = await storage.outbox.add(mailFor(handoff.id, 'c@example.com'), later(12));
  for (const to of ['twin-z@example.com', 'twin-a@example.com']) await storage.outbox.add(mailFor('claim-twin-z', to), later(22));
  await storage.commits.durable();
  await storage.outbox.takeDue(later(13), later(15), 2);
  await storage.outbox.markSent(sent.id, later(13));
  await storage.outbox.markRetry(retried.id, later(14), 'mail server unreachable (ECONNREFUSED)');
  await storage.outbox.suppress('gone@example.com', 'refused by the mail server: 550 5.1.1 no such user', later(13));

  await new AgentAccounts(storage.agents).create(AGENT.username, AGENT.password, { displayName: 'Ana Agent' });
  const tokens = new AgentTokens(TOKEN_SECRET, 3_600_000, storage.revocations, systemClock);
  const issued = tokens.issue(AGENT.username, 'agent');
  const signedIn = await tokens.verify(issued.token);
  if (!signedIn) throw new Error('the token did not verify');
  await tokens.revoke(signedIn, new Date(signedIn.expiresAt));
  await storage.close();
  return {
    dataDir,
    dlConversation: dl,
    dlFile,
    proofIds: { small: small.file.id, big: big.file.id },
    revokedToken: issued.token,
    revokedTokenId: signedIn.tokenId,
  };
}

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

function runScript(dataDir: string, url: string): Promise<Run> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      [SCRIPT],
      { env: { ...process.env, DATA_DIR: dataDir, DATABASE_URL: url }, timeout: 60_000 },
      (error, stdout, stderr) => resolve({ code: error ? Number((error as { code?: number }).code ?? 1) : 0, stdout, stderr }),
    );
  });
}

const withPassword = (url: string) => {
  const parsed = new URL(url);
  parsed.password = PASSWORD;
  return parsed.toString();
};

async function rowCounts(url: string): Promise<Record<string, number>> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const counts: Record<string, number> = {};
    for (const table of PRODUCT_TABLES) counts[table] = Number((await client.query(`SELECT COUNT(*) AS n FROM ${table}`)).rows[0].n);
    return counts;
  } finally {
    await client.end();
  }
}

/** What the agents and the customers would see of the deployment, read through the repositories of either store. */
async function view(storage: Storage, deployment: Deployment) {
  const claimIds = ['claim-covered', 'claim-handoff', 'claim-twin-z', 'claim-twin-a'];
  const notesFirst = await storage.notes.page('claim-handoff', 1, null);
  const outboxCursor = (await storage.outbox.page({}, 1, null)).next;
  const proof = async (id: string) => {
    const found = await storage.proofFiles.find(id);
    return found && { claimId: found.claimId, name: found.name, contentType: found.contentType };
  };
  return {
    list: await storage.claims.page({}, 10, null),
    queue: await storage.claims.queue(10, null),
    claims: await Promise.all(claimIds.map((id) => storage.claims.get(id))),
    audit: await Promise.all(claimIds.map((id) => storage.audit.of(id))),
    notes: [notesFirst.items, notesFirst.next && (await storage.notes.page('claim-handoff', 1, notesFirst.next)).items],
    transcript: await storage.transcript.forConversation(HANDOFF_CONVERSATION),
    dlConversation: await storage.directLine.conversation(deployment.dlConversation),
    dlPage: await storage.directLine.after(deployment.dlConversation, 0),
    dlPageAfterTwo: await storage.directLine.after(deployment.dlConversation, 2),
    dlMessages: await storage.directLine.messages(deployment.dlConversation),
    dlResent: await storage.directLine.idOfClientActivity(deployment.dlConversation, 'client-1'),
    dlFile: await storage.directLine.file(deployment.dlFile),
    dlResumes: await storage.directLine.resumedSince(0),
    proofs: [await proof(deployment.proofIds.small), await proof(deployment.proofIds.big)],
    agent: await storage.agents.find(AGENT.username),
    revoked: await storage.revocations.isRevoked(deployment.revokedTokenId),
    reference: await storage.conversationReferences.find(HANDOFF_CONVERSATION),
    botState: (await storage.botState.readJson(`${CHANNEL}/conversations/${HANDOFF_CONVERSATION.id}/`))?.json,
    outbox: await storage.outbox.page({}, 10, null),
    outboxPages: [(await storage.outbox.page({}, 1, null)).items, (await storage.outbox.page({}, 1, outboxCursor)).items],
    outboxToBuyer: await storage.outbox.countSince({ to: 'buyer@example.com' }, '2026-01-01T00:00:00.000Z'),
    suppressed: [await storage.outbox.isSuppressed('GONE@example.com'), await storage.outbox.isSuppressed('c@example.com')],
  };
}

const proofBytes = async (storage: Storage, dataDir: string, id: string) => {
  const row = await storage.proofFiles.find(id);
  if (!row) return null;
  return row.data ?? (await import('node:fs')).readFileSync(path.join(dataDir, 'uploads', row.file as string));
};

beforeAll(() => {
  if (!existsSync(SCRIPT)) throw new Error(`${SCRIPT} is missing: run npm run build first`);
});

describe('npm run migrate:sqlite-to-postgres', () => {
  let deployment: Deployment;
  let database: Awaited<ReturnType<typeof createTestDatabase>>;
  let first: Run;

  beforeAll(async () => {
    deployment = await buildDeployment();
    database = await createTestDatabase('warranty_migrate');
    first = await runScript(deployment.dataDir, withPassword(database.url));
  });
  afterAll(async () => {
    await database?.drop();
  });

  test('copies the deployment, prints the counts of every table and never the password', async () => {
    expect({ code: first.code, stderr: first.stderr }).toEqual({ code: 0, stderr: '' });
    for (const table of PRODUCT_TABLES) expect(first.stdout).toMatch(new RegExp(`^${table}\\s+\\d+\\s+\\d+\\s+ok$`, 'm'));
    expect(first.stdout).toMatch(/^claims\s+4\s+4\s+ok$/m);
    expect(first.stdout).toMatch(/^attachments\s+2\s+2\s+ok$/m);
    expect(first.stdout).toMatch(/^dl_activities\s+4\s+4\s+ok$/m);
    expect(`${first.stdout}${first.stderr}`).not.toContain(PASSWORD);
    expect(first.stdout).toContain(database.name);
  });

  test('PostgreSQL shows the same claims, RMA numbers, audit, notes, transcripts, Direct Line pages, files, agent, revocation and mail outbox', async () => {
    // both read at the deployment's time: a suppression (made then) ends SUPPRESSION_DAYS later
    const sqlite = openSqliteStorage(deployment.dataDir, { checkpointInBackground: false, clock: fixedClock(NOW) });
    const postgres = await openPostgresStorage(database.url, { clock: fixedClock(NOW) });
    try {
      const before = await view(sqlite, deployment);
      const after = await view(postgres, deployment);
      expect(after).toEqual(before);
      // what the comparison relies on is really there
      expect(after.list.items.map((c) => c.id)).toEqual(['claim-twin-a', 'claim-twin-z', 'claim-handoff', 'claim-covered']);
      expect(after.claims[0]?.rmaNumber).toBe('RMA-2026-000001');
      expect(after.queue.items.map((c) => c.id)).toEqual(['claim-handoff']);
      expect(after.notes.flat().map((n) => n?.text)).toEqual(['called, no answer', 'left a voicemail']);
      expect(after.transcript).toHaveLength(2);
      expect(after.dlPage.watermark).toBe(4);
      expect(after.dlPage.activities.map((a) => a.id)).toEqual([1, 2, 3, 4].map((n) => `${deployment.dlConversation}|000000${n}`));
      expect(after.dlResent).toBe(`${deployment.dlConversation}|0000002`);
      expect(after.dlFile?.data.equals(UPLOADED)).toBe(true);
      expect(after.dlResumes).toEqual([
        { conversationId: deployment.dlConversation, at: Date.parse(NOW) + 5 * 60_000, sessionId: 'resumed-session' },
      ]);
      expect(after.revoked).toBe(true);
      expect(after.outbox.items.map((m) => [m.to, m.status])).toEqual([
        ['twin-a@example.com', 'waiting'],
        ['twin-z@example.com', 'waiting'],
        ['c@example.com', 'waiting'],
        ['Buyer@Example.com', 'sent'],
      ]);
      expect(after.outbox.items[2].lastError).toBe('mail server unreachable (ECONNREFUSED)');
      expect(after.outboxPages.flat().map((m) => m.to)).toEqual(['twin-a@example.com', 'twin-z@example.com']);
      expect(after.suppressed).toEqual([true, false]);
      expect(await proofBytes(postgres, deployment.dataDir, deployment.proofIds.small)).toEqual(SMALL_PROOF);
      expect(await proofBytes(postgres, deployment.dataDir, deployment.proofIds.big)).toEqual(BIG_PROOF);
      expect(await new AgentAccounts(postgres.agents).authenticate(AGENT.username, AGENT.password)).toMatchObject({ username: 'ana' });
    } finally {
      await sqlite.close();
      await postgres.close();
    }
  });

  test('PostgreSQL carries on where SQLite stopped: the next RMA number, watermark, note and audit id', async () => {
    const postgres: PostgresStorage = await openPostgresStorage(database.url);
    try {
      await postgres.db.unit(async () => {
        expect(await postgres.rmaNumbers.issue('claim-handoff', new Date(NOW))).toBe('RMA-2026-000003');
        expect(await postgres.rmaNumbers.issue('claim-covered', new Date(NOW))).toBe('RMA-2026-000001');
        const appended = await postgres.directLine.append(deployment.dlConversation, { type: 'message', text: 'still there?' });
        expect(appended.watermark).toBe(5);
        expect(appended.activity.id).toBe(`${deployment.dlConversation}|0000005`);
        await postgres.notes.add('claim-handoff', { author: 'ana', text: 'third note', createdAt: NOW });
        await postgres.audit.record({
          claimId: 'claim-handoff',
          from: 'pending_agent',
          to: 'with_agent',
          action: 'accept',
          actorKind: 'agent',
          actorId: 'ana',
          at: NOW,
        });
        await postgres.transcript.record({
          conversation: HANDOFF_CONVERSATION,
          activityId: 'act-3',
          direction: 'in',
          from: 'customer',
          type: 'message',
          text: 'thanks',
          attachments: [],
          timestamp: NOW,
        });
      });
      expect((await postgres.notes.page('claim-handoff', 10, null)).items.map((n) => n.text)).toEqual([
        'called, no answer',
        'left a voicemail',
        'third note',
      ]);
      expect((await postgres.audit.of('claim-handoff')).map((a) => a.to)).toEqual(['pending_agent', 'with_agent']);
      expect((await postgres.transcript.forConversation(HANDOFF_CONVERSATION)).map((t) => t.text)).toEqual([
        'I want to talk to a person',
        'Someone will be with you shortly.',
        'thanks',
      ]);
    } finally {
      await postgres.close();
    }
  });

  test('a second run refuses the database it filled and changes nothing', async () => {
    const before = await rowCounts(database.url);
    const again = await runScript(deployment.dataDir, withPassword(database.url));
    expect(again.code).toBe(1);
    expect(again.stderr).toMatch(/refused: the PostgreSQL database is not empty \(.*claims: \d+/);
    expect(again.stderr).toContain('nothing was changed');
    expect(`${again.stdout}${again.stderr}`).not.toContain(PASSWORD);
    expect(await rowCounts(database.url)).toEqual(before);
  });

  test('the built server runs on the migrated database: the agent signs in and sees the claim; the logged-out token stays out', async () => {
    const server = await startBuiltServer({
      // the server's clock is the real one: the deployment's files (stored at NOW) must outlive its retention sweep
      env: { DATABASE_URL: database.url, TOKEN_SECRET, FILE_RETENTION_DAYS: '3650' },
      dataDir: mkdtempSync(path.join(tmpdir(), 'warranty-migrated-server-')),
    });
    try {
      const login = await fetch(`${server.base}/api/agent/login`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify(AGENT),
      });
      expect(login.status).toBe(200);
      const { token } = (await login.json()) as { token: string };
      const claim = await fetch(`${server.base}/api/agent/claims/claim-covered`, { headers: { Authorization: `Bearer ${token}` } });
      expect(claim.status).toBe(200);
      const body = (await claim.json()) as Claim & { transcript: { text: string | null }[]; audit: unknown[] };
      expect(body.rmaNumber).toBe('RMA-2026-000001');
      expect(body.transcript.map((t) => t.text)).toContain('my QT5682 died');
      expect(body.audit).toHaveLength(1);
      const file = await fetch(`${server.base}/api/agent/files/${deployment.proofIds.big}`, {
        headers: { Authorization: `Bearer ${token}` },
      });
      expect(file.status).toBe(200);
      expect(Buffer.from(await file.arrayBuffer()).equals(BIG_PROOF)).toBe(true);
      const revoked = await fetch(`${server.base}/api/agent/me`, { headers: { Authorization: `Bearer ${deployment.revokedToken}` } });
      expect(revoked.status).toBe(401);
    } finally {
      await server.stop();
    }
  });
});

describe('a copy that fails leaves PostgreSQL empty', () => {
  test('a large proof file missing from DATA_DIR/uploads fails the copy, naming it', async () => {
    const deployment = await buildDeployment();
    const uploads = path.join(deployment.dataDir, 'uploads');
    const [onDisk] = readdirSync(uploads);
    expect(onDisk).toMatch(new RegExp(`^${deployment.proofIds.big}\\.`));
    unlinkSync(path.join(uploads, onDisk));
    const database = await createTestDatabase('warranty_migrate');
    try {
      const run = await runScript(deployment.dataDir, withPassword(database.url));
      expect(run.code).toBe(1);
      expect(run.stderr).toContain(`proof file ${deployment.proofIds.big}`);
      expect(run.stderr).toContain('no row was kept in PostgreSQL');
      expect(`${run.stdout}${run.stderr}`).not.toContain(PASSWORD);
      expect(Object.values(await rowCounts(database.url)).every((n) => n === 0)).toBe(true);
    } finally {
      await database.drop();
    }
  });

  test('a DATA_DIR without a database is refused instead of copying nothing', async () => {
    const run = await runScript(mkdtempSync(path.join(tmpdir(), 'warranty-migrate-empty-')), databaseUrl('never_created'));
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/no warranty\.sqlite in DATA_DIR/);
  });
});

describe('copySqliteToPostgres in pages of one row', () => {
  test('copies the same rows in the same order as one page does', async () => {
    const deployment = await buildDeployment();
    const database = await createTestDatabase('warranty_migrate');
    const pool = new pg.Pool({ connectionString: database.url, max: 1 });
    // pool.end() resolves before its last connection has closed: the drop's FORCE may cut that one
    pool.on('error', () => {});
    const source = openDatabase(deployment.dataDir);
    try {
      const pages: string[] = [];
      const counts = await copySqliteToPostgres(source, path.join(deployment.dataDir, 'uploads'), pool, {
        batchRows: 1,
        batchBytes: 1,
        onProgress: (table, copied) => pages.push(`${table}:${copied}`),
      });
      expect(countsMatch(counts)).toBe(true);
      expect(pages.filter((p) => p.startsWith('claims:'))).toEqual(['claims:1', 'claims:2', 'claims:3', 'claims:4']);
      expect(pages.filter((p) => p.startsWith('attachments:'))).toEqual(['attachments:1', 'attachments:2']);
      const postgres = await openPostgresStorage(database.url);
      const sqlite = openSqliteStorage(deployment.dataDir, { checkpointInBackground: false });
      try {
        expect(await view(postgres, deployment)).toEqual(await view(sqlite, deployment));
      } finally {
        await postgres.close();
        await sqlite.close();
      }
    } finally {
      source.close();
      await pool.end();
      await database.drop();
    }
  });
});

describe('copySqliteToPostgres and NUL characters', () => {
  test('a claim or transcript written before NULs and half emojis were cleaned at the door is copied storable', async () => {
    const dataDir = mkdtempSync(path.join(tmpdir(), 'warranty-migrate-nul-'));
    const sqlite = openSqliteStorage(dataDir, { checkpointInBackground: false });
    const claim: Claim = { ...newClaim('nul-claim', 'conv-nul', new Date(NOW), 'v1', 'UTC'), channel: CHANNEL };
    claim.problem = { ...claim.problem, text: 'it\u0000 will not power on \ud83d' } as Claim['problem'];
    await sqlite.claims.insert(claim);
    await sqlite.transcript.record({
      conversation: { channel: CHANNEL, id: 'conv-nul' },
      activityId: 'a1',
      direction: 'in',
      from: 'customer',
      type: 'message',
      text: 'hello\u0000there',
      attachments: [],
      timestamp: NOW,
    });
    await sqlite.close();
    const database = await createTestDatabase('warranty_migrate');
    const pool = new pg.Pool({ connectionString: database.url, max: 1 });
    // pool.end() resolves before its last connection has closed: the drop's FORCE may cut that one
    pool.on('error', () => {});
    const source = openDatabase(dataDir);
    try {
      expect(countsMatch(await copySqliteToPostgres(source, path.join(dataDir, 'uploads'), pool))).toBe(true);
      const postgres = await openPostgresStorage(database.url);
      try {
        expect((await postgres.claims.get('nul-claim'))?.problem.text).toBe('it will not power on \ufffd');
        expect((await postgres.transcript.forConversation({ channel: CHANNEL, id: 'conv-nul' })).map((e) => e.text)).toEqual([
          'hellothere',
        ]);
      } finally {
        await postgres.close();
      }
    } finally {
      source.close();
      await pool.end();
      await database.drop();
    }
  });
});
