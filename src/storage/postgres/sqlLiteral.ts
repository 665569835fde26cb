/**
 * A value as a PostgreSQL literal, for the statements a unit of work sends together in one
 * simple-protocol message (see PgDatabase): strings escaped exactly as pg's own `escapeLiteral`
 * escapes them; numbers only when finite; bytes as hex. A NUL cannot be stored
 * in PostgreSQL text and would end the message early: it is refused, not sent.
 */
export function sqlLiteral(value: unknown): string {
  if (value === null || value === undefined) return 'NULL';
  if (typeof value === 'string') {
    if (value.includes('\0')) throw new TypeError('a NUL character cannot be stored in PostgreSQL text');
    return escapeText(value);
  }
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) throw new TypeError(`not a finite number: ${value}`);
    return String(value);
  }
  if (typeof value === 'bigint') return String(value);
  if (typeof value === 'boolean') return value ? 'TRUE' : 'FALSE';
  if (value instanceof Date) return escapeText(value.toISOString());
  if (Buffer.isBuffer(value)) return `'\\x${value.toString('hex')}'::bytea`;
  if (Array.isArray(value)) {
    if (value.every((v) => typeof v === 'string')) return `ARRAY[${value.map(sqlLiteral).join(', ')}]::text[]`;
    throw new TypeError('only arrays of strings are inlined');
  }
  throw new TypeError(`cannot inline a ${typeof value}`);
}

/**
 * What pg's `escapeLiteral` returns (quotes doubled; with a backslash, backslashes doubled in an
 * E'' string, right whatever standard_conforming_strings says), with native string replaces
 * instead of its loop over every character: a turn sends its claim and dialog state, several KB.
 * test/storage/sqlLiteral.test.ts holds the two equal.
 */
export function escapeText(text: string): string {
  const quoted = text.replaceAll("'", "''");
  return text.includes('\\') ? ` E'${quoted.replaceAll('\\', '\\\\')}'` : `'${quoted}'`;
}

/** `text` with `$1`, `$2`… replaced by the values' literals, in one pass (a value's own "$1" is left alone). */
export function inlineParameters(text: string, values: readonly unknown[]): string {
  return text.replace(/\$(\d+)/g, (_, n: string) => {
    const index = Number(n) - 1;
    if (index < 0 || index >= values.length) throw new RangeError(`no value for $${n}`);
    return sqlLiteral(values[index]);
  });
}
