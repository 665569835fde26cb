import { readFileSync } from 'node:fs';
import { rawDirectLineCustomer } from './helpers/rawDirectLine';
import { agentToken, startTestApp } from './helpers/testApp';

jest.setTimeout(300_000);
const FILES = (process.env.FLOOD_FILES ?? '/tmp/a22/flateBomb.pdf').split(',');

async function toUpload(base: string) {
  const c = await rawDirectLineCustomer(base);
  await c.say('I want to start a warranty claim');
  await c.asked('product');
  await c.say('QT5682 4K bullet camera');
  await c.asked('purchaseDate');
  await c.say('I bought it on February 20th');
  await c.asked('proofType');
  await c.say('I have the receipt');
  await c.asked('proofUpload');
  return c;
}

test('turn latency while the reader is flooded with hostile files', async () => {
  const { app, base } = await startTestApp({ readReceipts: true, env: { RECEIPT_READ_WAIT_MS: '3000' } });
  let maxRss = 0;
  const rssTimer = setInterval(() => (maxRss = Math.max(maxRss, process.memoryUsage.rss())), 50);
  const baseRss = process.memoryUsage.rss();
  const probe = await rawDirectLineCustomer(base);
  let t0g = 0;
  const turn = async () => {
    const before = probe.seen.length;
    const t = Date.now();
    await probe.say('what does the warranty cover?');
    const got = await Promise.race([
      probe.until((a) => a.type === 'message' && probe.seen.indexOf(a) >= before).then(() => true),
      new Promise<boolean>((r) => setTimeout(() => r(false), 10_000)),
    ]);
    if (!got) console.log('no reply', Date.now() - t0g, JSON.stringify(probe.seen.slice(-3).map((a) => [a.type, a.text?.slice(0, 60)])));
    return got ? Date.now() - t : 99_999;
  };
  t0g = Date.now();
  const quiet: number[] = [];
  for (let i = 0; i < 5; i++) quiet.push(await turn());
  const attackers = await Promise.all(Array.from({ length: Number(process.env.FLOOD_N ?? 10) }, () => toUpload(base)));
  const t0 = Date.now();
  const uploads = attackers.map((c, i) => c.upload(`r${i}.pdf`, readFileSync(FILES[i % FILES.length]!)));
  const statuses = await Promise.all(uploads);
  const uploadMs = Date.now() - t0;
  const busy: number[] = [];
  while (Date.now() - t0 < 45_000) {
    busy.push(await turn());
    await new Promise((r) => setTimeout(r, 250));
  }
  clearInterval(rssTimer);
  const token = await agentToken(base);
  const readings = [];
  for (const c of attackers) {
    const [claim] = (await (await fetch(`${base}/api/agent/claims?conversationId=${c.session.conversationId}`, { headers: { Authorization: `Bearer ${token}` } })).json()) as any[];
    readings.push(claim?.proof?.files?.[0]?.reading ?? null);
  }
  busy.sort((a, b) => a - b);
  console.log(JSON.stringify({ readings, p50: busy[Math.floor(busy.length / 2)], p95: busy[Math.floor(busy.length * 0.95)], max: busy.at(-1), n: busy.length }));
  console.log(JSON.stringify({ statuses, uploadMs, quiet, baseRssMb: Math.round(baseRss / 1e6), maxRssMb: Math.round(maxRss / 1e6) }));
  for (const c of attackers) c.close();
  probe.close();
  await app.close();
});
