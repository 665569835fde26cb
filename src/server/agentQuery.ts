import type { Request, Response } from 'restify';
import type { Page, PageCursor } from '../storage/claimRepository';
import { fail, sendJson } from './http';
import { requestUrl } from './requestUrl';

export const DEFAULT_PAGE = 100;
export const MAX_PAGE = 500;

type Query = Record<string, unknown>;
/**
 * The parsed query, after checking that every parameter the URL names survived parsing: the
 * parser silently drops bracketed keys such as `status[toString]` or `status[__proto__]`, and a
 * dropped filter would widen what comes back.
 */
function queryOf(req: Request): Query {
  const parsed = (req.query ?? {}) as Query;
  for (const name of requestUrl(req.url).searchParams.keys()) {
    const base = name.split('[')[0];
    if (base !== name && !Object.hasOwn(parsed, base)) fail('BAD_REQUEST', `${base} must be given as plain text.`);
  }
  return parsed;
}

/**
 * A query parameter that must appear at most once, as plain text. Repeated (`?a=1&a=2`) or
 * bracketed (`a[]=`, `a[$ne]=`) it is refused: dropping it would widen what comes back.
 */
export function single(req: Request, name: string): string | undefined {
  const value = queryOf(req)[name];
  if (value === undefined) return undefined;
  if (typeof value !== 'string') fail('BAD_REQUEST', `Give ${name} once, as plain text.`);
  return value as string;
}

/** A parameter that may be repeated (`?status=a&status=b`, or `status[]=a`): any of the values. */
export function anyOf<T extends string>(req: Request, name: string, allowed: readonly T[]): T[] {
  const value = queryOf(req)[name];
  if (value === undefined || value === '') return [];
  const values = typeof value === 'string' ? [value] : Array.isArray(value) ? value : null;
  if (!values || values.some((v) => typeof v !== 'string' || !allowed.includes(v as T)))
    fail('BAD_REQUEST', `${name} must be among ${allowed.join(', ')} (repeat it for several).`);
  return values as T[];
}

/** `?limit=` (1..MAX_PAGE, default DEFAULT_PAGE) and `?cursor=` (from the previous page's Link header). */
export function pageRequest(req: Request): { limit: number; cursor: PageCursor | null } {
  const limitText = single(req, 'limit');
  const limit = limitText === undefined ? DEFAULT_PAGE : Number(limitText);
  if (!Number.isInteger(limit) || limit < 1 || limit > MAX_PAGE) fail('BAD_REQUEST', `limit must be a whole number from 1 to ${MAX_PAGE}.`);
  const cursorText = single(req, 'cursor');
  return { limit, cursor: cursorText === undefined ? null : decodeCursor(cursorText) };
}

export const encodeCursor = (cursor: PageCursor): string => Buffer.from(JSON.stringify([cursor.key, cursor.rowid])).toString('base64url');

function decodeCursor(text: string): PageCursor {
  try {
    const [key, rowid] = JSON.parse(Buffer.from(text, 'base64url').toString('utf8')) as unknown[];
    if (typeof key === 'string' && !key.includes('\0') && Number.isSafeInteger(rowid)) return { key, rowid: rowid as number };
  } catch {
    // falls through to the refusal
  }
  return fail('BAD_REQUEST', 'cursor is not one this server gave out.');
}

/**
 * Sends one page as a JSON array (design.md), with the total in `X-Total-Count` and the next
 * page, when there is one, in `Link: <…>; rel="next"` — a relative link: never built from Host.
 */
export function sendPage<T>(req: Request, res: Response, page: Page<T>, limit: number): void {
  res.setHeader('X-Total-Count', String(page.total));
  if (page.next) {
    const url = requestUrl(req.url);
    url.searchParams.set('limit', String(limit));
    url.searchParams.set('cursor', encodeCursor(page.next));
    res.setHeader('Link', `<${url.pathname}${url.search}>; rel="next"`);
  }
  sendJson(res, 200, page.items);
}
