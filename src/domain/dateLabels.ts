import { isoDay, localToday, parseIsoDay } from './calendar';
import { decideWindow } from './warrantyWindow';

/** shared/eval/DATES.md: the evaluation sets count a 30-day warranty, whatever this deployment's policy says. */
const EVAL_WINDOW_DAYS = 30;

/** What an agent's purchase-date correction gives the evaluation set (DATES.md's item schema). */
export interface DateLabel {
  id: string;
  category: 'agent_correction';
  text: string;
  now: string;
  tz: string;
  gold: { kind: 'date'; date: string } | { kind: 'future' };
  decision: 'within' | 'outside' | 'ask';
}

/** A purchase-date correction an agent made, with what its claim says of the words' context. */
export interface DateCorrectionFacts {
  id: number;
  customerWords: string;
  correctedDate: string;
  /** when the claim began (the day the assistant read the words against) and in which timezone */
  claimCreatedAt: string;
  timeZone: string;
  /** the customer's name when known, so the export can leave it out of the words */
  customerName: string | null;
  /** when the customer sent the words (their message's time); null when not found: the claim's start */
  wordsSaidAt: string | null;
}

const EMAIL = /[^\s@<>()"',;]+@[^\s@<>()"',;]+\.\p{L}{2,}/giu;
/** an address spelled out so that filters miss it: "jo at example dot com" */
const SPELLED_EMAIL = /[^\s@<>()"',;]+\s*(?:\bat\b|\(at\)|\[at\])\s*[^\s@<>()"',;]+\s*(?:\bdot\b|\(dot\)|\[dot\])\s*\p{L}{2,}\b/giu;
/** a handle: "@jolee" */
const HANDLE = /(?<![\p{L}\p{N}._-])@[\p{L}\p{N}._-]{2,}/gu;
/** a phone number: 9 or more digits with the usual separators (prices and 8-digit receipt numbers are left), or a local 555-0100 */
const PHONE = /\+?\(?\d(?:[\s().-]*\d){8,}|(?<!\d|\d[.,/-])\d{3}[-. ]\d{4}(?!\d|[.,/-]\d)/g;
/** dates and times, set aside before phone numbers are looked for: "2026-02-03 10:30" is no phone number */
const DATE_OR_TIME = /\b(?:\d{4}[-/.]\d{1,2}[-/.]\d{1,2}|\d{1,2}[-/.]\d{1,2}[-/.]\d{2,4}|\d{1,2}:\d{2})\b/g;
const FILE_NAME = /[^\s"'<>]+\.(?:pdf|jpe?g|png|gif|heic|heif|webp|tiff?|bmp|txt|rtf|docx?|xlsx?|csv|zip)(?![\p{L}\p{N}])/giu;
/** what no scrubbed words may still hold: an @, or seven digits in a row — such an item is not exported */
const STILL_PERSONAL = /@|\d{7,}/;
/** words of the calendar: a name that is also one ("May", "June") is left where it may be the date */
const CALENDAR_WORDS = new Set(
  'january february march april may june july august september october november december jan feb mar apr jun jul aug sep sept oct nov dec monday tuesday wednesday thursday friday saturday sunday today yesterday tomorrow'.split(
    ' ',
  ),
);
/** a name as people introduce themselves or sign off: capitalised words after "I'm", "this is", "my name is", "thanks," */
const NAME_WORD = "\\p{Lu}[\\p{L}'’-]+(?![\\p{L}\\p{N}])";
/** `phrase` in any case, letter by letter (the name after it must stay capitalised: no `i` flag) */
const anyCase = (phrase: string) => phrase.replace(/\p{L}/gu, (c) => `[${c.toLowerCase()}${c.toUpperCase()}]`);
const NAME = `(${NAME_WORD}(?:\\s+${NAME_WORD}){0,2})`;
const INTRODUCED = new RegExp(
  `(?<![\\p{L}])(?:${['my name is', "my name's", "name's", 'this is', 'i am', "i'm", 'i’m', "it's", 'it’s'].map(anyCase).join('|')})\\s+${NAME}`,
  'gu',
);
const SIGNED = new RegExp(
  `(?<![\\p{L}])(?:${['thanks', 'thank you', 'regards', 'cheers', 'best', 'sincerely'].map(anyCase).join('|')})[,!.]?\\s+${NAME}\\s*[.!]*\\s*$`,
  'u',
);
const unaccented = (s: string) => s.normalize('NFD').replace(/\p{M}/gu, '');
const escapeRegExp = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** The words a customer gave as their name in `text` (an introduction, a sign-off), calendar words aside. */
function namesIn(text: string): string[] {
  const found = [...text.matchAll(INTRODUCED)].map((m) => m[1]);
  const signed = SIGNED.exec(text);
  if (signed) found.push(signed[1]);
  // "this is May Lee … in May": Lee is scrubbed everywhere, May only where she gave it as her name
  return found.flatMap((name) => name.split(/\s+/)).filter((w) => !CALENDAR_WORDS.has(w.toLowerCase()));
}

/**
 * `text` with the name in each introduction and sign-off replaced where it stands, word by word — a lone
 * calendar word ("it's Monday") is no name, one beside a surname ("this is May Lee") is.
 */
const scrubIntroductions = (text: string) =>
  [INTRODUCED, SIGNED].reduce(
    (t, pattern) =>
      t.replace(pattern, (whole, name: string) =>
        !/\s/.test(name) && CALENDAR_WORDS.has(name.toLowerCase()) ? whole : whole.replace(name, name.replace(/\S+/g, '[name]')),
      ),
    text,
  );

/**
 * The customer's words without what says who they are: email addresses, phone numbers, file names and
 * their name — the claim's when it knows one, and any they introduce themselves or sign off with.
 * Dates and times are never taken for phone numbers, nor calendar words for names: the words must
 * still say the date the label's gold refers to.
 * @example scrubWords('Jo Lee here, jo@x.com, bought it 3 days ago', 'Jo Lee') // '[name] [name] here, [email], bought it 3 days ago'
 */
export function scrubWords(words: string, customerName: string | null): string {
  const kept: string[] = [];
  let text = words
    .normalize('NFC')
    .replace(EMAIL, '[email]')
    .replace(SPELLED_EMAIL, '[email]')
    .replace(HANDLE, '[handle]')
    .replace(FILE_NAME, '[file]')
    .replace(DATE_OR_TIME, (d) => `\uE000${kept.push(d) - 1}\uE000`)
    .replace(PHONE, '[phone]')
    .replace(/\uE000(\d+)\uE000/g, (_, i: string) => kept[Number(i)]);
  const nameWords = [...(customerName ?? '').split(/\s+/), ...namesIn(text)].filter(
    (w) => w.length >= 2 && !CALENDAR_WORDS.has(w.toLowerCase()),
  );
  text = scrubIntroductions(text);
  // accents aside: "Jose" on the claim is "José" in the words (matched on the decomposed text)
  text = text.normalize('NFD');
  for (const part of new Set(nameWords)) {
    const letters = [...unaccented(part)].map((c) => `${escapeRegExp(c)}\\p{M}*`).join('');
    text = text.replace(new RegExp(`(?<![\\p{L}\\p{N}])${letters}(?![\\p{L}\\p{N}])`, 'giu'), '[name]');
  }
  return text.normalize('NFC');
}

/**
 * When the customer sent `words`: the time of their last message at or after the claim began that
 * holds them (spaces and case aside), or null when none does (the words were read from elsewhere).
 */
export function whenSaid(
  entries: readonly { from: string; text: string | null; timestamp: string }[],
  words: string,
  claimCreatedAt: string,
): string | null {
  const flat = (t: string) => t.toLowerCase().replace(/\s+/g, ' ').trim();
  const wanted = flat(words);
  const began = Date.parse(claimCreatedAt);
  const said = entries.filter(
    (e) => e.from === 'customer' && e.text && flat(e.text).includes(wanted) && !(Date.parse(e.timestamp) < began),
  );
  return said.at(-1)?.timestamp ?? null;
}

/**
 * One evaluation item from an agent's correction: the customer's words (scrubbed), when and where they
 * were said (their message's time, else the claim's start, in the customer's timezone: DATES.md's
 * `now` is the instant the message was sent), the corrected date as gold, and DATES.md's decision for it.
 */
export function dateLabelOf(facts: DateCorrectionFacts): DateLabel | null {
  const day = parseIsoDay(facts.correctedDate);
  const text = scrubWords(facts.customerWords, facts.customerName).trim();
  // what the patterns missed is left out, not exported: a label is not worth a customer's address
  if (!day || !text || STILL_PERSONAL.test(text)) return null;
  const said = new Date(facts.wordsSaidAt ?? facts.claimCreatedAt);
  if (Number.isNaN(said.getTime())) return null;
  const today = localToday(said, facts.timeZone);
  const future = day > today;
  return {
    id: `agent-${facts.id}`,
    category: 'agent_correction',
    text,
    now: said.toISOString().replace('.000Z', 'Z'),
    tz: facts.timeZone,
    gold: future ? { kind: 'future' } : { kind: 'date', date: isoDay(day) },
    decision: future ? 'ask' : decideWindow([day], today, EVAL_WINDOW_DAYS),
  };
}
