/**
 * The database cannot be reached (refused, reset, shut down, timed out): nothing of the request
 * was committed, and the same request can be sent again once it is back. Routes answer it 503.
 */
export class StorageUnavailableError extends Error {
  constructor(cause: unknown) {
    super(`database unavailable: ${(cause as Error)?.message ?? String(cause)}`, { cause });
    this.name = 'StorageUnavailableError';
  }
}
