import * as fs from 'node:fs';
import { askedFor, createHarness, texts } from '../helpers/harness';

const convos: { name: string; now?: string; turns: string[] }[] = JSON.parse(fs.readFileSync(process.env.CONVOS ?? '/tmp/convos.json', 'utf8'));
jest.setTimeout(60000);
test('transcripts', async () => {
  const out: string[] = [];
  for (const c of convos) {
    const h = createHarness(c.now ? { now: c.now } : {});
    out.push(`=== ${c.name}`);
    try {
      await h.join();
      for (const t of c.turns) {
        const r = t === '<upload>' ? await h.upload('receipt.jpg') : await h.say(t);
        out.push(`U: ${t}`);
        out.push(`B[${askedFor(r) ?? '-'}]: ${texts(r).replace(/\n+/g, ' | ').slice(0, 400)}`);
      }
      const cl: any = await h.claim();
      out.push(`CLAIM: status=${cl?.status} outcome=${cl?.decision?.outcome} reasons=${JSON.stringify(cl?.decision?.reasons)} handoff=${cl?.handoff?.reason} product=${JSON.stringify(cl?.product)} purchase=${JSON.stringify({d:cl?.purchase?.date,e:cl?.purchase?.earliest,l:cl?.purchase?.latest,t:cl?.purchase?.text})} proof=${cl?.proof?.type}/${cl?.proof?.availability} problem=${JSON.stringify(cl?.problem?.text)} cond=${JSON.stringify(cl?.conditions)}`);
    } catch (e) { out.push('ERR ' + (e as Error).message); }
    await h.close();
  }
  fs.writeFileSync(process.env.OUT ?? '/tmp/convo-out.txt', out.join('\n'));
});
