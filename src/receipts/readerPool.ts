import { readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { Worker } from 'node:worker_threads';
import { MAX_UPLOAD_BYTES } from '../attachments/proofContent';
import type { Reading, SkipReason } from './reading';

export interface ReaderPoolOptions {
  /** worker threads (each reads one file at a time); 1 on a two-core machine */
  workers?: number;
  /** files waiting for a worker; one more is skipped as "busy" at once */
  queueLimit?: number;
  /** longest a file may wait in the queue before it is skipped as "busy" */
  queueTimeoutMs?: number;
  /** longest one file may take in a worker; past it the worker is stopped and replaced */
  timeoutMs?: number;
  /** normalise images before OCR (on by default; off only to measure what it brings) */
  enhance?: boolean;
  /** the worker's script and its data: the compiled readerWorker.js beside this file unless told */
  worker?: { script: string; workerData?: Record<string, unknown> };
  /** heap per worker thread, MB: a file that needs more ends that worker, not the process */
  maxHeapMb?: number;
  /**
   * The workers' scheduling priority (nice, 0–19; Linux keeps it per thread, and the OCR engine's own
   * thread inherits it): 19 by default, so OCR has the cores only when the customers' turns leave them.
   */
  nice?: number;
  /**
   * How much the process may grow (RSS, MB) while one file is read before its worker is stopped:
   * maxHeapMb bounds only the JS heap, not the ArrayBuffers and WebAssembly memory where pdf.js
   * inflates streams (a 2 MB PDF inflated to 4 GB) and tesseract and libheif decode.
   */
  maxMemoryMb?: number;
}

/** How often the memory of a read in flight is looked at: a bomb grows ~200 MB/s, so little overshoot. */
const MEMORY_CHECK_MS = 50;

/** The reader's threads yield the cores to the customers' turns: the lowest priority. */
export const READER_NICE = 19;

/** How long a file may wait for a worker, and take in one, unless told otherwise. */
const DEFAULT_QUEUE_TIMEOUT_MS = 30_000;
const DEFAULT_TIMEOUT_MS = 20_000;
/** The longest a reading takes to settle with the default limits (ReaderPool.longestReadMs). */
export const DEFAULT_READ_LIMIT_MS = DEFAULT_QUEUE_TIMEOUT_MS + DEFAULT_TIMEOUT_MS;

interface Job {
  id: number;
  bytes: Uint8Array;
  resolve: (reading: Reading) => void;
  queued: number;
  queueTimer?: NodeJS.Timeout;
}

interface Slot {
  worker: Worker;
  job: Job | null;
  timer?: NodeJS.Timeout;
  memoryWatch?: NodeJS.Timeout;
}

/**
 * Reads proof files on worker threads, off the turn path: `read(file)` always settles — with the
 * Reading, or "skipped" when the queue is full (busy), the file waited or took too long (busy,
 * timeout), its worker died (crashed) or the pool is closing. A caller is never blocked longer than
 * queueTimeoutMs + timeoutMs, and the main thread never decodes or OCRs anything.
 */
export class ReaderPool {
  private readonly slots: Slot[] = [];
  private readonly queue: Job[] = [];
  private nextId = 1;
  private closed = false;
  /** workers stopped (timed out, died, too much memory) whose place is not free until they have */
  private stopping = 0;
  private readonly options: Required<Omit<ReaderPoolOptions, 'worker'>> & Pick<ReaderPoolOptions, 'worker'>;

  constructor(options: ReaderPoolOptions = {}) {
    this.options = {
      workers: options.workers ?? 1,
      queueLimit: options.queueLimit ?? 8,
      queueTimeoutMs: options.queueTimeoutMs ?? DEFAULT_QUEUE_TIMEOUT_MS,
      timeoutMs: options.timeoutMs ?? DEFAULT_TIMEOUT_MS,
      enhance: options.enhance ?? true,
      maxHeapMb: options.maxHeapMb ?? 512,
      nice: options.nice ?? READER_NICE,
      maxMemoryMb: options.maxMemoryMb ?? 1024,
      worker: options.worker,
    };
  }

  /** The longest a `read` takes to settle: its wait in the queue and its time in a worker. */
  get longestReadMs(): number {
    return this.options.queueTimeoutMs + this.options.timeoutMs;
  }

  /** Reads a file (a path or its bytes). Files over the upload limit are not even loaded. */
  async read(file: string | Uint8Array): Promise<Reading> {
    if (this.closed) return skipped('closed', 0);
    let bytes: Uint8Array;
    if (typeof file === 'string') {
      try {
        const size = (await stat(file)).size;
        if (size > MAX_UPLOAD_BYTES) return { status: 'unreadable', reason: 'too_big', ms: 0 };
        bytes = await readFile(file);
      } catch (error) {
        return { status: 'unreadable', reason: 'not_found', detail: String((error as Error).message).slice(0, 200), ms: 0 };
      }
    } else bytes = file;
    if (bytes.byteLength > MAX_UPLOAD_BYTES) return { status: 'unreadable', reason: 'too_big', ms: 0 };
    return new Promise<Reading>((resolve) => {
      const job: Job = { id: this.nextId++, bytes, resolve, queued: Date.now() };
      const slot = this.queue.length ? null : this.idleSlot();
      if (slot) return this.dispatch(slot, job);
      if (this.queue.length >= this.options.queueLimit) return resolve(skipped('busy', 0));
      job.queueTimer = setTimeout(() => {
        const at = this.queue.indexOf(job);
        if (at >= 0) this.queue.splice(at, 1);
        resolve(skipped('busy', Date.now() - job.queued));
      }, this.options.queueTimeoutMs);
      this.queue.push(job);
      this.pump();
    });
  }

  /** Starts queued files on free workers. */
  private pump(): void {
    while (this.queue.length && !this.closed) {
      const slot = this.idleSlot();
      if (!slot) return;
      this.dispatch(slot, this.queue.shift() as Job);
    }
  }

  /** Stops the workers; readings still queued or in flight settle as "skipped: closed". */
  async close(): Promise<void> {
    this.closed = true;
    for (const job of this.queue.splice(0)) {
      clearTimeout(job.queueTimer);
      job.resolve(skipped('closed', Date.now() - job.queued));
    }
    await Promise.all(
      this.slots.splice(0).map(async (slot) => {
        clearTimeout(slot.timer);
        clearInterval(slot.memoryWatch);
        slot.job?.resolve(skipped('closed', Date.now() - slot.job.queued));
        slot.job = null;
        await slot.worker.terminate();
      }),
    );
  }

  private idleSlot(): Slot | null {
    const idle = this.slots.find((s) => s.job === null);
    if (idle) return idle;
    if (this.slots.length + this.stopping < this.options.workers) {
      const slot = this.spawn();
      this.slots.push(slot);
      return slot;
    }
    return null;
  }

  private spawn(): Slot {
    const script = this.options.worker?.script ?? path.join(__dirname, 'readerWorker.js');
    const worker = new Worker(script, {
      workerData: { enhance: this.options.enhance, nice: this.options.nice, ...this.options.worker?.workerData },
      resourceLimits: { maxOldGenerationSizeMb: this.options.maxHeapMb },
      stdout: false,
      stderr: false,
    });
    const slot: Slot = { worker, job: null };
    worker.on('message', (message: { id: number; reading: Reading }) => {
      if (slot.job?.id !== message.id) return;
      this.finish(slot, message.reading);
    });
    worker.on('error', () => this.replace(slot, 'crashed'));
    worker.on('exit', () => this.replace(slot, 'crashed'));
    worker.unref();
    return slot;
  }

  private dispatch(slot: Slot, job: Job): void {
    clearTimeout(job.queueTimer);
    slot.job = job;
    slot.timer = setTimeout(() => this.replace(slot, 'timeout'), this.options.timeoutMs);
    this.watchMemory(slot);
    // a copy the worker owns: the caller's buffer (maybe a slice of Node's pool) stays intact
    const copy = new Uint8Array(job.bytes);
    slot.worker.postMessage({ id: job.id, bytes: copy }, [copy.buffer]);
  }

  /** The process's memory when the file was handed over, and the worker stopped if reading it grows past maxMemoryMb. */
  private watchMemory(slot: Slot): void {
    const limit = process.memoryUsage.rss() + this.options.maxMemoryMb * 1024 * 1024;
    slot.memoryWatch = setInterval(() => {
      if (process.memoryUsage.rss() > limit) this.replace(slot, 'memory');
    }, MEMORY_CHECK_MS);
    slot.memoryWatch.unref();
  }

  private finish(slot: Slot, reading: Reading): void {
    clearTimeout(slot.timer);
    clearInterval(slot.memoryWatch);
    const job = slot.job;
    slot.job = null;
    job?.resolve(reading);
    this.pump();
  }

  /** A worker that timed out or died is stopped and its place taken by a fresh one. */
  private replace(slot: Slot, reason: SkipReason): void {
    const at = this.slots.indexOf(slot);
    if (at < 0) return;
    clearTimeout(slot.timer);
    clearInterval(slot.memoryWatch);
    this.slots.splice(at, 1);
    const job = slot.job;
    slot.job = null;
    slot.worker.removeAllListeners('exit');
    slot.worker.on('error', () => {});
    job?.resolve(skipped(reason, Date.now() - job.queued));
    // its place is taken once it has stopped: until then its memory (a bomb's gigabytes) is still
    // the process's, and the next file's memory watch would start from there
    this.stopping++;
    void slot.worker
      .terminate()
      .catch(() => {})
      .then(() => {
        this.stopping--;
        this.pump();
      });
  }
}

function skipped(reason: SkipReason, ms: number): Reading {
  return { status: 'skipped', reason, ms };
}
