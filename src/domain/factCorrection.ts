import { isoDay, localToday, parseIsoDay } from './calendar';
import { type Claim, findModelNumber } from './claim';
import { CORRECTABLE_FIELDS, type CorrectionReading } from './correction';
import { INVISIBLE_CONTROLS } from './invisibleControls';
import { EXCLUSION_CODES, type ExclusionCode, type Policy, PROOF_TYPES, type ProofType } from './policy';
import { recognizeProduct } from './products/recognizeProduct';
import { readReceiptCorrection } from './receipts/receiptCorrection';

export { CORRECTABLE_FIELDS, type CorrectableField, type CorrectionReading, type FactCorrection } from './correction';

const refuse = (problem: string): CorrectionReading => ({ ok: false, problem });
const PROOF_KINDS: readonly (ProofType | 'none')[] = [...PROOF_TYPES, 'other', 'none'];
const MAX_PRODUCT = 500;

/** What a purchase currently says, as one value: the date, a range, or the readings. */
const purchaseValue = (p: Claim['purchase']): string | null =>
  p.date ?? (p.earliest && p.latest ? `${p.earliest}..${p.latest}` : p.readings.length ? p.readings.join('|') : null);

/**
 * Reads an agent's correction against the claim it is for: the value must fit the field (a real
 * calendar day not after the claim's first day in the customer's timezone; product words, read by the catalogue as
 * the assistant reads them; a proof kind of the policy's; exclusion codes of the policy's).
 * @example readCorrection(claim, 'purchase_date', '2026-03-02', policy) // { ok: true, correction }
 */
export function readCorrection(claim: Claim, field: unknown, value: unknown, policy: Policy): CorrectionReading {
  const read = readValue(claim, field, value, policy);
  if (!read.ok) return read;
  // a "correction" that leaves the claim as it was would be counted as a misreading the assistant never made
  const corrected = structuredClone(claim);
  read.correction.apply(corrected);
  if (JSON.stringify(corrected) === JSON.stringify(claim)) return refuse('That is what the claim says already: nothing to correct.');
  return read;
}

/** The correction a field and value make, checked against the claim (whether it changes anything aside). */
function readValue(claim: Claim, field: unknown, value: unknown, policy: Policy): CorrectionReading {
  switch (field) {
    case 'purchase_date': {
      const day = typeof value === 'string' ? parseIsoDay(value) : null;
      if (!day) return refuse('A purchase date is a calendar day, YYYY-MM-DD.');
      if (day > localToday(new Date(claim.createdAt), claim.timeZone)) return refuse('The purchase date is after the day the claim began.');
      const date = isoDay(day);
      return {
        ok: true,
        correction: {
          field,
          oldValue: purchaseValue(claim.purchase),
          newValue: date,
          customerWords: claim.purchase.text || null,
          // the customer's words stay: they are what the assistant read, and what the label is made of
          apply: (c) => {
            c.purchase = { ...c.purchase, date, earliest: null, latest: null, readings: [] };
          },
        },
      };
    }
    case 'product': {
      // direction overrides and invisible marks could make the console show other words than are stored
      const text = typeof value === 'string' ? value.replace(INVISIBLE_CONTROLS, '').trim() : '';
      if (!text || text.length > MAX_PRODUCT) return refuse(`A product is text (1 to ${MAX_PRODUCT} characters).`);
      const seen = recognizeProduct(text, policy);
      const product: Claim['product'] =
        seen.kind === 'model'
          ? { text: seen.text, model: seen.model, source: seen.source, family: seen.family ?? null }
          : seen.kind === 'description'
            ? { text: seen.text, model: null, source: 'description', family: null }
            : // the agent knows the product even when the catalogue reads no product in the words: kept as typed
              { text, model: findModelNumber(text, policy), source: null, family: null };
      return {
        ok: true,
        correction: {
          field,
          oldValue: claim.product.text || null,
          newValue: product.text,
          customerWords: null,
          apply: (c) => {
            c.product = product;
          },
        },
      };
    }
    case 'proof_type': {
      if (!PROOF_KINDS.includes(value as ProofType)) return refuse(`A proof kind is one of ${PROOF_KINDS.join(', ')}.`);
      const type = value === 'none' ? null : (value as ProofType);
      return {
        ok: true,
        correction: {
          field,
          oldValue: claim.proof.type,
          newValue: type,
          customerWords: null,
          apply: (c) => {
            c.proof.type = type;
          },
        },
      };
    }
    case 'conditions': {
      const codes = Array.isArray(value) ? value : null;
      if (!codes || codes.length > EXCLUSION_CODES.length || codes.some((v) => !EXCLUSION_CODES.includes(v)))
        return refuse(`Conditions are a list of the policy's exclusions: ${EXCLUSION_CODES.join(', ')} (or []).`);
      const exclusions = [...new Set(codes as ExclusionCode[])].sort();
      return {
        ok: true,
        correction: {
          field,
          oldValue: claim.conditions.exclusions.join(',') || null,
          newValue: exclusions.join(',') || null,
          customerWords: null,
          // the agent has looked: what the assistant was unsure of is settled either way
          apply: (c) => {
            c.conditions = { ...c.conditions, exclusions, unsure: [] };
          },
        },
      };
    }
    case 'receipt':
      return readReceiptCorrection(claim, value);
    default:
      return refuse(`field must be one of ${CORRECTABLE_FIELDS.join(', ')}.`);
  }
}
