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

/** How addresses are compared (limits, bounces): the whole address in lower case. */
export const addressKey = (address: string): string => address.trim().toLowerCase();
