import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { type Policy, PolicyError, parsePolicy } from '../domain/policy';

/** The Q-See policy shipped with the product; POLICY_FILE points at another brand's. */
export const DEFAULT_POLICY_FILE = path.resolve(__dirname, '..', '..', '..', 'policies', 'qsee.json');

/** Reads and validates a policy file (JSON). Fails with a message naming the file and the field. */
export function loadPolicy(file: string | undefined = undefined): Policy {
  const resolved = path.resolve(file || resolveDefault());
  let data: unknown;
  try {
    data = JSON.parse(readFileSync(resolved, 'utf8'));
  } catch (error) {
    throw new PolicyError(`cannot read policy ${resolved}: ${(error as Error).message}`);
  }
  return parsePolicy(data, resolved);
}

function resolveDefault(): string {
  // Compiled code lives in dist/src/config, sources in src/config: find the repo's policies/.
  for (const up of [
    ['..', '..', '..'],
    ['..', '..'],
  ]) {
    const candidate = path.resolve(__dirname, ...up, 'policies', 'qsee.json');
    try {
      readFileSync(candidate);
      return candidate;
    } catch {
      // try the next layout
    }
  }
  return DEFAULT_POLICY_FILE;
}
