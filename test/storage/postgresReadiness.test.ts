import pg from 'pg';
import { openPostgresStorage } from '../../src/storage/postgres/openPostgresStorage';
import { StorageUnavailableError } from '../../src/storage/storageUnavailable';
import { createTestDatabase } from '../helpers/postgres';
import { postgresOnly } from '../helpers/store';

/*
 * What /readyz reports on PostgreSQL (Storage.isReady): the database answers AND every migration
 * this version knows is applied. An instance of a newer version whose migrations another instance
 * has not finished is not ready; an unreachable database refuses the start with a clear error.
 */
postgresOnly('PostgreSQL readiness', () => {
  test('ready once migrated; not ready while the schema is behind this version', async () => {
    const database = await createTestDatabase();
    const storage = await openPostgresStorage(database.url);
    try {
      expect(await storage.isReady()).toBe(true);
      const client = new pg.Client({ connectionString: database.url });
      await client.connect();
      await client.query('DELETE FROM migrations WHERE version = (SELECT MAX(version) FROM migrations)');
      await client.end();
      expect(await storage.isReady()).toBe(false);
    } finally {
      await storage.close();
      await database.drop();
    }
  });

  test('a database that cannot be reached refuses the start, naming no password', async () => {
    const start = openPostgresStorage('postgres://warranty:s3cret-pw@127.0.0.1:1/warranty', { connectTimeoutMs: 2_000 });
    await expect(start).rejects.toThrow(StorageUnavailableError);
    await expect(start).rejects.not.toThrow(/s3cret-pw/);
  });
});
