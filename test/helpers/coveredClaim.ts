/** Where a claim's answer is the receipt file rather than text. */
export const UPLOAD = Symbol('upload');

/**
 * What a customer answers to each question (by its prompt tag) of a plain claim the policy covers:
 * inside the window on the real clock, a receipt, no exclusion.
 */
export const COVERED_CLAIM_ANSWERS: Readonly<Record<string, string | typeof UPLOAD>> = {
  menu: 'my camera stopped working',
  product: 'QT5682',
  purchaseDate: '5 days ago',
  proofType: 'I have the receipt',
  proofUpload: UPLOAD,
  problem: 'it will not power on',
  conditions: 'no, none of that',
  confirm: 'yes',
};
