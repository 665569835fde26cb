/** Characters Markdown (and Web Chat's HTML within it) gives a meaning to. */
const MARKDOWN_SPECIAL = /[\\`*_{}[\]()<>#+!|~]/g;

/**
 * Text that Web Chat shows as it is, inside a message it renders as Markdown: an agent's display name
 * in a line the service writes must not become a link or a tag in the customer's chat.
 * @example markdownLiteral('[Pay](https://x.example)') // → '\\[Pay\\]\\(https://x.example\\)'
 */
export const markdownLiteral = (text: string): string => text.replace(MARKDOWN_SPECIAL, (c) => `\\${c}`);
