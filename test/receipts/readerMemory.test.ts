import path from 'node:path';
import { createDeflate } from 'node:zlib';
import { ReaderPool } from '../../src/receipts/readerPool';

// Attack probe (issue 22): a PDF's content stream deflated from 1 GB of spaces is a 1 MB upload. pdf.js
// inflates it into ArrayBuffers, which the worker's maxHeapMb does not bound: before the pool watched
// the process's memory, a 2 MB such file took the service from 0.1 to 4.4 GB for the whole 20 s timeout.
const WORKER = {
  script: path.join(__dirname, '../helpers/tsWorker.js'),
  workerData: { tsScript: path.join(__dirname, '../../src/receipts/readerWorker.ts') },
};

/** `megabytes` of spaces, zlib-deflated as a FlateDecode stream holds them, without holding them all at once. */
async function deflatedSpaces(megabytes: number): Promise<Buffer> {
  const deflate = createDeflate({ level: 9 });
  const chunks: Buffer[] = [];
  deflate.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise((resolve) => deflate.on('end', resolve));
  const block = Buffer.alloc(1024 * 1024, 0x20);
  for (let i = 0; i < megabytes; i++) if (!deflate.write(block)) await new Promise((r) => deflate.once('drain', r));
  deflate.end();
  await done;
  return Buffer.concat(chunks);
}

/** A one-page PDF whose page's content stream is `stream`, FlateDecode. */
function pdfWithContent(stream: Buffer): Buffer {
  const bodies = [
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R >>',
    `<< /Length ${stream.length} /Filter /FlateDecode >>\nstream\n${stream.toString('latin1')}\nendstream`,
  ];
  let out = '%PDF-1.4\n';
  const offsets: number[] = [];
  bodies.forEach((body, i) => {
    offsets.push(Buffer.byteLength(out, 'latin1'));
    out += `${i + 1} 0 obj\n${body}\nendobj\n`;
  });
  const xref = Buffer.byteLength(out, 'latin1');
  out += `xref\n0 ${bodies.length + 1}\n0000000000 65535 f \n${offsets.map((o) => `${String(o).padStart(10, '0')} 00000 n \n`).join('')}`;
  out += `trailer\n<< /Size ${bodies.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return Buffer.from(out, 'latin1');
}

describe('a decompression bomb in a PDF', () => {
  const reader = new ReaderPool({ worker: WORKER, workers: 1, timeoutMs: 40_000, maxMemoryMb: 300 });
  afterAll(() => reader.close());

  test('its worker is stopped when the process has grown by maxMemoryMb, long before the timeout', async () => {
    const bomb = pdfWithContent(await deflatedSpaces(1024));
    expect(bomb.length).toBeLessThan(2 * 1024 * 1024);
    const reading = await reader.read(bomb);
    expect(reading).toMatchObject({ status: 'skipped', reason: 'memory' });
    expect(reading.ms).toBeLessThan(20_000);
  }, 60_000);
});
