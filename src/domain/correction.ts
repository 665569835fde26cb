import type { Claim } from './claim';

/** The facts of a claim an agent may set right (POST /api/agent/claims/:id/corrections `{field, value}`). */
export const CORRECTABLE_FIELDS = ['purchase_date', 'product', 'proof_type', 'conditions', 'receipt'] as const;
export type CorrectableField = (typeof CORRECTABLE_FIELDS)[number];

/** What a valid correction does to a claim, and what the record of it keeps. */
export interface FactCorrection {
  field: CorrectableField;
  oldValue: string | null;
  newValue: string | null;
  /** for a purchase date, what the customer said that the assistant read ("purchase as said") */
  customerWords: string | null;
  apply(claim: Claim): void;
}

export type CorrectionReading = { ok: true; correction: FactCorrection } | { ok: false; problem: string };
