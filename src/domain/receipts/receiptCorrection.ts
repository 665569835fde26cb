import { isoDay, localToday, parseIsoDay } from '../calendar';
import type { Claim } from '../claim';
import type { CorrectionReading } from '../correction';
import { INVISIBLE_CONTROLS } from '../invisibleControls';
import { type AgentReading, claimReceipt, fileReading } from './claimReceipt';

const MAX_SELLER = 200;
const MAX_MODELS = 20;
/** a model number as stores print them: letters, digits and hyphens ("QTN8086B", "QT5682-8BE-2") */
const MODEL = /^[A-Z0-9][A-Z0-9-]{1,39}$/;

/** C0 and C1 control characters but tab, line feed and carriage return (whitespace, made single spaces) */
// biome-ignore lint/suspicious/noControlCharactersInRegex: matching control characters is the point
const CONTROLS = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F]/g;

const refuse = (problem: string): CorrectionReading => ({ ok: false, problem });

/**
 * What a proof file says, as one value for the record of corrections: "date · seller · models".
 * @example readingValue({ purchaseDate: '2026-03-02', seller: 'Best Buy', models: ['QT5682'] }) // "2026-03-02 · Best Buy · QT5682"
 */
export function readingValue(reading: AgentReading | null): string | null {
  if (!reading) return null;
  return [reading.purchaseDate ?? '(no date)', reading.seller ?? '(no seller)', reading.models.join(', ') || '(no model)'].join(' · ');
}

/**
 * An agent's reading of a proof file (correction field `receipt`, value `{ fileId?, purchaseDate, seller,
 * models }`): what the receipt really says, which the claim relies on from then on in place of the
 * reader's. The file is the one the claim's receipt is read from unless `fileId` names another; the
 * date is a calendar day not after the claim began (or null: the receipt shows none), the seller
 * visible text or null, the models a list of model numbers.
 * @example readReceiptCorrection(claim, { purchaseDate: '2026-03-02', seller: 'Best Buy', models: ['QT5682'] })
 */
export function readReceiptCorrection(claim: Claim, value: unknown): CorrectionReading {
  if (typeof value !== 'object' || value === null || Array.isArray(value))
    return refuse('A receipt reading is { purchaseDate, seller, models } (and fileId to name the file).');
  const given = value as Record<string, unknown>;
  const files = claim.proof.files;
  const fileId = given.fileId ?? claim.proof.receipt?.fileId ?? files[files.length - 1]?.id;
  const file = files.find((f) => f.id === fileId);
  if (!file) return refuse(files.length ? 'fileId is not one of this claim’s proof files.' : 'This claim has no proof file to read.');

  const date = readDate(claim, given.purchaseDate);
  if (date === undefined) return refuse('purchaseDate is a calendar day, YYYY-MM-DD, not after the claim began (or null).');
  const seller = readSeller(given.seller);
  if (seller === undefined) return refuse(`seller is text of 1 to ${MAX_SELLER} characters (or null).`);
  const models = readModels(given.models);
  if (!models) return refuse(`models is a list of at most ${MAX_MODELS} model numbers (letters, digits and hyphens).`);

  const reading: AgentReading = { purchaseDate: date, seller, models };
  const oldValue = readingValue(fileReading(file));
  // the reading as it stands, confirmed, is not a misreading
  if (oldValue === readingValue(reading)) return refuse('That is what the claim says already: nothing to correct.');
  return {
    ok: true,
    correction: {
      field: 'receipt',
      oldValue,
      newValue: readingValue(reading),
      customerWords: null,
      apply: (c) => {
        const target = c.proof.files.find((f) => f.id === file.id);
        if (!target) return;
        target.agentReading = reading;
        c.proof.receipt = claimReceipt(c.proof.files, c.purchase, c, c.proof.receipt?.customerAnswer ?? null);
      },
    },
  };
}

function readDate(claim: Claim, value: unknown): string | null | undefined {
  if (value === null || value === '') return null;
  const day = typeof value === 'string' ? parseIsoDay(value) : null;
  if (!day || day > localToday(new Date(claim.createdAt), claim.timeZone)) return undefined;
  return isoDay(day);
}

function readSeller(value: unknown): string | null | undefined {
  if (value === null) return null;
  if (typeof value !== 'string') return undefined;
  // control characters too (a terminal escape, a bell, NUL): the seller goes into notes, the hand-off and logs
  const text = value.replace(INVISIBLE_CONTROLS, '').replace(CONTROLS, '').replace(/\s+/g, ' ').trim();
  if (!text) return null;
  return text.length > MAX_SELLER ? undefined : text;
}

function readModels(value: unknown): string[] | null {
  if (!Array.isArray(value) || value.length > MAX_MODELS) return null;
  const models = value.map((m) => (typeof m === 'string' ? m.replace(INVISIBLE_CONTROLS, '').trim().toUpperCase() : ''));
  if (models.some((m) => !MODEL.test(m))) return null;
  return [...new Set(models)];
}
