import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { getPriority, tmpdir } from 'node:os';
import path from 'node:path';
import sharp from 'sharp';
import { READER_NICE, ReaderPool, type ReaderPoolOptions } from '../../src/receipts/readerPool';
import type { Reading } from '../../src/receipts/reading';
import { makePdf } from '../helpers/pdf';
import { heicHeader, photographReceipt, pngBomb, pngClaiming, renderReceipt } from './receiptFiles';

/** The real worker (src/receipts/readerWorker.ts), compiled as jest compiles TypeScript. */
const WORKER = {
  script: path.join(__dirname, '../helpers/tsWorker.js'),
  workerData: { tsScript: path.join(__dirname, '../../src/receipts/readerWorker.ts') },
};
const pool = (options: ReaderPoolOptions = {}) => new ReaderPool({ worker: WORKER, ...options });

function read(reading: Reading) {
  if (reading.status !== 'read') throw new Error(`expected a reading, got ${JSON.stringify(reading)}`);
  return reading;
}

describe('ReaderPool: proof files read on a worker thread', () => {
  const reader = pool({ workers: 1, queueLimit: 8, timeoutMs: 30_000 });
  afterAll(() => reader.close());

  test("its threads run at the lowest priority (nice 19), the customers' turns at the process's (Linux)", async () => {
    if (process.platform !== 'linux' || getPriority() >= READER_NICE) return;
    read(await reader.read(makePdf([['Northwind Camera Installs', 'Invoice Date 7/27/2026']])));
    const nice = (tid: string) => {
      const stat = readFileSync(`/proc/self/task/${tid}/stat`, 'utf8');
      return Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[16]);
    };
    const nices = readdirSync('/proc/self/task').map(nice);
    expect(nices).toContain(READER_NICE);
    expect(nice(String(process.pid))).toBe(getPriority());
  });

  describe('PDFs with a text layer', () => {
    test('the text layer: date, seller and models, payment details redacted', async () => {
      const pdf = makePdf([
        [
          'Northwind Camera Installs        INVOICE',
          'Quote Ref.   Q-8459 (7/7/2026)',
          'Invoice Date   7/27/2026',
          'Due Date   8/26/2026',
          '1   Q-See QCA7201D - Analog HD 720p Dome Camera   39.99',
          'Paid by VISA 4111 1111 1111 1111',
          'Please make checks payable to Northwind Camera Installs.',
        ],
      ]);
      const reading = read(await reader.read(pdf));
      expect(reading.source).toBe('text-layer');
      expect(reading.facts.purchaseDate).toMatchObject({ date: '2026-07-27', page: 1 });
      expect(reading.facts.seller?.seller).toBe('Northwind Camera Installs');
      expect(reading.facts.models.map((m) => m.model)).toEqual(['QCA7201D']);
      expect(reading.text).toContain('Invoice Date');
      expect(reading.text).not.toContain('4111');
      // where the date was read, for the console to mark: the third of seven lines, from the left margin
      expect(reading.dateSpot).toMatchObject({ page: 1, x: expect.any(Number), width: expect.any(Number) });
      expect(reading.dateSpot!.y).toBeGreaterThan(0.02);
      expect(reading.dateSpot!.y).toBeLessThan(0.3);
      expect(reading.dateSpot!.height).toBeLessThan(0.1);
    });

    test("the date's line is kept with the reading, without the card number printed on it", async () => {
      const reading = read(
        await reader.read(makePdf([['Northwind Camera Installs', 'Sale 7/27/2026 VISA 4111 1111 1111 1111', 'Q-See QCA7201D  39.99']])),
      );
      expect(reading.facts.purchaseDate).toMatchObject({ date: '2026-07-27', evidence: expect.stringContaining('7/27/2026') });
      expect(reading.facts.purchaseDate?.evidence).not.toMatch(/4111|1111 1111/);
    });

    test('several pages: the purchase on page 2, every page read', async () => {
      const pdf = makePdf([
        ['Packing slip', 'Delivered 3/9/2026'],
        ['Order confirmation', 'Order Date: 3/1/2026', 'Q-See QT5682-8BE-2 8-Channel System'],
      ]);
      const reading = read(await reader.read(pdf));
      expect(reading.pages).toBe(2);
      expect(reading.facts.purchaseDate).toMatchObject({ date: '2026-03-01', page: 2 });
      expect(reading.facts.models.map((m) => m.model)).toEqual(['QT5682']);
    });

    test("a scan printed to PDF (no text layer) is drawn and OCR'd", async () => {
      const png = await renderReceipt(['TECH DEPOT', 'Order Date: 10/23/2026', 'Model: QCN8019B', 'Estimated Delivery 10/26/2026'], 1224);
      const { data, info } = await sharp(png)
        .flatten({ background: '#ffffff' })
        .jpeg({ quality: 90 })
        .toBuffer({ resolveWithObject: true });
      const reading = read(
        await reader.read(
          makePdf([{ jpeg: data, width: info.width, height: info.height }], { size: [612, (612 * info.height) / info.width] }),
        ),
      );
      expect(reading.source).toBe('ocr');
      expect(reading.facts.purchaseDate?.date).toBe('2026-10-23');
      expect(reading.facts.models.map((m) => m.model)).toEqual(['QCN8019B']);
    });

    test('a photo placed small on a white PDF page is read (the blank margins trimmed), and the date placed on the page', async () => {
      const png = await renderReceipt(['TECH DEPOT', 'Order Date: 10/23/2026', 'Model: QCN8019B', 'Estimated Delivery 10/26/2026'], 900);
      const { data, info } = await sharp(png)
        .flatten({ background: '#ffffff' })
        .jpeg({ quality: 90 })
        .toBuffer({ resolveWithObject: true });
      // a fifth of the page's width, in its top left corner: drawn whole, its text is too small for OCR
      const [x, w] = [40, 120];
      const h = (w * info.height) / info.width;
      const y = 792 - 40 - h;
      const reading = read(await reader.read(makePdf([{ jpeg: data, width: info.width, height: info.height, at: [x, y, w, h] }])));
      expect(reading.facts.purchaseDate?.date).toBe('2026-10-23');
      expect(reading.facts.models.map((m) => m.model)).toEqual(['QCN8019B']);
      // the box is inside the photo's place on the page
      const spot = reading.dateSpot!;
      expect(spot.x).toBeGreaterThanOrEqual(x / 612 - 0.01);
      expect(spot.x + spot.width).toBeLessThanOrEqual((x + w) / 612 + 0.01);
      expect(spot.y).toBeGreaterThanOrEqual(40 / 792 - 0.01);
      expect(spot.y + spot.height).toBeLessThanOrEqual((40 + h) / 792 + 0.01);
    });

    test('a PDF that runs JavaScript on open is read as text: its script never runs, nothing is fetched', async () => {
      // a loopback listener the script would reach: it must hear nothing
      const requests: string[] = [];
      const listener = createServer((req, res) => {
        requests.push(req.url ?? '');
        res.end();
      });
      await new Promise<void>((resolve) => listener.listen(0, '127.0.0.1', resolve));
      const { port } = listener.address() as AddressInfo;
      try {
        const pdf = makePdf([['Order Date: 5/6/2026', 'Q-See QC908 DVR']], {
          openActionJs: `app.alert("pwned"); this.submitForm("http://127.0.0.1:${port}/steal"); app.launchURL("http://127.0.0.1:${port}/open");`,
        });
        const reading = read(await reader.read(pdf));
        expect(reading.facts.purchaseDate?.date).toBe('2026-05-06');
        expect(reading.text).not.toContain('pwned');
        // the reading is over and answered; a request it had sent would have been heard by now on loopback
        await new Promise((resolve) => setImmediate(resolve));
        expect(requests).toEqual([]);
      } finally {
        await new Promise((resolve) => listener.close(resolve));
      }
    });
  });

  describe('images, by OCR (offline)', () => {
    const receipt = [
      'GIZMO MART',
      'Store 4458 - Raleigh',
      'QSEE 4MP IP BULLET     84.99',
      'MODEL QTN8037B',
      'TOTAL 84.99',
      'RETURN/EXCHANGE BY 12/07/2025',
      '11/22/2025 16:39:25',
    ];

    test('a clean screenshot', async () => {
      const reading = read(await reader.read(await renderReceipt(receipt)));
      expect(reading.source).toBe('ocr');
      expect(reading.facts.purchaseDate?.date).toBe('2025-11-22');
      expect(reading.facts.models.map((m) => m.model)).toEqual(['QTN8037B']);
      expect(reading.facts.seller?.seller).toBe('GIZMO MART');
      // the date is the last of seven lines: marked low on the image
      expect(reading.dateSpot).toMatchObject({ page: 1 });
      expect(reading.dateSpot!.y).toBeGreaterThan(0.6);
      expect(reading.dateSpot!.y + reading.dateSpot!.height).toBeLessThanOrEqual(1);
    });

    test('a photo: rotated, blurred, dim, JPEG', async () => {
      const photo = await photographReceipt(await renderReceipt(receipt), -2.5);
      const reading = read(await reader.read(photo));
      // a photo may lose a part, but never gives a wrong date
      expect([null, '2025-11-22']).toContain(reading.facts.purchaseDate?.date ?? null);
      expect(reading.facts.models.map((m) => m.model)).toContain('QTN8037B');
    });
  });

  describe('hostile and unreadable files fail safe: "unreadable", quickly, and the pool goes on', () => {
    test.each<[string, () => Buffer | Promise<Buffer>, string]>([
      ['an empty file', () => Buffer.alloc(0), 'empty'],
      ['not a receipt type (text)', () => Buffer.from('just some words, not a receipt'), 'wrong_type'],
      ['a PNG claiming 100 000 × 100 000 pixels', () => pngClaiming(100_000, 100_000), 'too_many_pixels'],
      ['a decompression bomb (a 48-megapixel black PNG)', () => pngBomb(48), 'too_many_pixels'],
      ['a PNG cut short', async () => (await renderReceipt(['Order Date 1/2/2026'])).subarray(0, 200), 'corrupt'],
      ['a PDF with garbage after its header', () => Buffer.concat([Buffer.from('%PDF-1.7\n'), Buffer.alloc(4000, 0x41)]), 'corrupt'],
      ['a PDF cut short', () => makePdf([['Order Date 1/2/2026']]).subarray(0, 300), 'corrupt'],
      ['a HEIC header and garbage (heic-decode finds no image; more in heic.test.ts)', () => heicHeader(), 'corrupt'],
      ["a PDF with a blank page (no text layer; drawn and OCR'd: nothing)", () => makePdf([[]]), 'no_text'],
    ])('%s', async (_name, file, reason) => {
      // one that hung would end as "skipped" (timeout), not as this reason
      expect(await reader.read(await file())).toMatchObject({ status: 'unreadable', reason });
    });

    test('a path that does not exist is "not_found", not an exception', async () => {
      await expect(reader.read(path.join(__dirname, 'no-such-receipt.pdf'))).resolves.toMatchObject({
        status: 'unreadable',
        reason: 'not_found',
      });
    });

    test('a file over the upload limit is not even loaded', async () => {
      const reading = await reader.read(Buffer.alloc(11 * 1024 * 1024));
      expect(reading).toMatchObject({ status: 'unreadable', reason: 'too_big' });
    });

    test('after all that, the same worker still reads a good file', async () => {
      const reading = read(await reader.read(makePdf([['PO Date: 27-JUL-26']])));
      expect(reading.facts.purchaseDate?.date).toBe('2026-07-27');
    });
  });
});

