import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { MAX_UPLOAD_BYTES, ProofUploads, WRITE_IN_PLACE_BYTES } from '../../src/attachments/proofUploads';
import { openDatabase } from '../../src/storage/database';
import { GroupCommit } from '../../src/storage/groupCommit';

const JPEG_HEAD = Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10, 0x4a, 0x46, 0x49, 0x46, 0x00, 0x01]);
const pdf = (size: number) => Buffer.concat([Buffer.from('%PDF-1.4\n'), Buffer.alloc(size - 9, 0x20)]);
const sha256 = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');

function uploads() {
  const dir = mkdtempSync(path.join(tmpdir(), 'warranty-uploads-'));
  const db = openDatabase(dir);
  const noNetwork = async () => ({ ok: false as const, problem: 'download_failed' as const });
  return { db, uploads: new ProofUploads(dir, db, new GroupCommit(db), noNetwork) };
}

describe('ProofUploads.store', () => {
  test.each([
    ['a small photo (written in place)', Buffer.concat([JPEG_HEAD, Buffer.alloc(2000, 7)]), 'image/jpeg'],
    ['a file at the in-place limit', pdf(WRITE_IN_PLACE_BYTES), 'application/pdf'],
    ['a large PDF (written on the thread pool)', pdf(WRITE_IN_PLACE_BYTES + 1), 'application/pdf'],
    ['a 9 MB PDF', pdf(9 * 1024 * 1024), 'application/pdf'],
  ])('%s: the stored file holds the same bytes and its SHA-256 is recorded', async (_name, bytes, mime) => {
    const { db, uploads: store } = uploads();
    const result = await store.store('claim-1', 'IMG 1.jpg', bytes);
    if (!result.ok) throw new Error(`refused: ${result.problem}`);
    expect(result.file).toMatchObject({ contentType: mime, size: bytes.length, name: 'IMG 1.jpg' });
    const located = store.locate(result.file.id);
    expect(located && readFileSync(located.file).equals(bytes)).toBe(true);
    const row = db.prepare('SELECT sha256, claim_id FROM attachments WHERE id = ?').get(result.file.id);
    expect(row).toEqual({ sha256: sha256(bytes), claim_id: 'claim-1' });
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
