import type { Policy } from '../policy';
import type { FoundModel } from './catalogueModels';

/** A stretch of an answer that names a product: "QC908 8-channel DVR", "outdoor dome camera". */
export interface ProductPhrase {
  /** The customer's words, as written (a model number in it as the catalogue spells it). */
  text: string;
  /** The kinds it names, first first ("camera", "kit"). */
  kinds: string[];
  /** The kind the phrase is about: its last specific kind, else its last ("4 camera security system": kit). */
  head: string;
  /** It says more than a bare kind: a qualifier ("8-channel DVR", "the wifi camera") or two kinds. */
  qualified: boolean;
  hasModel: boolean;
  start: number;
}

type Role = { role: 'model'; model: string } | { role: 'kind'; code: string; specific: boolean } | { role: 'qualifier' };
interface Token {
  start: number;
  end: number;
  lower: string;
}
interface Marked extends Token {
  role?: Role;
}

const TOKEN = /[\p{L}\p{N}]+(?:['’./-][\p{L}\p{N}]+)*/gu;
/** Numbers that say what a device is: 8-channel, 4k, 1080p, 5mp, 2tb, 8ch. */
const NUMERIC_QUALIFIER =
  /^(?:\d+(?:\.\d+)?(?:k|p|mp|tb|gb|mm|ch|-ch|-chan|-channels?|-cam(?:era)?|-port)|(?:four|eight|sixteen|thirty-two|4|8|16|32)-channels?)$/;
const NUMBER = /^(?:\d{1,3}|two|three|four|five|six|eight|nine|ten|twelve|sixteen|thirty-two)$/;
const NUMBER_UNIT = /^(?:channels?|ch|chan|mp|megapixels?|tb|terabytes?|k|port)$/;
/** Between two product words, punctuation other than a hyphen or slash ends the phrase. */
const BREAK = /[,.;:!?()[\]"]|\b(?:and|but|or|with)\b/i;

const tokensOf = (text: string): Token[] =>
  [...text.matchAll(TOKEN)].map((m) => ({ start: m.index, end: m.index + m[0].length, lower: m[0].toLowerCase().replace(/’/g, "'") }));

/** The longest of the phrases that starts at token i, as a number of tokens (0: none). */
function phraseAt(tokens: Token[], i: number, phrases: string[][]): number {
  let best = 0;
  for (const words of phrases) {
    if (words.length <= best || i + words.length > tokens.length) continue;
    if (words.every((w, k) => tokens[i + k].lower === w)) best = words.length;
  }
  return best;
}

const split = (phrases: readonly string[]) => phrases.map((p) => p.split(/\s+/));

/**
 * The stretches of an answer that name a product, from the catalogue's words: model numbers,
 * kinds ("DVR", "dome camera") and the qualifiers that say which one ("outdoor", "wifi",
 * "8-channel"). Punctuation and "and"/"but" end a stretch, so "my camera, model QT5682" is two.
 * @example productPhrases('it's the QTN8086B camera system', models, policy) // [{ text: 'QTN8086B camera system', … }]
 */
export function productPhrases(text: string, models: FoundModel[], policy: Pick<Policy, 'product'>): ProductPhrase[] {
  const { kinds, qualifiers } = policy.product.catalogue;
  const kindWords = kinds.map((k) => ({ kind: k, words: split(k.words) }));
  const qualifierWords = split(qualifiers);
  const tokens: Marked[] = tokensOf(text);
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i];
    const model = models.find((m) => m.start < t.end && m.end > t.start);
    if (model) {
      t.role = { role: 'model', model: model.model };
      continue;
    }
    let best = 0;
    let role: Role | undefined;
    for (const { kind, words } of kindWords) {
      const n = phraseAt(tokens, i, words);
      if (n > best) {
        best = n;
        role = { role: 'kind', code: kind.code, specific: kind.specific };
      }
    }
    const q = phraseAt(tokens, i, qualifierWords);
    if (q > best) {
      best = q;
      role = { role: 'qualifier' };
    }
    if (!role && NUMERIC_QUALIFIER.test(t.lower)) [best, role] = [1, { role: 'qualifier' }];
    if (!role && NUMBER.test(t.lower) && NUMBER_UNIT.test(tokens[i + 1]?.lower ?? '')) [best, role] = [2, { role: 'qualifier' }];
    for (let k = 0; k < best; k++) tokens[i + k].role = role;
    i += Math.max(best - 1, 0);
  }
  return phrasesOf(text, tokens);
}

/** Groups neighbouring product words into phrases and keeps the ones that name a product. */
function phrasesOf(text: string, tokens: Marked[]): ProductPhrase[] {
  const phrases: ProductPhrase[] = [];
  let group: Marked[] = [];
  const flush = () => {
    const roles = group.map((t) => t.role as Role);
    const kindsIn = roles.flatMap((r) => (r.role === 'kind' ? [r] : []));
    const hasModel = roles.some((r) => r.role === 'model');
    if (hasModel || kindsIn.length) {
      const start = group[0].start;
      let written = '';
      let at = start;
      for (const t of group) {
        const role = t.role as Role;
        written += text.slice(at, t.start) + (role.role === 'model' ? role.model : text.slice(t.start, t.end));
        at = t.end;
      }
      const qualified = roles.some((r) => r.role === 'qualifier');
      const specificKinds = kindsIn.filter((k) => k.specific);
      const kinds = [...new Set(kindsIn.map((k) => k.code))];
      phrases.push({
        text: written,
        kinds,
        head: (specificKinds.at(-1) ?? kindsIn.at(-1))?.code ?? '',
        qualified: (qualified && kinds.length > 0) || kinds.length > 1,
        hasModel,
        start,
      });
    }
    group = [];
  };
  for (const t of tokens) {
    const previous = group.at(-1);
    if (!t.role || (previous && BREAK.test(text.slice(previous.end, t.start)))) flush();
    if (t.role) group.push(t);
  }
  flush();
  return phrases;
}
