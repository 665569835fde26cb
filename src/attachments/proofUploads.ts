import { createHash, randomUUID, webcrypto } from 'node:crypto';
import { mkdirSync, unlink, writeFile } from 'node:fs';
import * as path from 'node:path';
import { promisify } from 'node:util';
import { type Clock, systemClock } from '../clock';
import type { ProofFile } from '../domain/claim';
import type { Commits } from '../storage/commits';
import type { ProofFileStore } from '../storage/proofFileStore';
import type { Downloader } from './download';
import { checkProofContent, MAX_UPLOAD_BYTES } from './proofContent';

// the callback API: lighter per call than fs/promises' FileHandle
const writeNewFile = promisify(writeFile);
const removeFile = promisify(unlink);

export { MAX_UPLOAD_BYTES } from './proofContent';
/**
 * SQLite keeps files up to this size in the database row, written with the turn's other writes.
 * Creating a file of its own cost the turn's thread 20–550 µs of kernel time on our VM, and
 * SQLite reads BLOBs under about 100 KB faster than the file system does (sqlite.org/intern-v-extern-blob.html).
 * Larger files are written and hashed on libuv's threads.
 */
export const IN_DATABASE_BYTES = 128 * 1024;

export type UploadProblem = 'not_allowed_origin' | 'download_failed' | 'too_big' | 'wrong_type' | 'empty';
/** `bytes`: the file as stored, for the proof reader. */
export type UploadResult = { ok: true; file: ProofFile; bytes?: Buffer } | { ok: false; problem: UploadProblem; detail?: string };

/** A stored proof file: its bytes when the row holds them, else the path of its file. */
export type StoredProof = { name: string; contentType: string; claimId: string } & ({ bytes: Buffer } | { file: string });

/** What a local source knows of a URL: its bytes, why our own upload endpoint refused the file, or nothing (not ours). */
export type LocalFile = Buffer | UploadProblem | null;

export interface IncomingAttachment {
  contentUrl?: string;
  name?: string;
  contentType?: string;
}

/** Downloads, checks and stores proof-of-purchase files: in the database, or (SQLite, larger ones) under DATA_DIR/uploads. */
export class ProofUploads {
  private readonly dir: string;
  /** Files our own Direct Line stored: read directly, never over the network. */
  private localSource: (url: string) => LocalFile | Promise<LocalFile> = () => null;

  constructor(
    dataDir: string,
    private readonly files: ProofFileStore,
    private readonly commits: Pick<Commits, 'durable'>,
    private readonly downloader: Downloader,
    private readonly clock: Clock = systemClock,
  ) {
    this.dir = path.join(dataDir, 'uploads');
    mkdirSync(this.dir, { recursive: true });
  }

  useLocalSource(source: (url: string) => LocalFile | Promise<LocalFile>): void {
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

  /** Checks bytes by content (the check our Direct Line upload endpoint makes too) and stores them. */
  async store(claimId: string, originalName: string, bytes: Buffer): Promise<UploadResult> {
    const checked = await checkProofContent(bytes);
    if (!checked.ok) return checked;
    const id = randomUUID();
    const inRow = bytes.length <= this.files.bytesInRow;
    const fileName = inRow ? null : `${id}.${checked.extension}`;
    const sha256 = fileName ? await writeAndHash(path.join(this.dir, fileName), bytes) : createHash('sha256').update(bytes).digest('hex');
    const name = cleanName(originalName);
    await this.files.insert({
      id,
      claimId,
      name,
      contentType: checked.contentType,
      size: bytes.length,
      sha256,
      file: fileName,
      data: inRow ? bytes : null,
      createdAt: this.clock.now().toISOString(),
    });
    return { ok: true, file: { id, name, contentType: checked.contentType, size: bytes.length }, bytes };
  }

  /**
   * Deletes proof files stored before `cutoff` (rows and files under DATA_DIR/uploads); the
   * claim still lists them, and serving one answers 404. Returns how many went.
   */
  async deleteOlderThan(cutoff: Date): Promise<number> {
    let deleted = 0;
    for (;;) {
      const rows = await this.files.storedBefore(cutoff, 500);
      if (rows.length === 0) return deleted;
      await this.files.delete(rows.map((row) => row.id));
      // the rows go first: a crash in between leaves a file nobody links to, never a link to nothing
      await this.commits.durable();
      for (const row of rows) if (row.file) await removeFile(path.join(this.dir, row.file)).catch(() => undefined);
      deleted += rows.length;
    }
  }

  /** A stored file, for agents only. */
  async locate(id: string): Promise<StoredProof | null> {
    const row = await this.files.find(id);
    if (!row) return null;
    const about = { name: row.name, contentType: row.contentType, claimId: row.claimId };
    return row.data ? { ...about, bytes: row.data } : { ...about, file: path.join(this.dir, row.file as string) };
  }

  private async download(
    url: string,
    allowedOrigins: string[],
  ): Promise<{ ok: true; bytes: Buffer } | { ok: false; problem: UploadProblem }> {
    const inline = /^data:[\w/+.-]+;base64,([A-Za-z0-9+/=]+)$/.exec(url);
    if (inline) return { ok: true, bytes: Buffer.from(inline[1], 'base64') };
    const local = await this.localSource(url);
    if (typeof local === 'string') return { ok: false, problem: local };
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

/** Writes a new file on libuv's threads and returns the SHA-256 of its bytes (up to 10 MB can arrive). */
async function writeAndHash(file: string, bytes: Buffer): Promise<string> {
  const [, digest] = await Promise.all([writeNewFile(file, bytes, { flag: 'wx' }), webcrypto.subtle.digest('SHA-256', bytes)]);
  return Buffer.from(digest).toString('hex');
}

/** A display name safe to show and store: no paths, no control characters, bounded. */
export function cleanName(name: string): string {
  const base = name.split(/[\\/]/).pop() ?? 'upload';
  // bidirectional controls too: "\u202Egnp.exe" would show as "exe.png"
  // biome-ignore lint/suspicious/noControlCharactersInRegex: stripping them is the point
  return base.replace(/[\u0000-\u001f\u007f<>"\u200e\u200f\u202a-\u202e\u2066-\u2069]/g, '').slice(0, 120) || 'upload';
}
