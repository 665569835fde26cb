import { requestUrl } from '../../src/server/requestUrl';

describe('requestUrl', () => {
  test.each([
    ['/api/agent/stream?token=x', '/api/agent/stream', '?token=x'],
    ['//', '//', ''],
    ['//evil.example/api/agent/stream', '//evil.example/api/agent/stream', ''],
    ['no-slash', '/no-slash', ''],
    [undefined, '/', ''],
    ['/%zz?%', '/%zz', '?%'],
    ['/a b', '/a%20b', ''],
  ])('%p → path %p, query %p (never throws, never another host)', (raw, pathname, search) => {
    const url = requestUrl(raw);
    expect(url.host).toBe('request.invalid');
    expect(url.pathname).toBe(pathname);
    expect(url.search).toBe(search);
  });
});
