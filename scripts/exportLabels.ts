/**
 * `npm run export:labels [-- --out FILE]`: the agents' corrections of purchase dates as JSONL in
 * shared/eval/DATES.md's item format (src/domain/dateLabels.ts), to stdout or FILE — names, emails, phone
 * numbers and files left out. It reads the store the server uses: PostgreSQL with DATABASE_URL, else SQLite in DATA_DIR.
 */
import { writeFileSync } from 'node:fs';
import 'dotenv/config';
import { systemClock } from '../src/clock';
import { loadConfig } from '../src/config/config';
import { dateLabelOf, whenSaid } from '../src/domain/dateLabels';
import type { ClaimCorrections } from '../src/storage/claimCorrections';
import { openStorage } from '../src/storage/openStorage';
import type { TranscriptRepository } from '../src/storage/transcriptRepository';

/**
 * The JSONL text of every labelled correction, oldest first (empty when there is none). Each item's `now`
 * is when the customer sent the words, read from their conversation's transcript.
 */
export async function exportLabels(
  corrections: Pick<ClaimCorrections, 'dateLabels'>,
  transcript: Pick<TranscriptRepository, 'forConversation'>,
): Promise<string> {
  const lines: string[] = [];
  for (const { conversation, ...facts } of await corrections.dateLabels()) {
    const wordsSaidAt = whenSaid(await transcript.forConversation(conversation), facts.customerWords, facts.claimCreatedAt);
    const label = dateLabelOf({ ...facts, wordsSaidAt });
    if (label) lines.push(`${JSON.stringify(label)}\n`);
  }
  return lines.join('');
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
    const jsonl = await exportLabels(storage.corrections, storage.transcript);
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
