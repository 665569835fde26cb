/** Web addresses in what someone typed: "https://…", "http://…", "www.…". */
const WEB_ADDRESS = /\b(?:[a-z][a-z0-9+.-]{1,15}:\/\/|www\.)\S+/gi;

/**
 * Words a customer typed, made fit for a mail we send: cut to `maxChars` (at a character, not in
 * the middle of an emoji) and without web addresses. Anyone can type anything into the chat and
 * give any address: a link in their words would reach that inbox under our name.
 */
export function customerWords(text: string, maxChars: number): string {
  const chars = Array.from(text);
  const cut = chars.length > maxChars ? `${chars.slice(0, maxChars).join('')}…` : text;
  return cut.replace(WEB_ADDRESS, '[link removed]');
}
