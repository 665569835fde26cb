/**
 * `npm run bench` (part 1): how long it takes to read one purchase-date answer, on a
 * mix of phrasings, against chrono-node's plain parse of the same texts as a baseline
 * measured in the same run (machines are noisy; the ratio is what to compare).
 */
import { writeFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import * as chrono from 'chrono-node';
import { readPurchaseDate } from '../src/domain/dates/readPurchaseDate';

const TEXTS = [
  'I bought it on February 20th',
  '3 days ago',
  'about a month ago',
  'last Friday',
  '05/06/2026, at Best Buy',
  'Order #418524, bought it on 29/8',
  'the 5th, no wait, the 7th',
  'It arrived 27 July. Bought it 22nd of July online.',
  'Purchased 8 dyas ag0',
  'honestly no clue',
  'Hi there! So my husband and I picked up the 7-camera kit at Costco on 5th of February 2027, and it worked great until this week when channel 2 stopped showing video. Can you help?',
  'Hace un mes',
];
const NOW = new Date('2026-03-02T17:30:00Z');

function measure(
  label: string,
  fn: (text: string) => unknown,
  rounds: number,
): { label: string; p50: number; p99: number; meanUs: number } {
  for (let i = 0; i < 200; i++) fn(TEXTS[i % TEXTS.length]);
  const samples: number[] = [];
  for (let i = 0; i < rounds; i++) {
    const text = TEXTS[i % TEXTS.length];
    const t0 = performance.now();
    fn(text);
    samples.push((performance.now() - t0) * 1000);
  }
  samples.sort((a, b) => a - b);
  const q = (p: number) => samples[Math.min(samples.length - 1, Math.floor(p * samples.length))];
  return { label, p50: q(0.5), p99: q(0.99), meanUs: samples.reduce((a, b) => a + b, 0) / samples.length };
}

const rounds = Number(process.env.BENCH_ROUNDS ?? 6000);
const ours = measure('readPurchaseDate', (t) => readPurchaseDate(t, NOW, 'America/New_York', { windowDays: 30 }), rounds);
const baseline = measure('chrono.parse (baseline)', (t) => chrono.parse(t, NOW, { forwardDate: false }), rounds);
const fmt = (us: number) => `${us.toFixed(1)} µs`;
console.log('purchase-date reading, per answer');
for (const r of [baseline, ours]) console.log(`  ${r.label.padEnd(26)} p50 ${fmt(r.p50).padStart(10)}  p99 ${fmt(r.p99).padStart(10)}`);
console.log(`  ratio to chrono: p50 ×${(ours.p50 / baseline.p50).toFixed(2)}, p99 ×${(ours.p99 / baseline.p99).toFixed(2)}`);
writeFileSync(process.env.BENCH_OUT ?? 'bench-dates.json', JSON.stringify({ rounds, ours, baseline }, null, 2));
