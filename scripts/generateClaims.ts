/**
 * `npm run generate:claims -- <N> [from YYYY-MM-DD] [to YYYY-MM-DD]`: fills the store the server uses
 * (PostgreSQL with DATABASE_URL, SQLite in DATA_DIR) with N generated claims over the period (the last
 * 365 days by default), for measuring the dashboard at scale. Never on a store with real customers.
 */
import 'dotenv/config';
import { systemClock } from '../src/clock';
import { loadConfig } from '../src/config/config';
import { openStorage } from '../src/storage/openStorage';
import { fillStore, realisticClaims } from './claimGenerator';

async function main(): Promise<void> {
  const [count, from, to] = process.argv.slice(2);
  const n = Number(count);
  if (!Number.isInteger(n) || n < 1) throw new Error('usage: npm run generate:claims -- <N> [from YYYY-MM-DD] [to YYYY-MM-DD]');
  const end = to ? Date.parse(`${to}T00:00:00Z`) + 86_400_000 : Date.now();
  const start = from ? Date.parse(`${from}T00:00:00Z`) : end - 365 * 86_400_000;
  const storage = await openStorage(loadConfig(), {
    clock: systemClock,
    onBackgroundError: (error) => process.stderr.write(`generate:claims: ${String(error)}\n`),
  });
  // SEED: another seed gives other claim ids, to add to a store filled before
  const seed = Number(process.env.SEED ?? 21);
  const began = Date.now();
  try {
    const stored = await fillStore(storage, realisticClaims(n, new Date(start).toISOString(), new Date(end).toISOString(), seed));
    console.log(`${stored} claims stored in ${((Date.now() - began) / 1000).toFixed(1)} s`);
  } finally {
    await storage.close();
  }
}

main().catch((error) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
