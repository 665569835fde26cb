import { plain } from '../text';

const CORRECTION =
  /\b(?:actually|sorry|wait|hang on|hold on|i meant|i mean|correction|after all|instead|wrong|incorrect|should be|should have said|oops|my mistake|my bad|not right|mistake|rather|change (?:it|that|the))\b|,\s*not\s+(?:the\s+)?\w+\s*[.!]?$/;

/**
 * Whether the customer corrects something they said ("wait, it was March 3rd, not the 13th",
 * "actually it's the QT5682", "I do have the receipt after all"): then a fact they state
 * replaces the one the claim has, where otherwise a volunteered fact only fills a gap.
 * @example isCorrection('hang on, it was actually five weeks ago, not two') // true
 */
export const isCorrection = (text: string): boolean => CORRECTION.test(plain(text, 1000));
