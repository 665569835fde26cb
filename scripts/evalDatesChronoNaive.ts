/**
 * The baseline for `npm run eval:dates`: chrono-node used naively, as DATES.md describes it
 * (parse with the offset of the customer's zone, take the last result, no window logic beyond
 * "30 days"). `npm run eval:dates:chrono`, same JSONL in and out.
 */
import * as readline from 'node:readline';
import { TZDate } from '@date-fns/tz';
import * as chrono from 'chrono-node';

const localDay = (date: Date, tz: string) => {
  const t = new TZDate(date.getTime(), tz);
  return `${t.getFullYear()}-${String(t.getMonth() + 1).padStart(2, '0')}-${String(t.getDate()).padStart(2, '0')}`;
};
const daysBetween = (a: string, b: string) => Math.round((Date.parse(b) - Date.parse(a)) / 86_400_000);

async function main(): Promise<void> {
  for await (const line of readline.createInterface({ input: process.stdin })) {
    if (!line.trim()) continue;
    const { id, text, now, tz } = JSON.parse(line) as { id: string; text: string; now: string; tz: string };
    const instant = new Date(now);
    const today = localDay(instant, tz);
    const decide = (d: string) => (d > today ? 'future' : daysBetween(d, today) <= 30 ? 'within' : 'outside');
    const result = chrono
      .parse(text, { instant, timezone: -new TZDate(instant.getTime(), tz).getTimezoneOffset() }, { forwardDate: false })
      .at(-1);
    let prediction: Record<string, string>;
    if (!result) prediction = { kind: 'none', decision: 'ask' };
    else if (result.end) {
      const [earliest, latest] = [localDay(result.start.date(), tz), localDay(result.end.date(), tz)];
      const [a, b] = [decide(earliest), decide(latest)];
      prediction = { kind: 'range', earliest, latest, decision: a === b && a !== 'future' ? a : 'ask' };
    } else {
      const date = localDay(result.start.date(), tz);
      prediction = decide(date) === 'future' ? { kind: 'future', decision: 'ask' } : { kind: 'date', date, decision: decide(date) };
    }
    process.stdout.write(`${JSON.stringify({ id, ...prediction })}\n`);
  }
}

void main();
