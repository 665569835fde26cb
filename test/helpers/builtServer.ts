import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { freePort } from '../../bench/freePort';
import { ON_POSTGRES } from './postgres';
import { closedAtTheEnd, databaseUrlFor } from './store';

// The built server (run `npm run build` first) in a child process: a crash is the child dying, not jest.
const SERVER = path.resolve(__dirname, '..', '..', 'dist', 'src', 'index.js');
const OUTPUT_LINES = 200;
const running = new Set<ChildProcess>();
// a test that throws before its afterAll must not leave servers behind
process.once('exit', () => {
  for (const child of running) child.kill('SIGKILL');
});

export interface BuiltServer {
  readonly base: string;
  readonly port: number;
  readonly dataDir: string;
  /** How the current child ended ('exit code 1', 'signal SIGABRT'), or null while it runs. */
  exited(): string | null;
  /** The child's last lines of output (logs and stderr), for a failure message. */
  output(): string;
  /** Resolves with the first line of output from now on that matches (the log as a synchronisation point); rejects after the bound. */
  nextLine(pattern: RegExp, boundMs?: number): Promise<string>;
  /** The child runs and `/healthz` answers 200. */
  healthy(): Promise<boolean>;
  /** SIGKILL, and waits until the child is gone. */
  kill(): Promise<void>;
  /** Starts the server again on the same port and DATA_DIR. */
  restart(): Promise<void>;
  /** SIGTERM (graceful shutdown), and waits until the child is gone. */
  stop(): Promise<void>;
}

/**
 * Starts `dist/src/index.js` on a free loopback port with its own DATA_DIR (under the run's temp
 * folder) and waits for its "listening" log line, so no polling decides when it is ready. On
 * PostgreSQL it gets DATA_DIR's own database (DATABASE_URL); a restart finds the same one.
 */
export async function startBuiltServer(options: { env?: Record<string, string>; dataDir?: string } = {}): Promise<BuiltServer> {
  const dataDir = options.dataDir ?? mkdtempSync(path.join(tmpdir(), 'warranty-built-'));
  const port = await freePort();
  // a server given a database of its own (several instances on one) needs no DATA_DIR's database
  const database = ON_POSTGRES && !options.env?.DATABASE_URL ? { DATABASE_URL: await databaseUrlFor(dataDir) } : {};
  const lines: string[] = [];
  const watchers = new Set<(line: string) => void>();
  let child: ChildProcess;
  let ending: string | null = null;
  let gone: Promise<void> = Promise.resolve();

  const launch = () =>
    new Promise<void>((resolve, reject) => {
      ending = null;
      child = spawn(process.execPath, [SERVER], {
        env: {
          ...process.env,
          PORT: String(port),
          HOST: '127.0.0.1',
          DATA_DIR: dataDir,
          TOKEN_SECRET: 'built-server-test-secret',
          ...database,
          ...options.env,
          // the "listening" line is at info: it is how we know the server is ready
          LOG_LEVEL: 'info',
        },
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      running.add(child);
      const current = child;
      gone = new Promise((done) =>
        current.once('exit', (code, signal) => {
          running.delete(current);
          ending = signal ? `signal ${signal}` : `exit code ${code}`;
          reject(new Error(`the server exited before listening (${ending}):\n${lines.join('\n')}`));
          done();
        }),
      );
      const keep = (chunk: Buffer) => {
        for (const line of chunk.toString('utf8').split('\n')) {
          if (!line) continue;
          lines.push(line.length > 2000 ? `${line.slice(0, 2000)}…` : line);
          if (lines.length > OUTPUT_LINES) lines.shift();
          if (line.includes('warranty assistant listening')) resolve();
          for (const watch of watchers) watch(line);
        }
      };
      current.stdout?.on('data', keep);
      current.stderr?.on('data', keep);
    });

  await launch();
  const base = `http://127.0.0.1:${port}`;
  const waitGone = async (signal: NodeJS.Signals) => {
    if (ending === null) child.kill(signal);
    await gone;
  };
  // the database is dropped at the end of the file: no server may still be using it then
  if (ON_POSTGRES) closedAtTheEnd(() => waitGone('SIGKILL'));
  return {
    base,
    port,
    dataDir,
    exited: () => ending,
    output: () => lines.join('\n'),
    nextLine: (pattern, boundMs = 5000) =>
      new Promise((resolve, reject) => {
        const bound = setTimeout(() => {
          watchers.delete(watch);
          reject(new Error(`no log line matching ${pattern} within ${boundMs} ms`));
        }, boundMs);
        const watch = (line: string) => {
          if (!pattern.test(line)) return;
          clearTimeout(bound);
          watchers.delete(watch);
          resolve(line);
        };
        watchers.add(watch);
      }),
    healthy: async () => {
      if (ending !== null) return false;
      try {
        const res = await fetch(`${base}/healthz`, { headers: { Connection: 'close' } });
        return res.status === 200 && ((await res.json()) as { status?: string }).status === 'ok';
      } catch {
        return false;
      }
    },
    kill: () => waitGone('SIGKILL'),
    restart: async () => {
      await waitGone('SIGKILL');
      await launch();
    },
    stop: () => waitGone('SIGTERM'),
  };
}
