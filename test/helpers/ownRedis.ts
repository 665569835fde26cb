import { type ChildProcess, spawn } from 'node:child_process';
import { freePort } from '../../bench/freePort';

export interface OwnRedis {
  url: string;
  /** Stops it (SIGTERM) and waits until it is gone. */
  stop(): Promise<void>;
  /** Starts it again on the same port; resolves when it accepts connections (its own log line says so). */
  start(): Promise<void>;
}

/**
 * A redis-server of the test's own on a free loopback port, without persistence: for tests that
 * stop Redis, never the shared one on 6379. Ready when it logs that it accepts connections.
 */
export async function startOwnRedis(): Promise<OwnRedis> {
  const port = await freePort();
  let child: ChildProcess | null = null;
  const start = () =>
    new Promise<void>((resolve, reject) => {
      const started = spawn('redis-server', ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'], {
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      child = started;
      let output = '';
      started.stdout?.on('data', (chunk: Buffer) => {
        output += chunk.toString();
        if (output.includes('Ready to accept connections')) resolve();
      });
      started.once('exit', (code) => reject(new Error(`redis-server exited (${code}): ${output.slice(-500)}`)));
    });
  const stop = async () => {
    const running = child;
    child = null;
    if (!running || running.exitCode !== null) return;
    const gone = new Promise((resolve) => running.once('exit', resolve));
    running.kill('SIGTERM');
    await gone;
  };
  await start();
  process.once('exit', () => (child as ChildProcess | null)?.kill('SIGKILL'));
  return { url: `redis://127.0.0.1:${port}`, stop, start };
}
