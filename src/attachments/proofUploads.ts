import { createHash, randomUUID, webcrypto } from 'node:crypto';
import { mkdirSync, writeFile, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { promisify } from 'node:util';
import { fromBuffer } from 'file-type';
import type { ProofFile } from '../domain/claim';
import type { Db } from '../storage/database';
import type { GroupCommit } from '../storage/groupCommit';
import type { Downloader } from './download';

// the callback API: lighter per call than fs/promises' FileHandle
const writeNewFile = promisify(writeFile);

export const MAX_UPLOAD_BYTES = 10 * 1024 * 1024;
/** files up to this size are written and hashed without leaving the turn's thread */
export const WRITE_IN_PLACE_BYTES = 256 * 1024;
/** What we accept as a copy of a receipt, by content (magic bytes), never by name. */
const ALLOWED: Record<string, string> = {
  'image/jpeg': 'jpg',
  'image/png': 'png',
  'application/pdf': 'pdf',
  'image/heic': 'heic',
  'image/heif': 'heif',
};

export type UploadProblem = 'not_allowed_origin' | 'download_failed' | 'too_big' | 'wrong_type' | 'empty';
export type UploadResult = { ok: true; file: ProofFile } | { ok: false; problem: UploadProblem; detail?: string };

export interface IncomingAttachment {
  contentUrl?: string;
  name?: string;
  contentType?: string;
}

/** Downloads, checks and stores proof-of-purchase files under DATA_DIR/uploads. */
export class ProofUploads {
  private readonly dir: string;
  /** Files our own Direct Line stored: read directly, never over the network. */
  private localSource: (url: string) => Buffer | null = () => null;
  private readonly insertStmt;
  private readonly locateStmt;

  constructor(
    dataDir: string,
    db: Db,
    private readonly commits: GroupCommit,
    private readonly downloader: Downloader,
  ) {
    this.dir = path.join(dataDir, 'uploads');
    mkdirSync(this.dir, { recursive: true });
    this.insertStmt = db.prepare(
      'INSERT INTO attachments (id, claim_id, name, content_type, size, sha256, file, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)',
    );
    this.locateStmt = db.prepare('SELECT file, name, content_type, claim_id FROM attachments WHERE id = ?');
  }

  useLocalSource(source: (url: string) => Buffer | null): void {
    this.localSource = source;
  }

  /**
   * Accepts an attachment for a claim. Only URLs on an allowed origin are fetched (the
   * channel that brought the activity, or our own Direct Line store); inline data: URLs
   * need no download.
   */
  async accept(claimId: string, attachment: IncomingAttachment, allowedOrigins: string[]): Promise<UploadResult> {
    const fetched = await this.download(attachment.contentUrl ?? '', allowedOrigins);
    if (!fetched.ok) return fetched;
    return this.store(claimId, attachment.name ?? 'upload', fetched.bytes);
  }

  /** Checks bytes by content and stores them; also used by the Direct Line upload endpoint. */
  async store(claimId: string, originalName: string, bytes: Buffer): Promise<UploadResult> {
    if (bytes.length === 0) return { ok: false, problem: 'empty' };
    if (bytes.length > MAX_UPLOAD_BYTES) return { ok: false, problem: 'too_big' };
    const sniffed = await fromBuffer(bytes);
    const ext = sniffed ? ALLOWED[sniffed.mime] : undefined;
    if (!sniffed || !ext) return { ok: false, problem: 'wrong_type', detail: sniffed?.mime ?? 'unknown' };
    const id = randomUUID();
    const fileName = `${id}.${ext}`;
    const sha256 = await writeAndHash(path.join(this.dir, fileName), bytes);
    const name = cleanName(originalName);
    this.commits.join();
    this.insertStmt.run(id, claimId, name, sniffed.mime, bytes.length, sha256, fileName, new Date().toISOString());
    return { ok: true, file: { id, name, contentType: sniffed.mime, size: bytes.length } };
  }

  /** Where a stored file lives, for agents only. */
  locate(id: string): { file: string; name: string; contentType: string; claimId: string } | null {
    const row = this.locateStmt.get(id) as { file: string; name: string; content_type: string; claim_id: string } | undefined;
    return row ? { file: path.join(this.dir, row.file), name: row.name, contentType: row.content_type, claimId: row.claim_id } : null;
  }

  private async download(
    url: string,
    allowedOrigins: string[],
  ): Promise<{ ok: true; bytes: Buffer } | { ok: false; problem: UploadProblem }> {
    const inline = /^data:[\w/+.-]+;base64,([A-Za-z0-9+/=]+)$/.exec(url);
    if (inline) return { ok: true, bytes: Buffer.from(inline[1], 'base64') };
    const local = this.localSource(url);
    if (local) return { ok: true, bytes: local };
    let origin: string;
    try {
      origin = new URL(url).origin;
    } catch {
      return { ok: false, problem: 'not_allowed_origin' };
    }
    if (!allowedOrigins.includes(origin)) return { ok: false, problem: 'not_allowed_origin' };
    return this.downloader(url, MAX_UPLOAD_BYTES);
  }
}

/**
 * Writes a new file and returns the SHA-256 of its bytes. Up to 10 MB can arrive, so large files
 * are written and hashed on libuv's threads, not in the turn's thread. A small one (most
 * receipts as PDF or screenshot) is written in place, like the turn's SQLite writes: creating
 * the file costs 20 µs to 1 ms of kernel time on our VM, but a trip to the thread pool makes
 * the turn wait a whole event-loop round besides, which under load is tens of milliseconds
 * (measured: the p99 at 50 conversations was 100–110 ms with it, 77–84 ms without).
 */
async function writeAndHash(file: string, bytes: Buffer): Promise<string> {
  if (bytes.length <= WRITE_IN_PLACE_BYTES) {
    writeFileSync(file, bytes, { flag: 'wx' });
    return createHash('sha256').update(bytes).digest('hex');
  }
  const [, digest] = await Promise.all([writeNewFile(file, bytes, { flag: 'wx' }), webcrypto.subtle.digest('SHA-256', bytes)]);
  return Buffer.from(digest).toString('hex');
}

/** A display name safe to show and store: no paths, no control characters, bounded. */
export function cleanName(name: string): string {
  const base = name.split(/[\\/]/).pop() ?? 'upload';
  // biome-ignore lint/suspicious/noControlCharactersInRegex: stripping them is the point
  return base.replace(/[\u0000-\u001f\u007f<>"]/g, '').slice(0, 120) || 'upload';
}
