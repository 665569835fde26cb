import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import * as path from 'node:path';
import { freePort } from '../../bench/freePort';

/** Where Debian keeps the server's binaries (initdb, pg_ctl): the newest installed version (else pg_config's). */
function binDir(): string {
  const root = '/usr/lib/postgresql';
  const versions = existsSync(root) ? readdirSync(root).filter((v) => existsSync(path.join(root, v, 'bin', 'initdb'))) : [];
  if (versions.length > 0) return path.join(root, versions.sort((a, b) => Number(a) - Number(b)).at(-1) as string, 'bin');
  return execFileSync('pg_config', ['--bindir']).toString().trim();
}

/** PostgreSQL refuses to run as root: as root, run its tools as the `postgres` user. */
function run(tool: string, args: string[]): string {
  const command = path.join(binDir(), tool);
  const asRoot = process.getuid?.() === 0;
  return execFileSync(asRoot ? 'runuser' : command, asRoot ? ['-u', 'postgres', '--', command, ...args] : args, {
    stdio: ['ignore', 'pipe', 'pipe'],
  }).toString();
}

export interface OwnCluster {
  url: string;
  port: number;
  /** Fast shutdown (open connections are cut, as in an outage); returns when it is down. */
  stop(): void;
  /** Starts it again on the same port; returns when it accepts connections (pg_ctl -w). */
  start(): void;
  /** Stops it and removes its files. */
  destroy(): void;
}

/**
 * A PostgreSQL cluster of the test's own on a free loopback port (initdb, pg_ctl), for tests that
 * stop the database: never the shared one on 5432. Its folder is under /tmp itself, because the
 * `postgres` user must reach it and the test run's own temp folder is private to root.
 */
export async function startOwnCluster(): Promise<OwnCluster> {
  const dir = mkdtempSync('/tmp/qsee-pg-');
  const data = path.join(dir, 'data');
  if (process.getuid?.() === 0) execFileSync('chown', ['postgres:postgres', dir]);
  run('initdb', ['-D', data, '-A', 'trust', '-U', 'postgres', '--no-sync', '-E', 'UTF8']);
  const port = await freePort();
  const options = `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1 -c fsync=off -c full_page_writes=off`;
  const start = () => run('pg_ctl', ['-D', data, '-o', options, '-l', path.join(dir, 'log'), '-w', '-t', '30', 'start']);
  const stop = () => run('pg_ctl', ['-D', data, '-m', 'fast', '-w', '-t', '30', 'stop']);
  start();
  let running = true;
  return {
    url: `postgres://postgres@127.0.0.1:${port}/postgres`,
    port,
    stop: () => {
      stop();
      running = false;
    },
    start: () => {
      start();
      running = true;
    },
    destroy: () => {
      if (running) {
        try {
          stop();
        } catch {
          // already gone
        }
      }
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
