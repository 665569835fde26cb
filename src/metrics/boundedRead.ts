/**
 * A read for a scrape, given at most `timeoutMs`: its value, or undefined when it failed or was too
 * slow (a scrape reports what it knows rather than failing whole or hanging on a stuck database).
 */
export async function boundedRead<T>(read: () => Promise<T> | T, timeoutMs: number): Promise<T | undefined> {
  let timer: NodeJS.Timeout | undefined;
  const tooSlow = new Promise<undefined>((resolve) => {
    timer = setTimeout(() => resolve(undefined), timeoutMs);
    timer.unref();
  });
  try {
    return await Promise.race([Promise.resolve().then(read), tooSlow]);
  } catch {
    return undefined;
  } finally {
    clearTimeout(timer);
  }
}
