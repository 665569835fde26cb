import { BoundedMap } from '../boundedMap';
import { plain } from '../text';
import { ORDINAL_WORDS, TENS_WORDS, UNIT_WORDS } from './numberWords';
import { yearsInDigits } from './yearWords';

/**
 * Turns a customer's free-text answer into plain lower-case English that the
 * date recognizers can read: control characters and markup removed, common
 * Spanish/French/German date phrases translated, typos in date words fixed and
 * number words before a unit turned into digits.
 *
 * Offsets are not preserved; recognizers only ever see the normalized text.
 * `thisYear` (the customer's) lets a two-digit year ("'87") become four digits.
 * @example normalizeDateText('Purchased 8 dyas ag0') // 'purchased 8 days ago'
 */
export function normalizeDateText(raw: string, thisYear?: number): string {
  let text = plain(raw, MAX_CHARS).replace(/[–—]/g, ' - ');
  text = translateForeign(text);
  // "twentyseventh", "thirtyfirst": a ten glued to its ordinal
  text = text.replace(/\b(twenty|thirty)(?=(?:first|second|third|fourth|fifth|sixth|seventh|eighth|ninth|[a-z]{3,6}th)\b)/g, '$1 ');
  text = text.replace(/[a-z0-9']+/g, fixTypoRemembered);
  text = numberWordsToDigits(yearsInDigits(text, thisYear))
    .replace(/(\d)(?=(?:days?|wks?|weeks?|months?|mos|mths?|yrs?|years?)\b)/g, '$1 ')
    .replace(/\bwks?\b/g, 'weeks')
    .replace(/\b(?:mos|mths?)\b/g, 'months')
    .replace(/\byrs?\b/g, 'years');
  return text.replace(/\s+/g, ' ').trim();
}

/** Only the start of an answer is read: a purchase date comes early, and the recognizers' cost grows with length. */
const MAX_CHARS = 1000;

// ---------------------------------------------------------------- foreign phrases
const FOREIGN_MONTHS: Record<string, string> = {
  enero: 'january',
  febrero: 'february',
  marzo: 'march',
  abril: 'april',
  mayo: 'may',
  junio: 'june',
  julio: 'july',
  agosto: 'august',
  septiembre: 'september',
  setiembre: 'september',
  octubre: 'october',
  noviembre: 'november',
  diciembre: 'december',
  janvier: 'january',
  février: 'february',
  fevrier: 'february',
  mars: 'march',
  avril: 'april',
  mai: 'may',
  juin: 'june',
  juillet: 'july',
  août: 'august',
  aout: 'august',
  septembre: 'september',
  octobre: 'october',
  novembre: 'november',
  décembre: 'december',
  decembre: 'december',
  januar: 'january',
  jänner: 'january',
  februar: 'february',
  märz: 'march',
  maerz: 'march',
  juni: 'june',
  juli: 'july',
  oktober: 'october',
  dezember: 'december',
};
const FOREIGN_WEEKDAYS: Record<string, string> = {
  lunes: 'monday',
  martes: 'tuesday',
  miércoles: 'wednesday',
  miercoles: 'wednesday',
  jueves: 'thursday',
  viernes: 'friday',
  sábado: 'saturday',
  sabado: 'saturday',
  domingo: 'sunday',
  lundi: 'monday',
  mardi: 'tuesday',
  mercredi: 'wednesday',
  jeudi: 'thursday',
  vendredi: 'friday',
  samedi: 'saturday',
  dimanche: 'sunday',
  montag: 'monday',
  dienstag: 'tuesday',
  mittwoch: 'wednesday',
  donnerstag: 'thursday',
  freitag: 'friday',
  samstag: 'saturday',
  sonnabend: 'saturday',
  sonntag: 'sunday',
};
const FOREIGN_NUMBERS: Record<string, string> = {
  un: '1',
  una: '1',
  uno: '1',
  une: '1',
  ein: '1',
  eine: '1',
  einem: '1',
  einer: '1',
  einen: '1',
  dos: '2',
  deux: '2',
  zwei: '2',
  tres: '3',
  trois: '3',
  drei: '3',
  cuatro: '4',
  quatre: '4',
  vier: '4',
  cinco: '5',
  cinq: '5',
  fünf: '5',
  funf: '5',
  seis: '6',
  six: '6',
  sechs: '6',
  siete: '7',
  sept: '7',
  sieben: '7',
  ocho: '8',
  huit: '8',
  acht: '8',
  nueve: '9',
  neuf: '9',
  neun: '9',
  diez: '10',
  dix: '10',
  zehn: '10',
};
const FOREIGN_UNIT = /^(d[ií]as?|jours?|tagen?|semanas?|semaines?|wochen?|mes(es)?|mois|monat(en)?|monaten|años?|ans?|jahren?)$/;
const unitToEnglish = (u: string): string => {
  if (/^(d|j|t)/.test(u)) return 'days';
  if (/^(sem|woc)/.test(u)) return 'weeks';
  if (/^(mes|moi|mon)/.test(u)) return 'months';
  return 'years';
};

const FOREIGN_PHRASES: Array<[RegExp, string]> = [
  [/\b(anteayer|antier|avant[- ]hier|vorgestern)\b/g, 'day before yesterday'],
  [/\b(ayer|hier|gestern)\b/g, 'yesterday'],
  [/\b(esta mañana|ce matin|heute morgen|hoy|aujourd'hui|heute)(?![\p{L}])/gu, 'today'],
  [
    /\b((?:la )?semana pasada|(?:la )?semaine derni[eè]re|(?:la )?semaine pass[ée]e|(?:letzte|vorige|vergangene) woche)(?![\p{L}])/gu,
    'last week',
  ],
  [/\b((?:el )?mes pasado|(?:le )?mois dernier|(?:le )?mois pass[ée]|(?:letzten|vorigen|vergangenen) monat)(?![\p{L}])/gu, 'last month'],
  [/\b(la semana antepasada)\b/g, 'two weeks ago'],
];

function translateForeign(text: string): string {
  let out = text;
  for (const [pattern, english] of FOREIGN_PHRASES) out = out.replace(pattern, english);
  // "hace 3 días", "il y a 4 semaines", "vor einem Monat" -> "3 days ago"
  out = out.replace(/\b(?:hace|il y a|y a|vor)\s+([\p{L}\d]+)\s+([\p{L}]+)/gu, (whole, n: string, unit: string) => {
    const count = /^\d+$/.test(n) ? n : FOREIGN_NUMBERS[n];
    return count && FOREIGN_UNIT.test(unit) ? `${count} ${unitToEnglish(unit)} ago` : whole;
  });
  // "el 5 de octubre", "le 22 février", "am 5. märz"
  out = out.replace(/\b(\d{1,2})\.?\s+(?:de\s+)?([\p{L}]+)/gu, (whole, d: string, m: string) => {
    const month = FOREIGN_MONTHS[m];
    return month ? `${d} ${month}` : whole;
  });
  out = out.replace(/[\p{L}]+/gu, (w) => FOREIGN_WEEKDAYS[w] ?? w);
  // "el lunes pasado", "lundi dernier", "letzten Montag" -> "last monday"
  const weekday = '(monday|tuesday|wednesday|thursday|friday|saturday|sunday)';
  out = out
    .replace(new RegExp(`\\b${weekday} (?:pasado|dernier|pass[ée])(?![\\p{L}])`, 'gu'), 'last $1')
    .replace(new RegExp(`\\b(?:letzten|vorigen|vergangenen) ${weekday}\\b`, 'g'), 'last $1');
  return out;
}

// ---------------------------------------------------------------- typos
/** Words we read dates by; a token one slip away from one of these is taken for it. */
const VOCABULARY = [
  'day',
  'days',
  'week',
  'weeks',
  'month',
  'months',
  'year',
  'years',
  'ago',
  'back',
  'yesterday',
  'today',
  'tonight',
  'last',
  'past',
  'before',
  'earlier',
  'early',
  'middle',
  'beginning',
  'weekend',
  'fortnight',
  'january',
  'february',
  'march',
  'april',
  'june',
  'july',
  'august',
  'september',
  'october',
  'november',
  'december',
  'monday',
  'tuesday',
  'wednesday',
  'thursday',
  'friday',
  'saturday',
  'sunday',
  'christmas',
  'thanksgiving',
  'valentine',
  'memorial',
  'independence',
  'columbus',
  'veterans',
  'presidents',
  'juneteenth',
  'halloween',
  'second',
  'third',
  'fourth',
  'fifth',
  'sixth',
  'seventh',
  'eighth',
  'ninth',
  'tenth',
  'eleventh',
  'twelfth',
  'thirteenth',
  'fourteenth',
  'fifteenth',
  'sixteenth',
  'seventeenth',
  'eighteenth',
  'nineteenth',
  'twentieth',
  'thirtieth',
  'purchased',
  'bought',
  'ordered',
  'between',
  'around',
  'about',
  'actually',
];
/** Real words that sit one slip away from a vocabulary word and must stay as they are. */
const PROTECTED = new Set(
  (
    'age ages ego bag dad dye dot does doe wee wet web went weak wed weed seed sees seek year ear near lay way ' +
    'may mar make lots list lost lust lest least mouth moth mon most mostly back bark buck bank beck black pack ' +
    'mast end and lend ended then than them they this that thus the sat sun set tue thu fri jan feb apr jun jul ' +
    'aug sep sept oct nov dec days dads bays ways months weekly weeks monthly yearly dear wear bear tear fear gear ' +
    'hear pear rear earl early earlier fast cast vast lash lass lass latest later past paste pasta boughs brought ' +
    'order orders ordered area abut aloud about around ground round arouse ballot before bereft tonights today ' +
    'todays marches marched match junk julie augusta augustus weak ale ace agony ado ago aha mid midday ' +
    // beside the ordinals and holidays: counts, plurals and everyday words one slip away
    'seconds thirds fourths fifths tenths fifty sixty seventy eighty ninety forty thirty twenty eight nine ' +
    'twenties thirties teeth tent tenths fist first president veteran memorials eastern ' +
    'one two three four five six seven ten eleven twelve thirteen fourteen fifteen sixteen seventeen eighteen nineteen ' +
    'hundred thousand'
  ).split(' '),
);

/** Customers reuse the same few hundred words; the answer for a word never changes, so keep it (bounded). */
const REMEMBERED_TOKENS = 10_000;
const fixedTokens = new BoundedMap<string, string>(REMEMBERED_TOKENS);
function fixTypoRemembered(token: string): string {
  let fixed = fixedTokens.get(token);
  if (fixed === undefined) {
    fixed = fixTypo(token);
    fixedTokens.set(token, fixed);
  }
  return fixed;
}

/** Shorter tokens ("ay", "wk") are too close to too many words to correct. */
const MIN_TYPO_LENGTH = 3;
/** From this length on a word may carry two slips ("yestrdy"); a shorter one only one, or short words would turn into each other. */
const TWO_SLIP_LENGTH = 7;

function fixTypo(token: string): string {
  if (token.length < MIN_TYPO_LENGTH || token.includes("'") || PROTECTED.has(token) || /\d/.test(token.slice(0, -1))) {
    return token;
  }
  if (VOCABULARY.includes(token)) return token;
  const maxDistance = token.length >= TWO_SLIP_LENGTH ? 2 : 1;
  let best: string | null = null;
  let bestDistance = maxDistance + 1;
  for (const word of VOCABULARY) {
    if (word[0] !== token[0] || Math.abs(word.length - token.length) > maxDistance) continue;
    const d = editDistance(token, word);
    if (d < bestDistance) {
      best = word;
      bestDistance = d;
    }
  }
  if (best) return best;
  // "dayz", "wekks": a plural slip on a unit word
  const unit = /^(d[ay]{1,2}[sz]|w[ek]{2,3}s|mon?t+h?s)$/.exec(token);
  return unit ? ({ d: 'days', w: 'weeks', m: 'months' } as Record<string, string>)[token[0]] : token;
}

/** Optimal string alignment distance (Levenshtein plus adjacent transposition). */
function editDistance(a: string, b: string): number {
  const rows = a.length + 1;
  const cols = b.length + 1;
  const d: number[][] = Array.from({ length: rows }, (_, i) => Array.from({ length: cols }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)));
  for (let i = 1; i < rows; i++) {
    for (let j = 1; j < cols; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      d[i][j] = Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
    }
  }
  return d[a.length][b.length];
}

// ---------------------------------------------------------------- number words
const UNITS = UNIT_WORDS;
const TENS = TENS_WORDS;
/** "twenty-one" … "ninety-nine": only "one" … "nine" follow a ten. */
const DIGIT_WORDS = Object.keys(UNITS).slice(0, 9);
const NUMBER_WORD = new RegExp(
  `\\b(?:(${Object.keys(TENS).join('|')})(?:[\\s-]+(${DIGIT_WORDS.join('|')}))?|(${Object.keys(UNITS).join('|')}))\\b`,
  'g',
);

const suffix = (n: number) => (n % 10 === 1 && n !== 11 ? 'st' : n % 10 === 2 && n !== 12 ? 'nd' : n % 10 === 3 && n !== 13 ? 'rd' : 'th');
/**
 * "the first time", "the second camera", "the first week", "the third quarter": an ordinal before these
 * words counts things, it is no day. Each word also covers what it begins ("ones", "weekend", "days").
 */
const ORDINAL_NOT_A_DAY_BEFORE = ['time', 'one', 'camera', 'week', 'day', 'month', 'year', 'quarter', 'half'];
/** "the tenth", "the twenty-first" → "the 10th", "the 21st" (only after "the": "first time" stays words). */
const ORDINAL_AFTER_THE = new RegExp(
  `\\bthe\\s+(?:(twenty|thirty)[\\s-]+)?(${Object.keys(ORDINAL_WORDS).join('|')})\\b(?!\\s+(?:${ORDINAL_NOT_A_DAY_BEFORE.join('|')}))`,
  'g',
);

/** "March twenty-first": a ten joined to an ordinal is always a day of the month, with or without "the". */
const TENS_AND_ORDINAL = new RegExp(
  `\\b(twenty|thirty)[\\s-]+(${Object.keys(ORDINAL_WORDS).slice(0, 9).join('|')})\\b(?!\\s+(?:${ORDINAL_NOT_A_DAY_BEFORE.join('|')}))`,
  'g',
);

function numberWordsToDigits(text: string): string {
  return text
    .replace(ORDINAL_AFTER_THE, (_w, tens: string | undefined, ord: string) => {
      const n = (tens ? TENS[tens] : 0) + ORDINAL_WORDS[ord];
      return `the ${n}${suffix(n)}`;
    })
    .replace(TENS_AND_ORDINAL, (_w, tens: string, ord: string) => {
      const n = TENS[tens] + ORDINAL_WORDS[ord];
      return `${n}${suffix(n)}`;
    })
    .replace(
      NUMBER_WORD,
      (word, tens: string | undefined, unit: string | undefined, single: string | undefined, at: number, all: string) => {
        if (single === 'one' && isPronounOne(all, at)) return word;
        return String(tens ? TENS[tens] + (unit ? UNITS[unit] : 0) : UNITS[single as string]);
      },
    )
    .replace(/\ba couple(?: of)?\b/g, '2')
    .replace(/\b(?:a|an)\s+(?=(?:day|week|month|year|fortnight)\b)/g, '1 ');
}

/** "this one", "the one I bought": a thing, not a number, so it must not look like a stray day number later. */
const PRONOUN_ONE_AFTER = /\b(?:this|that|the|no|any|every|which|another|other|new|old|same|only|right|wrong|each|some)\s+$/;
const UNIT_AFTER = /^\s+(?:days?|weeks?|months?|years?|fortnights?)\b/;
function isPronounOne(text: string, at: number): boolean {
  return PRONOUN_ONE_AFTER.test(text.slice(Math.max(0, at - 12), at)) && !UNIT_AFTER.test(text.slice(at + 'one'.length));
}
