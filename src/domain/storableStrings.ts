/** What a string must not hold to be stored anywhere: a NUL, or half of a surrogate pair. */
const UNSTORABLE = /\0|[\uD800-\uDFFF]/;
/** A surrogate without its other half (String.prototype.toWellFormed, which Node 20 has but our ES2022 lib does not type). */
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/** One string as it can be stored: NULs removed, a lone surrogate replaced by U+FFFD. */
function storable(text: string): string {
  return UNSTORABLE.test(text) ? text.replaceAll('\0', '').replace(LONE_SURROGATE, '\uFFFD') : text;
}

/**
 * Makes every string (and key) of a parsed JSON body storable, in place. Nobody means a NUL in a
 * chat message or a note, and half an emoji (a lone surrogate, from a text cut in the middle) is
 * no character at all; PostgreSQL stores neither in text or JSONB: left in, one hostile or
 * truncated message would fail every write of its claim.
 */
export function storableStrings<T>(value: T): T {
  if (typeof value === 'string') return storable(value) as T;
  if (!value || typeof value !== 'object') return value;
  const stack: object[] = [value];
  while (stack.length > 0) {
    const node = stack.pop() as Record<string, unknown>;
    for (const key of Object.keys(node)) {
      const child = node[key];
      if (typeof child === 'string') {
        const clean = storable(child);
        if (clean !== child) node[key] = clean;
      } else if (child && typeof child === 'object') stack.push(child);
      const cleanKey = storable(key);
      if (cleanKey !== key && !Array.isArray(node)) {
        // defined, not assigned: a key that becomes "__proto__" stays an own property, as JSON.parse makes it
        Object.defineProperty(node, cleanKey, { value: node[key], writable: true, enumerable: true, configurable: true });
        delete node[key];
      }
    }
  }
  return value;
}
