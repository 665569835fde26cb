/**
 * `npm run eval:dates`: one JSON line {id,text,now,tz} in, one prediction line out,
 * through the same domain function the dialogs use. Nothing else goes to stdout.
 */
import * as readline from 'node:readline';
import { loadPolicy } from '../src/config/loadPolicy';
import { readPurchaseDate } from '../src/domain/dates/readPurchaseDate';

async function main(): Promise<void> {
  const policy = loadPolicy(process.env.POLICY_FILE);
  const lines = readline.createInterface({ input: process.stdin, crlfDelay: Number.POSITIVE_INFINITY });
  for await (const line of lines) {
    if (!line.trim()) continue;
    let item: { id?: unknown; text?: unknown; now?: unknown; tz?: unknown };
    try {
      item = JSON.parse(line);
    } catch {
      process.stderr.write(`skipping a line that is not JSON: ${line.slice(0, 80)}\n`);
      continue;
    }
    const now = new Date(String(item.now));
    const result = readPurchaseDate(item.text, now, String(item.tz), { windowDays: policy.window.days });
    process.stdout.write(`${JSON.stringify({ id: item.id, ...result })}\n`);
  }
}

main().catch((error) => {
  process.stderr.write(`eval:dates failed: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
