/**
 * Payment details never leave the reader: card numbers (13–19 digits, spaced or dashed, or masked
 * like "XXXX-XXXX-XXXX-1234" / "************1234"), expiry dates next to a card word, CVV/CVC codes,
 * bank account and routing numbers, and authorisation codes are replaced by "[redacted]".
 */

/** 13–19 digits in a run, or in a card's groups: 4-4-4-4(-3), 4-6-5 (Amex), 4-4-4-1..4 — not an order number's 3-7-7 */
const CARD_DIGITS = /(?<![\dA-Za-z-])(?:\d{13,19}|\d{4}([ -])\d{4}\1\d{4}\1\d{1,4}(?:\1\d{3})?|\d{4}([ -])\d{6}\2\d{5})(?![\dA-Za-z-])/g;
const MASKED_CARD = /(?<![\dA-Za-z])(?:[X*•#x]{4}[ -]?){2,4}\d{0,4}(?![\dA-Za-z])|[X*•x]{4,}[ -]?\d{4}\b/g;
/** a label, then its value up to the end of the field (two spaces, a pipe or the line's end) */
const LABELLED =
  /\b(cvv2?|cvc2?|csc|security code|exp(?:iry|iration)?(?: date)?|valid thru|auth(?:ori[sz]ation)?(?: code| #| no\.?)?|approval(?: code| #)?|appr(?: code| #)?|routing(?: number| no\.?| #)?|account(?: number| no\.?| #)|acct(?: #| no\.?)?|iban)(?![A-Za-z])\s*[:#]?\s*([A-Za-z0-9/*xX-]{2,24})/gi;
/** a chip card's application and cryptogram fields, printed in capitals: "AID A0000000031010" */
const EMV = /\b(AID|TVR|TSI|ARQC|IAD)\b\s*:?\s*[A-Z0-9]{6,}/g;
/** a card brand or "card" followed by the last digits ("VISA 1234", "Card ending in 1234", "Mastercard ****1234") */
const CARD_TAIL =
  /\b(visa|mastercard|master card|mc|amex|american express|discover|debit|credit|card|ending(?: in)?|acct)\b([^\n\d]{0,20})(\d{4})\b/gi;

/**
 * The text with payment details replaced. Dates, amounts and order numbers outside these fields are left alone.
 * @example redactPayment('VISA 4111 1111 1111 1111  Auth: 08213Z') // 'VISA [redacted]  Auth: [redacted]'
 */
export function redactPayment(text: string): string {
  return text
    .replace(CARD_DIGITS, '[redacted]')
    .replace(MASKED_CARD, '[redacted]')
    .replace(EMV, '$1 [redacted]')
    .replace(LABELLED, (_m, label: string, value: string) =>
      /^\d{1,2}\/\d{1,2}\/\d{2,4}$/.test(value) && !/exp|valid/i.test(label) ? _m : `${label} [redacted]`,
    )
    .replace(CARD_TAIL, (_m, brand: string, between: string) => `${brand}${between}[redacted]`);
}
