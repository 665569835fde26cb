/**
 * The path and query of a request line as a URL. `new URL(req.url, base)` throws on request lines
 * such as `//` (read as a host), and a throw in an upgrade handler would end the process: the
 * request line is always taken as a path on a placeholder origin.
 *
 * @example requestUrl('//x?a=1').pathname // → '//x'
 */
export function requestUrl(raw: string | undefined): URL {
  const line = raw ?? '/';
  try {
    return new URL(`http://request.invalid${line.startsWith('/') ? '' : '/'}${line}`);
  } catch {
    return new URL('http://request.invalid/');
  }
}