describe('ReaderPool under saturation: callers are never blocked indefinitely', () => {
  const pdf = makePdf([['Order Date: 1/2/2026']]);

  test('a full queue answers "busy" at once', async () => {
    const reader = pool({ workers: 1, queueLimit: 0 });
    try {
      const first = reader.read(pdf);
      const second = reader.read(pdf);
      await expect(second).resolves.toMatchObject({ status: 'skipped', reason: 'busy' });
      await expect(first).resolves.toMatchObject({ status: 'read' });
    } finally {
      await reader.close();
    }
  });

  test('a file that takes longer than the limit is skipped as "timeout" (its worker is stopped)', async () => {
    const reader = pool({ workers: 1, queueLimit: 1, timeoutMs: 1 });
    try {
      const slow = reader.read(pdf);
      await expect(slow).resolves.toMatchObject({ status: 'skipped', reason: 'timeout' });
    } finally {
      await reader.close();
    }
  });

  test('a worker that dies mid-file answers "crashed"; the next file goes to a fresh worker (this one dies too)', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'reader-'));
    const dying = path.join(dir, 'dyingWorker.js');
    // exits on its first file; the pool replaces it with the same script, which dies again
    writeFileSync(dying, "require('node:worker_threads').parentPort.on('message', () => process.exit(3));");
    const reader = pool({ workers: 1, queueLimit: 1, worker: { script: dying } });
    try {
      const first = reader.read(pdf);
      const second = reader.read(pdf);
      await expect(first).resolves.toMatchObject({ status: 'skipped', reason: 'crashed' });
      await expect(second).resolves.toMatchObject({ status: 'skipped', reason: 'crashed' });
    } finally {
      await reader.close();
    }
  });

  test('readings still waiting when the pool closes settle as "closed"', async () => {
    const reader = pool({ workers: 1, queueLimit: 2 });
    const first = reader.read(pdf);
    const queued = reader.read(pdf);
    await reader.close();
    await expect(queued).resolves.toMatchObject({ status: 'skipped', reason: 'closed' });
    await expect(first).resolves.toMatchObject({ status: 'skipped', reason: 'closed' });
    await expect(reader.read(pdf)).resolves.toMatchObject({ status: 'skipped', reason: 'closed' });
  });
});
