/**
 * `npm run export:labels [-- --out FILE]`: the agents' corrections of purchase dates as JSONL in
 * shared/eval/DATES.md's item format (src/domain/dateLabels.ts), to stdout or FILE — names, emails, phone
 * numbers and files left out. It reads the store the server uses: PostgreSQL with DATABASE_URL, else SQLite in DATA_DIR.
 */
import { writeFileSync } from 'node:fs';
import 'dotenv/config';
import { systemClock } from '../src/clock';
import { loadConfig } from '../src/config/config';
import { dateLabelOf } from '../src/domain/dateLabels';
import type { ClaimCorrections } from '../src/storage/claimCorrections';
import { openStorage } from '../src/storage/openStorage';

/** The JSONL text of every labelled correction, oldest first (empty when there is none). */
export async function exportLabels(corrections: Pick<ClaimCorrections, 'dateLabels'>): Promise<string> {
  const labels = (await corrections.dateLabels()).map(dateLabelOf).filter((l) => l !== null);
  return labels.map((l) => `${JSON.stringify(l)}\n`).join('');
}

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  const outAt = args.indexOf('--out');
  const out = outAt >= 0 ? args[outAt + 1] : undefined;
  if (outAt >= 0 && !out) throw new Error('usage: npm run export:labels [-- --out FILE]');
  const storage = await openStorage(loadConfig(), {
    clock: systemClock,
    onBackgroundError: (error) => process.stderr.write(`export:labels: ${String(error)}\n`),
  });
  try {
    const jsonl = await exportLabels(storage.corrections);
    if (out) writeFileSync(out, jsonl);
    else process.stdout.write(jsonl);
    process.stderr.write(`export:labels: ${jsonl ? jsonl.split('\n').length - 1 : 0} labels${out ? ` written to ${out}` : ''}\n`);
  } finally {
    await storage.close();
  }
}

if (require.main === module)
  main().catch((error) => {
    process.stderr.write(`export:labels failed: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(1);
  });
