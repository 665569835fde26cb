import { mkdtempSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { ON_POSTGRES } from '../helpers/postgres';
import { openTestStorage } from '../helpers/store';

/*
 * TOKEN_SECRET unset: the deployment generates its token secret once and keeps it with its data
 * (DATA_DIR on SQLite, the database on PostgreSQL), so tokens survive a restart and every instance
 * on one database signs and checks with the same key.
 */
describe('the token secret a deployment keeps when TOKEN_SECRET is not set', () => {
  test('generated once: a restart (the storage opened again on the same data) reads the same one', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'warranty-secret-'));
    const first = await openTestStorage({ dir });
    const secret = await first.secrets.tokenSecret();
    expect(secret).toMatch(/^[\w-]{43}$/); // 32 random bytes
    expect(await first.secrets.tokenSecret()).toBe(secret);
    await first.close();
    const again = await openTestStorage({ dir });
    expect(await again.secrets.tokenSecret()).toBe(secret);
    await again.close();
  });

  test('another deployment (other data) has another secret', async () => {
    const a = await openTestStorage();
    const b = await openTestStorage();
    expect(await a.secrets.tokenSecret()).not.toBe(await b.secrets.tokenSecret());
    await Promise.all([a.close(), b.close()]);
  });

  (ON_POSTGRES ? test : test.skip)('instances starting together on one database agree on one secret', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'warranty-secret-'));
    const instances = await Promise.all([1, 2, 3, 4].map(() => openTestStorage({ dir })));
    const secrets = await Promise.all(instances.map((storage) => storage.secrets.tokenSecret()));
    expect(new Set(secrets).size).toBe(1);
    await Promise.all(instances.map((storage) => storage.close()));
  });

  (ON_POSTGRES ? test.skip : test)('on SQLite it is a file only its owner can read', async () => {
    const storage = await openTestStorage();
    await storage.secrets.tokenSecret();
    expect(statSync(path.join(storage.dir, 'token-secret')).mode & 0o777).toBe(0o600);
    await storage.close();
  });
});
