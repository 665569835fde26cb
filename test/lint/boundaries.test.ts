import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';

// Plants each kind of violation in a small tree and runs the architecture check (`npm run lint` runs it on
// the real tree) with our own rules: each must fail for its own rule, and the same tree without them passes.
const REPO = path.resolve(__dirname, '..', '..');
const DEPCRUISE = path.join(REPO, 'node_modules', '.bin', 'depcruise');

const LEGAL: Record<string, string> = {
  'src/domain/claim.ts': "import { z } from 'zod';\nexport const claim = z.string();\n",
  'src/domain/dates/reading.ts': "import { claim } from '../claim';\nexport const reading = claim;\n",
  'src/bot/warrantyBot.ts': "import { ask } from '../../dialogs/questionDialog';\nexport const bot = ask;\n",
  'dialogs/questionDialog.ts': "import { reading } from '../src/domain/dates/reading';\nexport const ask = reading;\n",
  'src/storage/claimRepository.ts': "import Database from 'better-sqlite3';\nexport const db = Database;\n",
  'src/server/routes.ts': "import { db } from '../storage/claimRepository';\nexport const routes = db;\n",
};

const PLANTED: Array<{ rule: string; file: string; source: string }> = [
  { rule: 'domain-is-pure', file: 'src/domain/badDomain.ts', source: "import { bot } from '../bot/warrantyBot';\nexport const x = bot;\n" },
  { rule: 'domain-is-pure', file: 'src/domain/dates/usesRestify.ts', source: "import 'restify';\nexport const y = 1;\n" },
  {
    rule: 'dialogs-know-no-turn-handling',
    file: 'dialogs/badDialog.ts',
    source: "import { routes } from '../src/server/routes';\nexport const z = routes;\n",
  },
  {
    rule: 'dialogs-know-no-turn-handling',
    file: 'dialogs/readsStorage.ts',
    source: "import { db } from '../src/storage/claimRepository';\nexport const w = db;\n",
  },
  {
    rule: 'channels-and-routes-know-no-dialogs',
    file: 'src/server/badRoute.ts',
    source: "import { ask } from '../../dialogs/questionDialog';\nexport const v = ask;\n",
  },
  {
    rule: 'sql-only-in-storage',
    file: 'src/agents/badAccounts.ts',
    source: "import Database from 'better-sqlite3';\nexport const u = Database;\n",
  },
  {
    rule: 'patches-only-in-runtime',
    file: 'src/bot/badPatch.ts',
    source: "import { addHook } from 'pirates';\nexport const t = addHook;\n",
  },
  {
    rule: 'patches-only-in-runtime',
    file: 'src/channels/deepImport.ts',
    source: "import { USER_AGENT } from 'botframework-connector/lib/auth/connectorFactoryImpl';\nexport const s = USER_AGENT;\n",
  },
  { rule: 'no-circular', file: 'src/domain/cycleA.ts', source: "import { b } from './cycleB';\nexport const a = () => b;\n" },
];
/** The other half of the planted cycle (a cycle is reported once, from its first file). */
const CYCLE_PARTNER = { 'src/domain/cycleB.ts': "import { a } from './cycleA';\nexport const b = () => a;\n" };

/** `error <rule>: <from> → <to>`, as `npm run lint` prints it. */
const VIOLATION = /^\s*error (\S+): (\S+) →/gm;

function tree(files: Record<string, string>): string {
  const root = mkdtempSync(path.join(tmpdir(), 'boundaries-'));
  for (const [file, source] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(root, file)), { recursive: true });
    writeFileSync(path.join(root, file), source);
  }
  writeFileSync(path.join(root, 'tsconfig.json'), JSON.stringify({ compilerOptions: { module: 'commonjs', esModuleInterop: true } }));
  symlinkSync(path.join(REPO, 'node_modules'), path.join(root, 'node_modules'), 'dir');
  // our rules, resolving through the linked node_modules as if it were the tree's own
  writeFileSync(
    path.join(root, 'rules.cjs'),
    `const rules = require(${JSON.stringify(path.join(REPO, '.dependency-cruiser.cjs'))});\n` +
      'module.exports = { ...rules, options: { ...rules.options, preserveSymlinks: true } };\n',
  );
  return root;
}

/** The violations the check reports for a tree, and whether it failed. */
function check(root: string): { failed: boolean; violations: string[] } {
  const args = ['--config', 'rules.cjs', 'src', 'dialogs'];
  const read = (output: string) => [...output.matchAll(VIOLATION)].map((m) => `${m[1]} ${m[2]}`);
  try {
    return { failed: false, violations: read(execFileSync(DEPCRUISE, args, { cwd: root, encoding: 'utf8' })) };
  } catch (error) {
    return { failed: true, violations: read((error as { stdout: string }).stdout) };
  }
}

describe('architecture boundaries (npm run lint)', () => {
  const roots: string[] = [];
  afterAll(() => {
    for (const root of roots) rmSync(root, { recursive: true, force: true });
  });

  it('passes a tree that keeps to them', () => {
    const root = tree(LEGAL);
    roots.push(root);
    expect(check(root)).toEqual({ failed: false, violations: [] });
  });

  it('fails each planted violation for its own rule', () => {
    const planted = Object.fromEntries(PLANTED.map((p) => [p.file, p.source]));
    const root = tree({ ...LEGAL, ...planted, ...CYCLE_PARTNER });
    roots.push(root);
    const result = check(root);
    expect(result.failed).toBe(true);
    for (const { rule, file } of PLANTED) expect(result.violations).toContain(`${rule} ${file}`);
    // nothing legal is reported
    expect(result.violations.filter((v) => v.split(' ')[1] in LEGAL)).toEqual([]);
  });
});
