import { MONTH_PATTERN } from './calendarRules';

/**
 * Date-like words used as something else, found in what the recognizers left of an answer:
 * each of these accounts for its date-like tokens, so they do not stop the reader deciding.
 * (Numbers that are no dates, like prices and order numbers, are already blanked by notDates.ts.)
 */
export const NOT_DATE_WORDS: Array<{ name: string; pattern: RegExp }> = [
  // "now I think", "and now it won't turn on", "right now", "by now", "until now"
  {
    name: 'now-as-filler',
    pattern:
      /\b(?:right|just|by|for|until|till|and|but|so|is|are|was|it's|its|it is|that's|even|only|still)\s+now\b|\bnow\b(?=,?\s+(?:i|it|it's|its|we|they|he|she|you|the|my|our|this|that|there|nothing|is|it'll|won't|doesn't|does|did|didn't|keeps|just|when|if|shows|says)\b)|^now\b/g,
  },
  // "since then", "ever since", "since it broke": since as "because" or "after that", not a day
  {
    name: 'since-as-conjunction',
    pattern:
      /\bever since\b|\bsince(?=\s*(?:[.,;!?]|$))|\bsince\b(?=,?\s+(?:then|that|it|it's|its|i|i'm|i've|we|we've|they|he|she|you|the|my|our|this|there|nothing|no)\b)/g,
  },
  // "up to date", "kept up-to-date"
  { name: 'up-to-date', pattern: /\bup[\s-]to[\s-]date\b/g },
  // "I may have", "it may be": the verb, not the month
  {
    name: 'may-as-verb',
    pattern: /\b(?:i|we|you|they|it|he|she|that|this|which|who|there|what|one)\s+may\b|\bmay\s+(?:be|have|not|need|want|ask|i|we|help)\b/g,
  },
  // "got wed", "I sat on it", "out in the sun": weekday abbreviations that are everyday words
  { name: 'wed-as-verb', pattern: /\b(?:got|get|getting|be|been|were|was|just)\s+wed\b/g },
  {
    name: 'sat-as-verb',
    pattern:
      /\b(?:i|it|we|they|he|she|has|had|have|just|been|which|that)\s+sat\b|\bsat\s+(?:on|in|there|down|around|outside|for|unused|idle)\b/g,
  },
  { name: 'sun-as-noun', pattern: /\b(?:the|direct|full|hot|sun's)\s+sun\b|\bsun\s+(?:damage|light|shade|glare)\b/g },
  // "at first", "first of all", "the first time", "second camera", "wait a second": ordinals that order things, not days
  {
    name: 'ordinal-of-things',
    pattern:
      /\bat first\b(?=\s*(?:[,.;!?]|$|(?:i|it|we|they|he|she|the|but|and|was|it's|i'd|i've)\b))|\bfirst of all\b|\b(?:for a|in a|just a|wait a|one|1) second\b|\b(?:first|second|third|fourth|fifth)\s+(?:time|times|one|ones|thing|things|camera|cameras|unit|units|try|attempt|place|hand|person|owner|step|box|replacement|order|problem|issue)\b/g,
  },
  // "the one I bought", "this one", "one of them" (normalizing left "one" a word after a determiner)
  {
    name: 'one-as-pronoun',
    pattern: /\b(?:this|that|the|no|any|every|which|another|other|new|old|same|only|right|wrong|each|some) one\b|\b(?:1|one) of\b/g,
  },
  // "#1", "50%", "5 stars", "2x", "x2", "10/10 service": ranks, shares and ratings
  {
    name: 'rank-or-share',
    pattern: /#\d+|\b\d+\s*%|\b\d+(?:\.\d+)?\s+(?:stars?|percent)\b|\b\d+x\b|\bx\d+\b|\b\d+\s*(?:\/|out of)\s*10\b(?!\s*\/)/g,
  },
  // "one sec", "give me 5 minutes", "2 hours on the phone": a wait or a length of time, not a day
  { name: 'short-duration', pattern: /\b\d+\s*(?:secs?|seconds?|mins?|minutes?|moments?|hrs?|hours?)\b(?!\s+(?:ago|back|earlier))/g },
  // "2 day shipping", "a 2-year warranty": how long a service lasts, not when it was bought
  {
    name: 'length-of-a-service',
    pattern:
      /\b\d+[-\s](?:days?|weeks?|months?|years?)\s+(?:shipping|delivery|warranty|guarantee|trial|returns?|window|policy|plan|subscription)\b/g,
  },
  // "it worked for 1 week", "used it for 2 days": how long it ran, which the purchase date does not depend on
  {
    name: 'length-of-use',
    pattern:
      /\b(?:worked|used|lasted|ran|running|working|fine|great|well|ok|okay)\s+(?:it\s+|them\s+)?for\s+(?:about\s+|like\s+|only\s+|just\s+)?\d+\s+(?:days?|weeks?|months?|hours?)\b/g,
  },
  // "for 299.99", "1299.00": a price without its currency sign (a day.month never has a 3-digit day)
  { name: 'price-without-sign', pattern: /\b(?:for|paid|cost|costs|price|priced at)\s+\d+\.\d{2}\b|\b\d{3,}\.\d{2}\b/g },
  // "camera 2", "channel 4", "port 3": a part of the system named by its number
  {
    name: 'numbered-part',
    pattern:
      /\b(?:cameras?|cams?|channels?|ch|ports?|units?|drives?|inputs?|outputs?|zones?|bays?|slots?|versions?|v|gen|generation|steps?|options?|lines?|rooms?|floors?|levels?|types?|sizes?|series|batch)\s*#?\s*\d+\b/g,
  },
  // "ps5", "h264", "mp4": letters glued to digits are a code (but "feb3" is a day)
  { name: 'code', pattern: new RegExp(`\\b(?!${MONTH_PATTERN}\\d)[a-z]+\\d+[a-z0-9]*\\b`, 'g') },
];
