import { plain } from '../text';

/** What the product does wrong, named specifically: a symptom a technician can act on. */
const SYMPTOM = new RegExp(
  [
    "won'?t (?!work\\b)\\w+",
    'will not (?!work\\b)\\w+',
    'wont (?!work\\b)\\w+',
    "(?:doesn'?t|does not|isn'?t|is not|aren'?t|are not|not|never) (?:power|powering|turn|turning|switch|switching|boot|booting|record|recording|show|showing|display|displaying|connect|connecting|detect|detecting|charge|charging|save|saving|stay|staying|come|coming|load|loading|play|playing|start|starting|respond|responding|focus|focusing)\\w*",
    "can'?t (?:see|connect|record|view|access|log|get|hear|play)\\w*",
    'stopped (?!working\\b)\\w+',
    'keeps? (?:on )?\\w+ing',
    'kept (?:on )?\\w+ing',
    'keeps? (?:going|getting|turning|switching) \\w+',
    'no (?:power|video|picture|image|signal|lights?|sound|audio|recording|recordings|display|network|connection|feed|night vision|ir|hdd|hard ?drive|disk|storage)\\b',
    "(?:not|isn'?t|wasn'?t|can'?t be|cannot be) (?:found|detected|recogni[sz]ed|seen)",
    'error\\w*',
    'lost (?:my |the |all )?(?:recordings|footage|video|connection|signal|picture)',
    '(?:blurr?y|fuzzy|grainy|distorted|flicker\\w*|reboot\\w*|restart\\w*|beep\\w*|freez\\w*|froze|frozen|offline|disconnect\\w*|overheat\\w*|smok\\w*|burn\\w*|buzz\\w*|crack\\w*|fogg\\w*|foggy|pixelat\\w*|lag\\w*|static|black screen|blank screen|blue screen|black and white|dark|dim|shuts? (?:off|down)|turns? off|goes (?:off|dark|black|blank)|went (?:off|dark|black|blank|dead)|dropping|drops)',
  ].join('|'),
);
/** Words that only say something is wrong. */
const VAGUE =
  /\b(?:broken|broke|quit(?: working| on me)?|gave (?:out|up)|packed (?:up|in)|conked out|went bad|stopped|failed|not working|isn'?t working|stopped working|doesn'?t work|does not work|won'?t work|will not work|wont work|died|dead|defective|faulty|malfunction\w*|(?:a |an |some )?(?:problem|issue|fault)s?|something(?:'s| is) wrong|not right|playing up|acting up)\b/;
const FAULT = new RegExp(`\\b(?:${SYMPTOM.source})\\b|${VAGUE.source}`);
const NEGATED = /\b(?:not|never|no|isn'?t|wasn'?t|nothing)\s+(?:\w+\s+)?$/;
/** Words before the symptom that belong to it ("has a", "keeps", "just"), read backwards. */
const LEAD_IN =
  /(?:\b(?:has|have|had|is|was|are|were|been|has been|keeps|just|now|suddenly|completely|totally|already|started|starts|showing|shows|displaying|displays|giving|gives|making|makes|getting|gets|randomly|constantly|sometimes|always|still|also|a|an|the|some|really|very)\s+)+$/;
/** Where the fault stops: the customer moves on to another fact. */
const MOVES_ON =
  /\s(?:and|but|so|plus)\s+(?:i|i've|i'm|i'd|we|we've|my wife|my husband|it was bought|bought)\b.*$|\s(?:i|we) (?:bought|got|purchased|have|had|kept|lost|paid|ordered)\b.*$/;

/**
 * The fault a message describes, in the customer's words and no more ("stopped powering on",
 * "keeps beeping and won't record"), and whether it is vague ("has a problem", "stopped working").
 * Questions ("does it cover a camera that won't power on?") and negations ("it's not broken")
 * are no fault.
 * @example findFaultClause('Hi, my QT5682 I bought two weeks ago stopped powering on, I have the receipt')
 *   // { text: 'stopped powering on', vague: false }
 */
export function findFaultClause(raw: unknown): { text: string; vague: boolean } | null {
  const text = plain(raw, 1000);
  const found: string[] = [];
  for (const sentence of text.match(/[^.!?;\n]+[.!?;]?/g) ?? []) {
    if (sentence.trim().endsWith('?')) continue;
    for (const chunk of sentence.replace(/[.!;]$/, '').split(/,|\s-\s|\s\(|\)/)) {
      const fault = faultIn(chunk);
      if (fault) found.push(fault);
      else if (found.length) break;
    }
    if (found.length) break;
  }
  if (!found.length) return null;
  const faultText = found.join(', ').slice(0, 300);
  return { text: inOriginalCase(raw, faultText), vague: !new RegExp(`\\b(?:${SYMPTOM.source})\\b`).test(faultText) };
}

/** The customer's own spelling of the fault ("QTN8086B", not "qtn8086b") where it can be found again. */
function inOriginalCase(raw: unknown, found: string): string {
  if (typeof raw !== 'string') return found;
  const at = raw.toLowerCase().replace(/[‘’]/g, "'").indexOf(found);
  return at >= 0 ? raw.slice(at, at + found.length) : found;
}

/** The fault phrase of one clause, from its first fault word (with the words that lead into it). */
function faultIn(chunk: string): string | null {
  const m = FAULT.exec(chunk);
  if (!m || m.index === undefined) return null;
  const before = chunk.slice(0, m.index);
  if (NEGATED.test(before) && !/^(?:not|never|no)\b/.test(m[0])) return null;
  const lead = LEAD_IN.exec(before);
  let start = lead ? m.index - lead[0].length : m.index;
  // "the picture is blurry": a state needs the part it is about
  const part = PART_BEFORE_STATE.exec(chunk.slice(0, m.index));
  if (part?.index !== undefined) start = part.index;
  const [first, ...rest] = chunk
    .slice(start)
    .replace(MOVES_ON, '')
    .split(/\s(?=(?:and|but|then|plus)\s)/);
  // "keeps beeping and won't record" is one fault; "stopped recording and the invoice is in my inbox" is not
  const more = rest.findIndex((part) => !FAULT.test(part));
  const phrase = [first, ...(more < 0 ? rest : rest.slice(0, more))].join(' ').trim();
  // "has stopped working" → "stopped working", "is not working" → "not working": the fault, not its grammar
  return phrase.replace(/^(?:(?:has|have|had|is|was|are|were|been|just|now|also|it)\s+)+/, '').trim() || null;
}

const PART =
  '(?:hard ?drive|hdd|drive|disk|ir|infrared|picture|image|video|screen|display|feed|footage|recordings?|sound|audio|night vision|lens|lights?|led|fan|wifi|wi-fi|connection|app|colou?rs?|playback|live view)';
const PART_BEFORE_STATE = new RegExp(
  `\\b(?:(?:the|my|its)\\s+)?${PART}\\s+(?:(?:is|are|was|were|looks?|gets?|got|goes|went|keeps|has|have)\\s+(?:\\w+\\s+)?)?$`,
);
