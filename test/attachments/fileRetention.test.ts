import { existsSync, mkdtempSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { FileRetention, type Scheduler, SWEEP_EVERY_MS } from '../../src/attachments/fileRetention';
import { IN_DATABASE_BYTES, ProofUploads } from '../../src/attachments/proofUploads';
import { fixedClock } from '../../src/clock';
import { ON_POSTGRES } from '../helpers/postgres';
import { openTestStorage, type TestStorage } from '../helpers/store';

const DAY = 24 * 60 * 60 * 1000;
const jpeg = Buffer.from('ffd8ffe000104a46494600010100000100010000ffd9', 'hex');
const bigPdf = Buffer.concat([Buffer.from('%PDF-1.4\n'), Buffer.alloc(IN_DATABASE_BYTES + 100, 0x20)]);

/** A scheduler whose timer fires when the test says so. */
function manualScheduler() {
  const jobs: Array<{ ms: number; work: () => void; cancelled: boolean }> = [];
  const scheduler: Scheduler = {
    every(ms, work) {
      const job = { ms, work, cancelled: false };
      jobs.push(job);
      return { cancel: () => (job.cancelled = true) };
    },
  };
  return {
    scheduler,
    jobs,
    fire: () => {
      for (const job of jobs) if (!job.cancelled) job.work();
    },
  };
}

let opened: TestStorage | undefined;
afterEach(() => opened?.close());

async function setup() {
  const dir = mkdtempSync(path.join(tmpdir(), 'warranty-retention-'));
  const clock = fixedClock('2026-03-02T12:00:00Z');
  const storage = await openTestStorage({ dir, clock });
  opened = storage;
  const { commits } = storage;
  const noNetwork = async () => ({ ok: false as const, problem: 'download_failed' as const });
  const uploads = new ProofUploads(dir, storage.proofFiles, commits, noNetwork, clock);
  const store = storage.directLine;
  const { scheduler, jobs, fire } = manualScheduler();
  const retention = new FileRetention(
    30,
    clock,
    [(cutoff) => store.deleteFilesOlderThan(cutoff), (cutoff) => uploads.deleteOlderThan(cutoff)],
    scheduler,
  );
  return { dir, commits, clock, uploads, store, retention, jobs, fire };
}

describe('FILE_RETENTION_DAYS', () => {
  test('the sweep deletes Direct Line files and proof files (rows and files on disk) older than the setting, and only those', async () => {
    const { dir, clock, uploads, store, retention, commits } = await setup();
    const oldUpload = await store.saveFile('conv', 'old.jpg', 'image/jpeg', jpeg);
    const oldSmall = await uploads.store('claim', 'old.jpg', jpeg);
    const oldBig = await uploads.store('claim', 'old.pdf', bigPdf);
    if (!oldSmall.ok || !oldBig.ok) throw new Error('not stored');
    // SQLite keeps a big file on disk; PostgreSQL keeps every file in its row
    const onDisk = !ON_POSTGRES;
    expect(readdirSync(path.join(dir, 'uploads'))).toHaveLength(onDisk ? 1 : 0);
    clock.advance(20 * DAY);
    const newUpload = await store.saveFile('conv', 'new.jpg', 'image/jpeg', jpeg);
    const newProof = await uploads.store('claim', 'new.pdf', bigPdf);
    if (!newProof.ok) throw new Error('not stored');
    commits.flush();

    clock.advance(11 * DAY); // the old ones are 31 days old, the new ones 11
    expect(await retention.sweep()).toBe(3);
    expect(await store.file(oldUpload)).toBeNull();
    expect(await uploads.locate(oldSmall.file.id)).toBeNull();
    expect(await uploads.locate(oldBig.file.id)).toBeNull();
    expect(await store.file(newUpload)).not.toBeNull();
    const kept = await uploads.locate(newProof.file.id);
    if (onDisk) {
      expect(kept && 'file' in kept && existsSync(kept.file)).toBe(true);
      expect(readdirSync(path.join(dir, 'uploads'))).toEqual([path.basename((kept as { file: string }).file)]);
    } else {
      expect(kept && 'bytes' in kept && kept.bytes.equals(bigPdf)).toBe(true);
      expect(readdirSync(path.join(dir, 'uploads'))).toEqual([]);
    }
    expect(await retention.sweep()).toBe(0);
  });

  test('runs on its timer, once at start and then every hour, without anyone waiting for it', async () => {
    const { clock, store, retention, jobs, fire, commits } = await setup();
    const id = await store.saveFile('conv', 'a.jpg', 'image/jpeg', jpeg);
    commits.flush();
    retention.start((error) => {
      throw error;
    });
    expect(jobs).toEqual([expect.objectContaining({ ms: SWEEP_EVERY_MS })]);
    await retention.sweep(); // the sweep at start (the same run, if it is still going)
    expect(await store.file(id)).not.toBeNull();
    clock.advance(31 * DAY);
    fire(); // the timer's sweep starts at once (the Direct Line files go in its first step)
    expect(await store.file(id)).toBeNull();
    await retention.sweep();
    retention.stop();
    expect(jobs[0].cancelled).toBe(true);
  });
});
