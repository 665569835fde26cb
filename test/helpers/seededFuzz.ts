import fc from 'fast-check';

/** One seed for every property of a run: FUZZ_SEED replays a failure exactly (same inputs, same order). */
export const FUZZ_SEED = process.env.FUZZ_SEED ? Number(process.env.FUZZ_SEED) : 1_414_2026;
/** Multiplies every property's number of runs (FUZZ_RUNS=10 for a long local session). */
export const FUZZ_RUNS = process.env.FUZZ_RUNS ? Number(process.env.FUZZ_RUNS) : 1;

export const runsOf = (base: number) => Math.max(1, Math.round(base * FUZZ_RUNS));

/** Something an attack found: the kind decides the headline, the detail says what came back. */
export interface Finding {
  kind: 'crash' | 'server-error' | 'leak' | 'error-shape' | 'no-answer' | 'unfiltered' | 'served-file' | 'accepted-upgrade' | 'changed';
  detail: string;
}

/** Properties run and inputs tried in this file, for the suite's report. */
export const ledger: { name: string; runs: number }[] = [];

/**
 * Runs `attack` on `runs` generated inputs (seeded by FUZZ_SEED). A crash stops the property at
 * once (the server is gone); every other finding is collected, with the first input of each
 * kind, so one run reports all the holes it met. Throws a message that names the seed, the
 * failing inputs and the command that replays them.
 */
export async function fuzz<T>(name: string, arbitrary: fc.Arbitrary<T>, baseRuns: number, attack: (input: T) => Promise<Finding[]>) {
  const numRuns = runsOf(baseRuns);
  const found = new Map<Finding['kind'], { count: number; first: Finding; input: T; run: number }>();
  let run = 0;
  const details = await fc.check(
    fc.asyncProperty(arbitrary, async (input) => {
      run++;
      const findings = await attack(input);
      for (const finding of findings) {
        const seen = found.get(finding.kind);
        if (seen) seen.count++;
        else found.set(finding.kind, { count: 1, first: finding, input, run });
      }
      const crash = findings.find((f) => f.kind === 'crash');
      if (crash) throw new Error(crash.detail);
    }),
    { seed: FUZZ_SEED, numRuns, endOnFailure: true },
  );
  ledger.push({ name, runs: run });
  if (!details.failed && found.size === 0) return;
  const replay = `FUZZ_SEED=${FUZZ_SEED} npx jest test/adversarial -t ${JSON.stringify(name)}`;
  const parts = [`${name}: seed ${FUZZ_SEED}, ${run} of ${numRuns} runs.`];
  for (const [kind, { count, first, input, run: at }] of found) {
    parts.push(`- ${kind} × ${count}; first at run ${at}: ${first.detail}\n  input: ${clip(compact(fc.stringify(input)))}`);
  }
  if (details.failed) parts.push(clip(compact(fc.defaultReportMessage(details) ?? ''), 3000));
  parts.push(`replay: ${replay}`);
  throw new Error(parts.join('\n'));
}

/** Long repetitions (padding, generated bulk) written as ⟨unit×count⟩, so a counterexample stays readable. */
export const compact = (text: string) => text.replace(/(.{1,4}?)\1{19,}/gs, (run, unit: string) => `⟨${unit}×${run.length / unit.length}⟩`);

export const clip = (text: string, max = 600) => (text.length > max ? `${text.slice(0, max)}… (${text.length} chars)` : text);
