import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { startFakeConnector } from '../helpers/fakeConnector';
import { freePort } from '../helpers/freePort';

// The built server (npm test builds first), killed with SIGKILL in the middle of a claim.
const SERVER = path.resolve(__dirname, '..', '..', 'dist', 'src', 'index.js');

async function startServer(dataDir: string, port: number): Promise<ChildProcess> {
  const child = spawn(process.execPath, [SERVER], {
    env: { ...process.env, PORT: String(port), HOST: '127.0.0.1', DATA_DIR: dataDir, LOG_LEVEL: 'silent', TOKEN_SECRET: 'crash-test' },
    stdio: 'ignore',
  });
  for (;;) {
    try {
      if ((await fetch(`http://127.0.0.1:${port}/healthz`)).ok) return child;
    } catch {
      // not listening yet: the health check is the synchronisation
    }
    if (child.exitCode !== null) throw new Error('server exited');
    await new Promise((r) => setTimeout(r, 50));
  }
}

test('after kill -9 the conversation resumes at the question it was on', async () => {
  const connector = await startFakeConnector();
  const dataDir = mkdtempSync(path.join(tmpdir(), 'warranty-crash-'));
  const port = await freePort();
  const say = async (text: string) => {
    const before = connector.posted.length;
    const res = await fetch(`http://127.0.0.1:${port}/api/messages`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({
        type: 'message',
        id: `m${before}`,
        channelId: 'emulator',
        serviceUrl: connector.url,
        from: { id: 'customer' },
        recipient: { id: 'bot' },
        conversation: { id: 'crash-conversation' },
        localTimezone: 'America/New_York',
        text,
      }),
    });
    expect(res.status).toBe(200);
    return connector.posted
      .slice(before)
      .map((p) => p.activity)
      .filter((a) => a.inputHint === 'expectingInput')
      .map((a) => a.channelData?.prompt);
  };
  let server = await startServer(dataDir, port);
  try {
    expect(await say('my camera broke')).toEqual(['product']);
    expect(await say('QT5682')).toEqual(['purchaseDate']);
    expect(await say('5 days ago')).toEqual(['proofType']);
    const exited = new Promise((r) => server.once('exit', r));
    server.kill('SIGKILL');
    await exited;
    server = await startServer(dataDir, port);
    expect(await say('I have the receipt')).toEqual(['proofUpload']);
  } finally {
    server.kill('SIGKILL');
    await connector.close();
  }
});
