import { MONTH, WEEKDAY } from './expressions';
import type { Recognizer } from './recognizer';

/**
 * Numbers that are not dates: blanked out before any date recognizer runs, so
 * "order #20260301", "$45.99" or "4 cameras" never read as a day.
 */
const noise = (name: string, pattern: RegExp): Recognizer => ({ name, pattern, read: () => 'noise' });

/** A number this long is an order, receipt or serial number: days have 2 digits and years 4. */
const LONG_NUMBER_MIN_DIGITS = 5;

/** "Saturday, January 17", "Tues. the 5th", "sat the 16th" ("sat" and "sun" are weekdays only here): the date says it all; the weekday alone must not be read as another day. */
export const weekdayNextToDate = noise(
  'weekday-next-to-date',
  new RegExp(`\\b(?:${WEEKDAY}|sat|sun)\\b\\.?,?\\s+(?=(?:the\\s+)?\\d|${MONTH})`, 'g'),
);

export const referenceNumber = noise(
  'reference-number',
  /#\s*\d[\d-]*|\b(?:order|invoice|receipt|serial|model|sku|ref|reference|confirmation|tracking|account|phone|case|ticket|item|part)(?:\s*(?:number|no\.?|num|#|is|:|id))*\s*[a-z]{0,3}-?\d[\w-]*/g,
);

export const money = noise(
  'money',
  /[$€£]\s*\d[\d,]*(?:\.\d+)?|\b\d[\d,]*(?:\.\d+)?\s*(?:dollars|usd|bucks|euros?|eur|pounds|gbp|cad|aud)\b/g,
);

export const phoneNumber = noise('phone', /\+?\(?\b\d{3}\)?[-. ]\d{3}[-. ]\d{4}\b|\+\d[\d ()-]{8,}\d/g);

/** "QT5680-8", "DVR16": letters then digits; but not a month name with a day ("mar 3", "feb-12"). */
export const modelNumber = noise('model-number', new RegExp(`\\b(?!${MONTH}[-\\s.]?\\d)[a-z]{1,5}-?[a-z]?\\d{2,}[a-z0-9-]*`, 'g'));

export const clockTime = noise('clock-time', /\b\d{1,2}(?::\d{2})?\s*(?:am|pm|a\.m\.|p\.m\.|o'clock)|\b\d{1,2}:\d{2}\b/g);

/** "55 in" is inches, but in "2019 in January" or "1 in march" the "in" opens a date. */
const INCH_NOT_BEFORE_A_DATE = `in(?!\\s+(?:${MONTH}|\\d|the|last|this|early|mid|late)\\b)`;

export const quantity = noise(
  'quantity',
  new RegExp(
    `\\b\\d+(?:[-\\s]?(?:channel|ch|camera|cameras|cam|cams|pack|piece|port|mp|megapixel|k|p|tb|gb|inch|${INCH_NOT_BEFORE_A_DATE}|ft|feet|mm|v|volt|volts|w|watt|x)\\b|\\s+(?:cameras?|cams?|units?|items?|pieces?|times?|channels?|drives?|dvrs?|nvrs?|people|kids|of (?:them|those|these)|boxes|bucks))`,
    'g',
  ),
);

/** "the Target on 5th street", "3rd floor", "the 2nd avenue store": an ordinal that names a place is no day. */
export const placeOrdinal = noise(
  'place-ordinal',
  /\b\d{1,3}(?:st|nd|rd|th)\s+(?:street|st\b|avenue|ave\b|av\b|road|rd\b|boulevard|blvd|floor|fl\b|place|pl\b|lane|ln\b|drive|dr\b|way|highway|hwy|precinct|district|ward|grade)\.?/g,
);

export const longNumber = noise('long-number', new RegExp(`\\b\\d{${LONG_NUMBER_MIN_DIGITS},}\\b`, 'g'));
