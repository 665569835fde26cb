import pg from 'pg';
import { escapeText, inlineParameters, sqlLiteral } from '../../src/storage/postgres/sqlLiteral';
import { ON_POSTGRES, TEST_POSTGRES_URL } from '../helpers/postgres';

/** Strings a customer, an agent or an attacker could put in a claim, a dialog state or a message. */
const HOSTILE = [
  '',
  'plain',
  "it's broken",
  "''",
  "'; DROP TABLE claims; --",
  'back\\slash',
  "\\'",
  "\\\\'; SELECT 1; --",
  "E'x'",
  '$1 and $2',
  '$$ dollar $$',
  'new\nline\r\ttab',
  '{"text":"say \\"hi\\"","path":"C:\\\\x"}',
  'emoji 📷 and ünïcödé',
  '\u2028\u2029',
  "quote at end'",
  '\\',
];

describe('escapeText', () => {
  test.each(HOSTILE)('%j is escaped exactly as pg.escapeLiteral escapes it', (text) => {
    expect(escapeText(text)).toBe(pg.escapeLiteral(text));
  });
});

describe('sqlLiteral', () => {
  test.each([
    [null, 'NULL'],
    [undefined, 'NULL'],
    [42, '42'],
    [-1.5, '-1.5'],
    [true, 'TRUE'],
    [false, 'FALSE'],
    [Buffer.from([0, 255]), "'\\x00ff'::bytea"],
    [['a', "b'c"], "ARRAY['a', 'b''c']::text[]"],
  ])('%p → %s', (value, literal) => {
    expect(sqlLiteral(value)).toBe(literal);
  });

  test.each([
    ['a NUL, which PostgreSQL text cannot hold and the wire would cut at', 'a\0b'],
    ['NaN', Number.NaN],
    ['Infinity', Number.POSITIVE_INFINITY],
    ['an object', { a: 1 }],
    ['an array of numbers', [1, 2]],
  ])('refuses %s', (_, value) => {
    expect(() => sqlLiteral(value)).toThrow(TypeError);
  });

  test('inlineParameters replaces each placeholder once: a value that says "$2" stays a value', () => {
    expect(inlineParameters('SELECT $1, $2', ['$2', 'x'])).toBe("SELECT '$2', 'x'");
    expect(() => inlineParameters('SELECT $3', ['a'])).toThrow(RangeError);
  });
});

// PostgreSQL itself reads every hostile string back exactly, as one value (never as SQL)
(ON_POSTGRES ? describe : describe.skip)('inlined values on a real server', () => {
  let client: pg.Client;
  beforeAll(async () => {
    client = new pg.Client({ connectionString: TEST_POSTGRES_URL });
    await client.connect();
  });
  afterAll(() => client.end());

  test.each(HOSTILE)('%j comes back as itself', async (text) => {
    const results = (await client.query(`SELECT 1; ${inlineParameters('SELECT $1::text AS v', [text])}`)) as unknown as pg.QueryResult[];
    expect(results).toHaveLength(2);
    expect(results[1].rows).toEqual([{ v: text }]);
  });

  test('bytes and arrays too', async () => {
    const { rows } = await client.query(
      inlineParameters('SELECT $1::bytea AS b, $2::text[] AS a', [Buffer.from([0, 1, 254]), ["x'", 'y\\']]),
    );
    expect(rows[0].b).toEqual(Buffer.from([0, 1, 254]));
    expect(rows[0].a).toEqual(["x'", 'y\\']);
  });
});
