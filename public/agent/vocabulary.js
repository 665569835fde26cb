/** The server's codes and words (GET /api/agent/vocabulary), read once after sign-in: the console keeps no copy. */
import { api } from './api.js';

let words = null;

export async function loadVocabulary() {
  words = await api('/api/agent/vocabulary');
  return words;
}

const labelOf = (terms, code) => terms.find((t) => t.code === code)?.label;

export const statusLabel = (code) => labelOf(words.statuses, code) ?? code;
/** undefined for a claim no one handed off */
export const handoffLabel = (code) => labelOf(words.handoffReasons, code);
export const actionLabel = (code) => labelOf(words.actions, code) ?? code;
/** The reasons an agent may give for this outcome ('not_covered' or 'awaiting_proof'). */
export const reasonsFor = (outcome) => words.decisionReasons.filter((r) => r.outcome === outcome);
export const brand = () => words.brand;
/** Why the reader did not read a proof file, in the agent's words. */
export const readingProblemLabel = (code) => labelOf(words.readingProblems, code) ?? code;
