import type { Policy } from './policy';

const MODEL_NUMBERS = new Map<string, RegExp>();

/**
 * A model number in free text, found by the policy's pattern (compiled once per pattern).
 * @example findModelNumber('my qt5682 died', qseePolicy) // 'QT5682' ("QC-N8019B", "QTN8086B" too)
 */
export function findModelNumber(text: string, policy: Pick<Policy, 'product'>): string | null {
  const source = policy.product.modelNumber.pattern;
  let pattern = MODEL_NUMBERS.get(source);
  if (!pattern) {
    pattern = new RegExp(source, 'i');
    MODEL_NUMBERS.set(source, pattern);
  }
  const m = pattern.exec(text);
  return m ? (m[1] ?? m[0]).toUpperCase() : null;
}
