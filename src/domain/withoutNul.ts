/**
 * Removes NUL characters from every string (and key) of a parsed JSON body, in place. Nobody means
 * one in a chat message or a note, and PostgreSQL cannot store one in text or JSON: left in, a
 * single "\u0000" from a hostile client would fail every write of that claim.
 */
export function withoutNul<T>(value: T): T {
  if (typeof value === 'string') return (value.includes('\0') ? value.replaceAll('\0', '') : value) as T;
  if (!value || typeof value !== 'object') return value;
  const stack: object[] = [value];
  while (stack.length > 0) {
    const node = stack.pop() as Record<string, unknown>;
    for (const key of Object.keys(node)) {
      const child = node[key];
      if (typeof child === 'string' && child.includes('\0')) node[key] = child.replaceAll('\0', '');
      else if (child && typeof child === 'object') stack.push(child);
      if (key.includes('\0') && !Array.isArray(node)) {
        // defined, not assigned: a key that becomes "__proto__" stays an own property, as JSON.parse makes it
        Object.defineProperty(node, key.replaceAll('\0', ''), { value: node[key], writable: true, enumerable: true, configurable: true });
        delete node[key];
      }
    }
  }
  return value;
}
