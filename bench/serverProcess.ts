import { type ChildProcess, spawn } from 'node:child_process';
import * as path from 'node:path';
import { freePort } from './freePort';
import { track } from './startedChildren';

const ROOT = path.resolve(__dirname, '..', '..');

/** One of the bench's servers (ours or the echo bot, built in dist/) on a free loopback port, once it answers its readiness check. */
export async function startProcess(
  script: string,
  env: Record<string, string>,
  options: { captureLog?: boolean } = {},
): Promise<{ child: ChildProcess; base: string; log: () => string }> {
  const port = await freePort();
  const profile =
    process.env.BENCH_PROFILE_DIR && script === 'src/index.js' ? ['--cpu-prof', `--cpu-prof-dir=${process.env.BENCH_PROFILE_DIR}`] : [];
  // the same V8 settings as `npm start`, for both servers
  const flags = (process.env.BENCH_SERVER_FLAGS ?? '--max-semi-space-size=16').split(' ').filter(Boolean);
  const child = spawn(process.execPath, [...flags, ...profile, path.join(ROOT, 'dist', script)], {
    env: { ...process.env, LOG_LEVEL: 'warn', ...env, PORT: String(port), HOST: '127.0.0.1', NODE_ENV: 'production' },
    stdio: ['ignore', options.captureLog ? 'pipe' : 'ignore', 'inherit'],
  });
  track(child);
  let output = '';
  child.stdout?.on('data', (chunk: Buffer) => {
    output += chunk.toString();
  });
  const log = () => output;
  const base = `http://127.0.0.1:${port}`;
  for (let i = 0; i < 200; i++) {
    try {
      // ours is ready once its database is (migrations done); the echo bot has no database
      if ((await fetch(`${base}${script === 'src/index.js' ? '/readyz' : '/healthz'}`)).ok) return { child, base, log };
    } catch {
      // not up yet
    }
    if (child.exitCode !== null) break;
    await new Promise((r) => setTimeout(r, 50));
  }
  child.kill('SIGKILL');
  throw new Error(`${script} did not start`);
}

/** SIGTERM, and waits until the child is gone. */
export async function stop(child: ChildProcess): Promise<void> {
  // 'close': exited, and its output read to the end (the PostgreSQL instance's last log line)
  const exited = new Promise((r) => child.once('close', r));
  child.kill('SIGTERM');
  await exited;
}
