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
}

const EMAIL = /[^\s@<>()"',;]+@[^\s@<>()"',;]+\.[a-z]{2,}/gi;
/** a phone number: 9 or more digits with the usual separators (dates, prices and 8-digit receipt numbers are left) */
const PHONE = /\+?\(?\d(?:[\s().-]*\d){8,}/g;
const FILE_NAME = /\b[\w-]+\.(?:pdf|jpe?g|png|gif|heic|webp|tiff?|docx?)\b/gi;
const escapeRegExp = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/**
 * The customer's words without what says who they are: email addresses, phone numbers, file names and,
 * when the claim knows it, their name (each part of it).
 * @example scrubWords('Jo Lee here, jo@x.com, bought it 3 days ago', 'Jo Lee') // '[name] [name] here, [email], bought it 3 days ago'
 */
export function scrubWords(words: string, customerName: string | null): string {
  let text = words.replace(EMAIL, '[email]').replace(FILE_NAME, '[file]').replace(PHONE, '[phone]');
  for (const part of (customerName ?? '').split(/\s+/).filter((p) => p.length >= 2))
    text = text.replace(new RegExp(`(?<![\\p{L}\\p{N}])${escapeRegExp(part)}(?![\\p{L}\\p{N}])`, 'giu'), '[name]');
  return text;
}

/**
 * One evaluation item from an agent's correction: the customer's words (scrubbed), when and where they
 * were said (the claim's first day in the customer's timezone, the day the assistant read them against),
 * the corrected date as gold, and DATES.md's decision for it.
 */
export function dateLabelOf(facts: DateCorrectionFacts): DateLabel | null {
  const day = parseIsoDay(facts.correctedDate);
  const text = scrubWords(facts.customerWords, facts.customerName).trim();
  if (!day || !text) return null;
  const today = localToday(new Date(facts.claimCreatedAt), facts.timeZone);
  const future = day > today;
  return {
    id: `agent-${facts.id}`,
    category: 'agent_correction',
    text,
    now: new Date(facts.claimCreatedAt).toISOString().replace('.000Z', 'Z'),
    tz: facts.timeZone,
    gold: future ? { kind: 'future' } : { kind: 'date', date: isoDay(day) },
    decision: future ? 'ask' : decideWindow([day], today, EVAL_WINDOW_DAYS),
  };
}
