import { createHash } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { IN_DATABASE_BYTES, MAX_UPLOAD_BYTES, ProofUploads } from '../../src/attachments/proofUploads';
import { ON_POSTGRES } from '../helpers/postgres';
import { row as firstRow } from '../helpers/rows';
import { databaseOf } from '../helpers/sqlite';
import { openTestStorage, sqliteOnly, type TestStorage } from '../helpers/store';

const JPEG_HEAD = Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10, 0x4a, 0x46, 0x49, 0x46, 0x00, 0x01]);
const pdf = (size: number) => Buffer.concat([Buffer.from('%PDF-1.4\n'), Buffer.alloc(size - 9, 0x20)]);
const sha256 = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');

let opened: TestStorage | undefined;
afterEach(() => opened?.close());

async function uploads() {
  const dir = mkdtempSync(path.join(tmpdir(), 'warranty-uploads-'));
  const storage = await openTestStorage({ dir });
  opened = storage;
  const noNetwork = async () => ({ ok: false as const, problem: 'download_failed' as const });
  return { dir, storage, uploads: new ProofUploads(dir, storage.proofFiles, storage.commits, noNetwork) };
}

describe('ProofUploads.store', () => {
  test.each([
    ['a small photo', Buffer.concat([JPEG_HEAD, Buffer.alloc(2000, 7)]), 'image/jpeg', 'row'],
    ['a file at the database limit', pdf(IN_DATABASE_BYTES), 'application/pdf', 'row'],
    ['a PDF just over it', pdf(IN_DATABASE_BYTES + 1), 'application/pdf', 'file'],
    ['a 9 MB PDF', pdf(9 * 1024 * 1024), 'application/pdf', 'file'],
  ])('%s: stored in its %s (on SQLite) with the same bytes, and its SHA-256 is recorded', async (_name, bytes, mime, whereOnSqlite) => {
    // PostgreSQL keeps every proof file in its row
    const where = ON_POSTGRES ? 'row' : whereOnSqlite;
    const { dir, storage, uploads: store } = await uploads();
    const result = await store.store('claim-1', 'IMG 1.jpg', bytes);
    if (!result.ok) throw new Error(`refused: ${result.problem}`);
    expect(result.file).toMatchObject({ contentType: mime, size: bytes.length, name: 'IMG 1.jpg' });
    const located = await store.locate(result.file.id);
    if (!located) throw new Error('not found');
    expect(located).toMatchObject({ name: 'IMG 1.jpg', contentType: mime, claimId: 'claim-1' });
    const stored = 'bytes' in located ? located.bytes : readFileSync(located.file);
    expect(stored.equals(bytes)).toBe(true);
    expect('bytes' in located ? 'row' : 'file').toBe(where);
    // a file of its own only when the row does not hold the bytes
    expect(readdirSync(path.join(dir, 'uploads'))).toHaveLength(where === 'file' ? 1 : 0);
    const row = await firstRow(storage, 'SELECT sha256, claim_id FROM attachments WHERE id = ?', result.file.id);
    expect(row).toEqual({ sha256: sha256(bytes), claim_id: 'claim-1' });
  });

  test('an unknown id is not found', async () => {
    expect(await (await uploads()).uploads.locate('no-such-file')).toBeNull();
  });

  test.each([
    ['empty', Buffer.alloc(0), 'empty'],
    ['over 10 MB', pdf(MAX_UPLOAD_BYTES + 1), 'too_big'],
    ['an executable renamed to .jpg', Buffer.concat([Buffer.from('MZ'), Buffer.alloc(500, 1)]), 'wrong_type'],
    ['plain text', Buffer.from('I bought it at Best Buy'), 'wrong_type'],
  ])('%s is refused and nothing is recorded', async (_name, bytes, problem) => {
    const { storage, uploads: store } = await uploads();
    expect(await store.store('claim-1', 'receipt.jpg', bytes)).toMatchObject({ ok: false, problem });
    expect(await firstRow(storage, 'SELECT COUNT(*) AS n FROM attachments')).toEqual({ n: 0 });
  });
});

sqliteOnly('the file column and its CHECK exist only in the SQLite schema: PostgreSQL keeps every file in its row')(
  'the SQLite attachments table',
  () => {
    test('a row holds its bytes or names its file, never both or neither', async () => {
      const { storage } = await uploads();
      const insert = (file: string | null, data: Buffer | null) =>
        databaseOf(storage)
          .prepare(
            "INSERT INTO attachments (id, claim_id, name, content_type, size, sha256, file, data, created_at) VALUES (?, 'c', 'n', 'image/jpeg', 1, 'x', ?, ?, 'now')",
          )
          .run(Math.random().toString(36), file, data);
      expect(() => insert(null, null)).toThrow(/CHECK/);
      expect(() => insert('a.jpg', Buffer.from([1]))).toThrow(/CHECK/);
    });
  },
);

describe('cleanName: a stored file name is safe to show', () => {
  const { cleanName } = require('../../src/attachments/proofUploads') as typeof import('../../src/attachments/proofUploads');
  test.each([
    ['receipt.jpg', 'receipt.jpg'],
    ['C:\\Users\\me\\receipt.pdf', 'receipt.pdf'],
    ['../../etc/passwd', 'passwd'],
    ['\u202Egnp.exe', 'gnp.exe'],
    ['a\u2066b\u2069c\u200f.png', 'abc.png'],
    ['<script>"x".png', 'scriptx.png'],
    ['\u0000\u001f', 'upload'],
    ['', 'upload'],
  ])('%j → %j', (given, expected) => {
    expect(cleanName(given)).toBe(expected);
  });
});
