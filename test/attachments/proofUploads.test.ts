import { createHash } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { IN_DATABASE_BYTES, MAX_UPLOAD_BYTES, ProofUploads } from '../../src/attachments/proofUploads';
import { openTestStorage } from '../helpers/sqlite';

const JPEG_HEAD = Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10, 0x4a, 0x46, 0x49, 0x46, 0x00, 0x01]);
const pdf = (size: number) => Buffer.concat([Buffer.from('%PDF-1.4\n'), Buffer.alloc(size - 9, 0x20)]);
const sha256 = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');

function uploads() {
  const dir = mkdtempSync(path.join(tmpdir(), 'warranty-uploads-'));
  const storage = openTestStorage({ dir });
  const db = storage.db;
  const noNetwork = async () => ({ ok: false as const, problem: 'download_failed' as const });
  return { dir, db, uploads: new ProofUploads(dir, storage.proofFiles, storage.commits, noNetwork) };
}

describe('ProofUploads.store', () => {
  test.each([
    ['a small photo', Buffer.concat([JPEG_HEAD, Buffer.alloc(2000, 7)]), 'image/jpeg', 'row'],
    ['a file at the database limit', pdf(IN_DATABASE_BYTES), 'application/pdf', 'row'],
    ['a PDF just over it', pdf(IN_DATABASE_BYTES + 1), 'application/pdf', 'file'],
    ['a 9 MB PDF', pdf(9 * 1024 * 1024), 'application/pdf', 'file'],
  ])('%s: stored in its %s with the same bytes, and its SHA-256 is recorded', async (_name, bytes, mime, where) => {
    const { dir, db, uploads: store } = uploads();
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
    const row = db.prepare('SELECT sha256, claim_id FROM attachments WHERE id = ?').get(result.file.id);
    expect(row).toEqual({ sha256: sha256(bytes), claim_id: 'claim-1' });
  });

  test('an unknown id is not found', async () => {
    expect(await uploads().uploads.locate('no-such-file')).toBeNull();
  });

  test('a row holds its bytes or names its file, never both or neither', async () => {
    const { db } = uploads();
    const insert = (file: string | null, data: Buffer | null) =>
      db
        .prepare(
          "INSERT INTO attachments (id, claim_id, name, content_type, size, sha256, file, data, created_at) VALUES (?, 'c', 'n', 'image/jpeg', 1, 'x', ?, ?, 'now')",
        )
        .run(Math.random().toString(36), file, data);
    expect(() => insert(null, null)).toThrow(/CHECK/);
    expect(() => insert('a.jpg', Buffer.from([1]))).toThrow(/CHECK/);
  });

  test.each([
    ['empty', Buffer.alloc(0), 'empty'],
    ['over 10 MB', pdf(MAX_UPLOAD_BYTES + 1), 'too_big'],
    ['an executable renamed to .jpg', Buffer.concat([Buffer.from('MZ'), Buffer.alloc(500, 1)]), 'wrong_type'],
    ['plain text', Buffer.from('I bought it at Best Buy'), 'wrong_type'],
  ])('%s is refused and nothing is recorded', async (_name, bytes, problem) => {
    const { db, uploads: store } = uploads();
    expect(await store.store('claim-1', 'receipt.jpg', bytes)).toMatchObject({ ok: false, problem });
    expect(db.prepare('SELECT COUNT(*) AS n FROM attachments').get()).toEqual({ n: 0 });
  });
});

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
