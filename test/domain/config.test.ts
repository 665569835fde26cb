import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { loadConfig } from '../../src/config/config';

const dataDir = () => mkdtempSync(path.join(tmpdir(), 'warranty-config-'));

describe('configuration is validated once, naming the bad setting', () => {
  test('the defaults give local mode on port 3978 in Los Angeles time', () => {
    const config = loadConfig({ DATA_DIR: dataDir() });
    expect(config).toMatchObject({
      port: 3978,
      defaultTimeZone: 'America/Los_Angeles',
      bot: { localMode: true },
      supportHours: undefined,
      turnsStartedPerPass: 8,
      // both from the hand-off: taken within 10 minutes, answered within 15
      timerTargets: { waitMs: 600_000, firstResponseMs: 900_000 },
    });
    // none set: the storage keeps a generated one (test/storage/deploymentSecrets.test.ts)
    expect(config.tokenSecret).toBeUndefined();
  });

  test.each<[string, Record<string, string>, RegExp]>([
    ['a port that is not a number', { PORT: 'eighty' }, /PORT/],
    ['an unknown timezone', { DEFAULT_TIMEZONE: 'Mars/Olympus' }, /DEFAULT_TIMEZONE/],
    ['unreadable support hours', { SUPPORT_HOURS: 'weekdays' }, /SUPPORT_HOURS/],
    ['a bad log level', { LOG_LEVEL: 'loud' }, /LOG_LEVEL/],
    ['a negative number of turns started per pass', { TURNS_STARTED_PER_PASS: '-1' }, /TURNS_STARTED_PER_PASS/],
    ['an agent name without a password', { BOOTSTRAP_AGENT_USERNAME: 'ana' }, /BOOTSTRAP_AGENT_PASSWORD/],
    ['a database URL that is not PostgreSQL', { DATABASE_URL: 'mysql://db/warranty', TOKEN_SECRET: 's' }, /DATABASE_URL/],
    ['a database URL that is not a URL', { DATABASE_URL: 'warranty', TOKEN_SECRET: 's' }, /DATABASE_URL/],
    // both count from the hand-off: a first response due before the wait ends is missed by every chat taken in time
    [
      'a first-response target shorter than the wait',
      { FIRST_RESPONSE_TARGET_MINUTES: '5', WAIT_TARGET_MINUTES: '10' },
      /FIRST_RESPONSE_TARGET_MINUTES/,
    ],
    [
      'a wait target above the default first response',
      { WAIT_TARGET_MINUTES: '20' },
      /FIRST_RESPONSE_TARGET_MINUTES must be at least WAIT_TARGET_MINUTES/,
    ],
    ['a pool of no connections', { DATABASE_URL: 'postgres://db/w', TOKEN_SECRET: 's', DATABASE_POOL_SIZE: '0' }, /DATABASE_POOL_SIZE/],
    ['a Redis URL that is not Redis', { REDIS_URL: 'http://cache:6379' }, /REDIS_URL/],
    ['a Redis prefix with a space', { REDIS_URL: 'redis://cache:6379', REDIS_PREFIX: 'q see' }, /REDIS_PREFIX/],
    ['a metrics token shorter than 16 characters', { METRICS_TOKEN: '0123456789abcde' }, /METRICS_TOKEN/],
    ['a metrics token with a space', { METRICS_TOKEN: 'sixteen chars and more' }, /METRICS_TOKEN/],
  ])('%s', (_name, env, setting) => {
    expect(() => loadConfig({ DATA_DIR: dataDir(), ...env })).toThrow(setting);
  });

  test('METRICS_TOKEN of 16 characters or more is kept; unset, none (loopback scrapes only)', () => {
    expect(loadConfig({ DATA_DIR: dataDir(), METRICS_TOKEN: '0123456789abcdef' }).metricsToken).toBe('0123456789abcdef');
    expect(loadConfig({ DATA_DIR: dataDir() }).metricsToken).toBeUndefined();
  });

  test('DATABASE_URL selects PostgreSQL with its pool; no secret is generated into DATA_DIR for it (none is, by the configuration)', () => {
    const dir = dataDir();
    const config = loadConfig({ DATA_DIR: dir, DATABASE_URL: 'postgresql://w:pw@db.internal:5432/warranty', TOKEN_SECRET: 'shared' });
    expect(config.database).toEqual({ url: 'postgresql://w:pw@db.internal:5432/warranty', poolSize: 20 });
    expect(config.tokenSecret).toBe('shared');
    expect(existsSync(path.join(dir, 'token-secret'))).toBe(false);
    expect(loadConfig({ DATA_DIR: dir }).database).toBeUndefined();
    expect(loadConfig({ DATA_DIR: dir, DATABASE_URL: 'postgres://db/w' }).tokenSecret).toBeUndefined();
    expect(existsSync(path.join(dir, 'token-secret'))).toBe(false);
  });
});
