/** A cell that a spreadsheet would run as a formula starts with one of these (OWASP "CSV injection"). */
const FORMULA_START = /^[=+\-@\t\r]/;

/**
 * One CSV cell (RFC 4180): a leading formula character is defused with a quote mark, and a cell
 * holding a comma, quote or line break is quoted with its quotes doubled. null is an empty cell.
 *
 * @example csvCell('=SUM(A1)') // "'=SUM(A1)"
 * @example csvCell('a,"b"') // '"a,""b"""'
 */
export function csvCell(value: string | number | null): string {
  if (value === null) return '';
  let text = String(value);
  if (typeof value === 'string' && FORMULA_START.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** A CSV record with its CRLF line end (RFC 4180). */
export const csvLine = (cells: (string | number | null)[]): string => `${cells.map(csvCell).join(',')}\r\n`;
