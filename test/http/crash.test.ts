import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { freePort } from '../../bench/freePort';
import { startFakeConnector } from '../helpers/fakeConnector';

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
  // the smallest JPEG file-type recognises: start-of-image, a JFIF header, end-of-image
  const jpeg = Buffer.from('ffd8ffe000104a46494600010100000100010000ffd9', 'hex');
  const connector = await startFakeConnector({ 'receipt.jpg': jpeg });
  const dataDir = mkdtempSync(path.join(tmpdir(), 'warranty-crash-'));
  const port = await freePort();
  const say = async (text: string, attachments: object[] = []) => {
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
        attachments,
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
  const killAndRestart = async () => {
    const exited = new Promise((r) => server.once('exit', r));
    server.kill('SIGKILL');
    await exited;
    server = await startServer(dataDir, port);
  };
  try {
    expect(await say('my camera broke')).toEqual(['product']);
    expect(await say('QT5682')).toEqual(['purchaseDate']);
    expect(await say('5 days ago')).toEqual(['proofType']);
    await killAndRestart();
    expect(await say('I have the receipt')).toEqual(['proofUpload']);
    // the upload turn (it commits on its own, not with the pass) survives a crash like the others
    const receipt = { contentType: 'image/jpeg', contentUrl: `${connector.url}/files/receipt.jpg`, name: 'IMG_1.jpg' };
    expect(await say('', [receipt])).toEqual(['problem']);
    await killAndRestart();
    expect(await say('it will not power on')).toEqual(['conditions']);
  } finally {
    server.kill('SIGKILL');
    await connector.close();
  }
});
