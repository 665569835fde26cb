import { z } from 'zod';

/** The exclusion codes of the claim schema (design.md); a policy may use a subset. */
export const EXCLUSION_CODES = [
  'misuse',
  'accident',
  'modification',
  'cut_cables',
  'painted',
  'coated_wires',
  'tampering',
  'unsuitable_environment',
  'improper_maintenance',
  'incorrect_power_supply',
  'power_surge',
  'non_qsee_product',
  'data_loss',
] as const;
export type ExclusionCode = (typeof EXCLUSION_CODES)[number];

export const PROOF_TYPES = ['receipt', 'invoice', 'purchase_order', 'order_confirmation'] as const;
export type ProofType = (typeof PROOF_TYPES)[number] | 'other';

const cues = z.array(z.string().trim().toLowerCase().min(1)).min(1);

/** The shape of a policy file. Validation errors name the bad field (e.g. `window.days`). */
/** Whether a policy's pattern compiles as a regular expression. */
const compiles = (pattern: string): boolean => {
  try {
    new RegExp(pattern);
    return true;
  } catch {
    return false;
  }
};

const words = z.array(z.string().trim().toLowerCase().min(1));

/**
 * The product catalogue: model families (by the letters their numbers start with), known
 * models, and the words customers use for kinds of product. A product answer is taken as a
 * description only when it names one of the kinds; a policy without kinds takes any answer
 * that is not plainly something else (a restated request, a complaint, "I don't know").
 */
export const ProductCatalogueSchema = z
  .object({
    /** Where the lists come from and how sure they are: for whoever maintains them. */
    note: z.string().optional(),
    kinds: z
      .array(
        z.object({
          code: z.string().min(1),
          /** How the assistant names the kind ("camera"). */
          label: z.string().min(1),
          words: words.min(1),
          /**
           * False for a generic kind ("camera", "system"): in "4 camera security system" the product
           * is the specific kind (a kit), which the claim records as the product's kind.
           */
          specific: z.boolean().default(true),
        }),
      )
      .default([]),
    /** Words that make a generic kind a description: "outdoor", "wifi", "night vision", "front door". */
    qualifiers: words.default([]),
    families: z
      .array(
        z.object({
          code: z.string().min(1),
          /** The letters the family's model numbers start with (hyphens ignored): "QTN". The longest prefix wins. */
          prefix: z.string().regex(/^[A-Z]+$/, 'capital letters'),
          name: z.string().min(1),
        }),
      )
      .default([]),
    models: z.array(z.object({ model: z.string().min(1), family: z.string().min(1), name: z.string().optional() })).default([]),
  })
  .refine((c) => c.models.every((m) => c.families.some((f) => f.code === m.family)), 'every model names a family of the catalogue');
export type ProductCatalogue = z.infer<typeof ProductCatalogueSchema>;
const EMPTY_CATALOGUE = { kinds: [], qualifiers: [], families: [], models: [] };

export const PolicySchema = z.object({
  /** The brand the assistant speaks for ("Q-See"): greetings, thanks and the agents' messages name it. */
  brand: z.string().min(1),
  version: z.string().min(1),
  source: z.string().optional(),
  window: z.object({ days: z.number().int().positive().max(3650), inclusive: z.literal(true), from: z.literal('purchase_date') }),
  remedies: z.object({
    summary: z.string().min(1),
    refurbishedReplacementDays: z.number().int().nonnegative(),
    refurbishedReplacement: z.string().min(1),
    repairsExtendWarranty: z.boolean(),
    softwareUpgrades: z.string().min(1),
  }),
  proof: z.object({
    digitalCopyRequired: z.boolean(),
    types: z.array(z.object({ code: z.enum(PROOF_TYPES), label: z.string().min(1), cues })).min(1),
    howToGetCopy: z.string().min(1),
  }),
  exclusions: z
    .array(
      z.object({
        code: z.enum(EXCLUSION_CODES),
        label: z.string().min(1),
        question: z.string().min(1),
        cues,
        /** Phrases that contain a cue but state no condition ("surge protector", "dropped frames"). */
        notCues: words.default([]),
        /** Words that suggest the condition without stating it: the customer is asked, never refused. */
        hints: z.array(z.string().trim().toLowerCase().min(1)).default([]),
        /**
         * The plain question a hint leads to, for some of the hints: "You mentioned “condensation” —
         * <question>". `denials` are answers that rule the condition out without a "no" ("it's rated
         * for outdoor use"). `affirms` are words that state the asked condition happened without a "yes"
         * ("it got in through the cable", "it's mounted outside"); negated, they rule it out ("it's not been outside").
         * Hints without one get "has it been <question above>?".
         */
        hintQuestions: z
          .array(z.object({ hints: words.min(1), question: z.string().min(1), denials: words.default([]), affirms: words.default([]) }))
          .default([]),
      }),
    )
    .min(1)
    .refine((list) => new Set(list.map((e) => e.code)).size === list.length, 'exclusion codes must be unique'),
  product: z.object({
    /** What the brand sells and the words customers use for it (see ProductCatalogueSchema); optional. */
    catalogue: ProductCatalogueSchema.default(EMPTY_CATALOGUE),
    modelNumber: z.object({
      /** A model number in free text, as a regular expression (case-insensitive; its first group is the number). */
      pattern: z.string().min(1).refine(compiles, 'not a regular expression'),
      /** A model number the questions give as an example ("QT5682"). */
      example: z.string().min(1),
      /** What the brand's model numbers look like, said when the customer cannot find theirs. */
      looksLike: z.string().min(1),
    }),
  }),
  faq: z.array(z.object({ id: z.string().min(1), cues, answer: z.string().min(1) })).min(1),
  links: z.object({ returns: z.string().url(), support: z.string().url(), rmaInstructions: z.string().url() }),
});

export type Policy = z.infer<typeof PolicySchema>;

/** Thrown when a policy file does not match the schema; the message names each bad field. */
export class PolicyError extends Error {
  override name = 'PolicyError';
}

/**
 * Validates parsed policy data.
 * @example parsePolicy(JSON.parse(text), 'policies/qsee.json')
 */
export function parsePolicy(data: unknown, origin: string): Policy {
  const result = PolicySchema.safeParse(data);
  if (result.success) return result.data;
  const problems = result.error.issues.map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`);
  throw new PolicyError(`invalid policy ${origin}: ${problems.join('; ')}`);
}
