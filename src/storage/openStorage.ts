import type { Clock } from '../clock';
import type { Config } from '../config/config';
import { openPostgresStorage } from './postgres/openPostgresStorage';
import { openSqliteStorage, type SqliteStorageOptions } from './sqlite/openSqliteStorage';
import type { Storage } from './storage';

export interface OpenStorageOptions {
  clock: Clock;
  /** A commit or after-commit callback failed with nobody waiting for it. */
  onBackgroundError: (error: unknown) => void;
  /** An idle PostgreSQL connection dropped (it is replaced when needed). */
  onIdleConnectionError?: (error: Error) => void;
  /** SQLite's group-commit test hooks. */
  groupCommit?: SqliteStorageOptions['groupCommit'];
}

/** PostgreSQL when DATABASE_URL is set, SQLite in DATA_DIR otherwise: the rest of the server sees only `Storage`. */
export async function openStorage(config: Pick<Config, 'dataDir' | 'database'>, options: OpenStorageOptions): Promise<Storage> {
  if (config.database) {
    return openPostgresStorage(config.database.url, {
      clock: options.clock,
      poolSize: config.database.poolSize,
      onCallbackError: options.onBackgroundError,
      onIdleError: options.onIdleConnectionError,
    });
  }
  return openSqliteStorage(config.dataDir, {
    clock: options.clock,
    onCommitError: options.onBackgroundError,
    groupCommit: options.groupCommit,
  });
}
