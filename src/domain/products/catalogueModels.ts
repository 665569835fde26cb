import type { Policy } from '../policy';

/** A model number found in an answer: as the catalogue spells it when known, with its family. */
export interface FoundModel {
  model: string;
  /** In the catalogue's known models (else only the policy's model-number pattern matched). */
  known: boolean;
  family?: string;
  /** Where the number stands in the text it was found in (the text after `joinSpacedModels`). */
  start: number;
  end: number;
}

type Catalogue = Policy['product']['catalogue'];

/** Upper case, letters and digits only: "qc-n8019b" and "QCN8019B" are one model. */
export const modelKey = (model: string): string => model.toUpperCase().replace(/[^A-Z0-9]/g, '');

const PATTERNS = new Map<string, RegExp>();
const patternOf = (source: string): RegExp => {
  let re = PATTERNS.get(source);
  if (!re) {
    re = new RegExp(source, 'gi');
    PATTERNS.set(source, re);
  }
  return re;
};

const SPACED = new Map<string, RegExp | null>();
/**
 * "QT 5682" is how some people type QT5682: a family's letters, a space, then digits become one
 * number, so the model-number pattern finds it. Only the catalogue's own prefixes are joined.
 * @example joinSpacedModels('my qt 5682 died', qseePolicy) // 'my qt5682 died'
 */
export function joinSpacedModels(text: string, policy: Pick<Policy, 'product'>): string {
  const prefixes = policy.product.catalogue.families.map((f) => f.prefix);
  const key = prefixes.join('|');
  let re = SPACED.get(key);
  if (re === undefined) {
    re = prefixes.length
      ? new RegExp(`\\b(${[...prefixes].sort((a, b) => b.length - a.length).join('|')})\\s+(\\d{3,5}[a-z0-9]*)\\b`, 'gi')
      : null;
    SPACED.set(key, re);
  }
  return re ? text.replace(re, '$1$2') : text;
}

/** "not the QT426, the QT5682": a number right after "not" is the one it isn't. */
const NEGATED_BEFORE = /\b(?:not|isn'?t|wasn'?t|instead of|rather than)\s+(?:(?:the|a|an|my|that)\s+)?(?:model\s+)?$/i;

/**
 * The model numbers of an answer, in order, except the ones it says it is not.
 * @example findModels('not the QT426, my QT5682', qseePolicy) // [{ model: 'QT5682', known: true, family: 'QT', … }]
 */
export function findModels(text: string, policy: Pick<Policy, 'product'>): FoundModel[] {
  const pattern = patternOf(policy.product.modelNumber.pattern);
  const found: FoundModel[] = [];
  pattern.lastIndex = 0;
  for (let m = pattern.exec(text); m; m = pattern.exec(text)) {
    if (m[0].length === 0) {
      pattern.lastIndex++;
      continue;
    }
    const written = (m[1] ?? m[0]).toUpperCase();
    const start = m.index + m[0].indexOf(m[1] ?? m[0]);
    if (NEGATED_BEFORE.test(text.slice(Math.max(0, start - 30), start))) continue;
    found.push({ ...lookUpModel(written, policy.product.catalogue), start, end: start + written.length });
  }
  return found;
}

/**
 * The catalogue's entry for a model number; a variant suffix ("QT5682-8") still finds its model.
 * An unknown number gets the family whose prefix it starts with (longest prefix first).
 */
export function lookUpModel(written: string, catalogue: Catalogue): Omit<FoundModel, 'start' | 'end'> {
  const key = modelKey(written);
  const base = modelKey(written.replace(/-\d{1,2}[A-Z]?$/i, ''));
  const entry = catalogue.models.find((m) => modelKey(m.model) === key) ?? catalogue.models.find((m) => modelKey(m.model) === base);
  if (entry) return { model: modelKey(entry.model) === key ? entry.model : written, known: true, family: entry.family };
  const family = [...catalogue.families].sort((a, b) => b.prefix.length - a.prefix.length).find((f) => key.startsWith(f.prefix));
  return { model: written, known: false, family: family?.code };
}
