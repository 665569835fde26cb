import isEmail from 'validator/lib/isEmail';

/** Anything shaped like an address in a message, to be checked properly by `isEmailAddress`. */
const CANDIDATE = /(?<![^\s<>()[\]"',;:])[^\s<>()[\]"',;:]{1,64}@[^\s<>()[\]"',;:]{1,255}/g;

/**
 * Whether an address typed by a customer is one we would send to: a plain address (no display
 * name, no IP-literal domain, ASCII, so any mail server accepts it) with a real-looking domain.
 * The syntax is validator's, a library that keeps up with RFC 5321/5322's corners.
 */
export function isEmailAddress(address: string): boolean {
  return (
    address.length <= 254 &&
    // % and ! route mail onwards on some old relays ("source routing"): not in an address we send to
    !/[%!]/.test(address) &&
    isEmail(address, { allow_display_name: false, require_tld: true, allow_ip_domain: false, allow_utf8_local_part: false })
  );
}

/** The first valid address in a message ("it's jane@example.com."), trailing punctuation dropped; null when there is none. */
export function findEmailAddress(text: string): string | null {
  for (const match of text.slice(0, 2000).matchAll(CANDIDATE)) {
    const candidate = match[0].replace(/[.!?]+$/, '');
    if (isEmailAddress(candidate)) return candidate;
  }
  return null;
}

/** Whether a message looks like an attempt at an address (it has an @), valid or not: a typo is re-asked, not ignored. */
export const looksLikeEmailAttempt = (text: string): boolean => /\S@|@\S/.test(text);

/** How an address is compared for bounces: the whole address in lower case. */
export const addressKey = (address: string): string => address.trim().toLowerCase();

/** Providers that ignore dots in the local part (j.doe@ and jdoe@ are one mailbox). */
const DOTLESS_DOMAINS = new Set(['gmail.com', 'googlemail.com']);

/**
 * The mailbox an address reaches, for the abuse limits: lower case, without a "+tag" (most
 * providers deliver victim+1@ and victim+2@ to victim@), without dots where the provider ignores
 * them, and with an internationalised domain in its ASCII (punycode) form — so one inbox cannot be
 * flooded by spelling its address many ways.
 * @example mailboxKey('J.Doe+claims@GMail.com') // 'jdoe@gmail.com'
 */
export function mailboxKey(address: string): string {
  const text = address.trim().toLowerCase();
  const at = text.lastIndexOf('@');
  if (at < 1) return text;
  let local = text.slice(0, at).split('+')[0] || text.slice(0, at);
  let domain = text.slice(at + 1).replace(/\.$/, '');
  try {
    domain = new URL(`http://${domain}`).hostname;
  } catch {
    // not a host name: compared as typed
  }
  if (domain === 'googlemail.com') domain = 'gmail.com';
  if (DOTLESS_DOMAINS.has(domain)) local = local.replaceAll('.', '');
  return `${local}@${domain}`;
}
