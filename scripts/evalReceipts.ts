/**
 * `npm run eval:receipts`: JSONL {id, file} on stdin (file: a path), one line
 * {id, purchaseDate, seller, models} per input on stdout (shared/eval/RECEIPTS.md), read by the
 * same ReaderPool the product uses. Timings and a summary go to stderr.
 * RECEIPTS_ENHANCE=0 turns image normalisation off (to measure it); RECEIPTS_TEXT_DIR=dir writes
 * each file's read (redacted) text there, for looking at what failed.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import * as readline from 'node:readline';
import { ReaderPool } from '../src/receipts/readerPool';
import type { Reading } from '../src/receipts/reading';

function prediction(id: unknown, reading: Reading) {
  if (reading.status !== 'read') return { id, purchaseDate: null, seller: null, models: [] };
  const { facts } = reading;
  return {
    id,
    purchaseDate: facts.purchaseDate?.date ?? null,
    seller: facts.seller?.seller ?? null,
    models: facts.models.map((m) => m.model),
  };
}

function percentile(sorted: number[], p: number): number {
  return sorted.length === 0 ? 0 : sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

async function main(): Promise<void> {
  const textDir = process.env.RECEIPTS_TEXT_DIR;
  if (textDir) mkdirSync(textDir, { recursive: true });
  const pool = new ReaderPool({
    workers: 1,
    queueLimit: 1,
    timeoutMs: 60_000,
    queueTimeoutMs: 120_000,
    enhance: process.env.RECEIPTS_ENHANCE !== '0',
  });
  const times: Record<string, number[]> = {};
  const lines = readline.createInterface({ input: process.stdin, crlfDelay: Number.POSITIVE_INFINITY });
  try {
    for await (const line of lines) {
      if (!line.trim()) continue;
      let item: { id?: unknown; file?: unknown };
      try {
        item = JSON.parse(line);
      } catch {
        process.stderr.write(`skipping a line that is not JSON: ${line.slice(0, 80)}\n`);
        continue;
      }
      let reading: Reading;
      const started = Date.now();
      try {
        reading = await pool.read(String(item.file));
      } catch (error) {
        process.stderr.write(`${String(item.id)}: ${error instanceof Error ? error.message : String(error)}\n`);
        reading = { status: 'unreadable', reason: 'corrupt', ms: 0 };
      }
      const kind = path.extname(String(item.file)).slice(1).toLowerCase() || 'other';
      times[kind] = [...(times[kind] ?? []), Date.now() - started];
      if (textDir && reading.status === 'read') writeFileSync(path.join(textDir, `${String(item.id)}.txt`), reading.text);
      if (reading.status !== 'read') process.stderr.write(`${String(item.id)}: ${reading.status} (${reading.reason})\n`);
      process.stdout.write(`${JSON.stringify(prediction(item.id, reading))}\n`);
    }
  } finally {
    await pool.close();
  }
  for (const [kind, ms] of Object.entries(times)) {
    const sorted = [...ms].sort((a, b) => a - b);
    process.stderr.write(
      `time per receipt (${kind}, n=${sorted.length}): median ${percentile(sorted, 50)} ms, p95 ${percentile(sorted, 95)} ms\n`,
    );
  }
}

main().catch((error) => {
  process.stderr.write(`eval:receipts failed: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
