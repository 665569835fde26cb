import path from 'node:path';
import { HeifCorrupt, heifBrands, heifImage } from '../../src/receipts/heifImage';
import { ImageTooLarge } from '../../src/receipts/normalizeImage';
import { ReaderPool } from '../../src/receipts/readerPool';
import type { Reading } from '../../src/receipts/reading';
import { makePdf } from '../helpers/pdf';
import { av1Heif, HEIC_RECEIPT_LINES, heicClaiming, heicHeader, heicReceipt, renderReceipt } from './receiptFiles';

/** The real worker (src/receipts/readerWorker.ts), compiled as jest compiles TypeScript. */
const WORKER = {
  script: path.join(__dirname, '../helpers/tsWorker.js'),
  workerData: { tsScript: path.join(__dirname, '../../src/receipts/readerWorker.ts') },
};

function read(reading: Reading) {
  if (reading.status !== 'read') throw new Error(`expected a reading, got ${JSON.stringify(reading)}`);
  return reading;
}

describe('HEIC/HEIF proofs, read on the worker thread (heic-decode, offline)', () => {
  const reader = new ReaderPool({ worker: WORKER, workers: 1, queueLimit: 8, timeoutMs: 30_000 });
  afterAll(() => reader.close());

  test('a HEIC receipt (HEVC, as phones save photos) is decoded and read like a photo', async () => {
    const reading = read(await reader.read(heicReceipt()));
    expect(reading.source).toBe('ocr');
    expect(reading.facts.purchaseDate?.date).toBe('2026-03-14');
    expect(reading.facts.models.map((m) => m.model)).toEqual(['QTN8086B']);
    expect(reading.facts.seller?.seller).toBe('BRIGHTLINE ELECTRONICS');
  });

  test('a HEIF coded in AV1 (which heic-decode lacks) is read by sharp, as before', async () => {
    const reading = read(await reader.read(await av1Heif(await renderReceipt(HEIC_RECEIPT_LINES))));
    expect(reading.facts.purchaseDate?.date).toBe('2026-03-14');
    expect(reading.facts.models.map((m) => m.model)).toEqual(['QTN8086B']);
  });

  describe('fails safe: "unreadable" with its reason, quickly, and the pool goes on', () => {
    test.each<[string, () => Buffer | Promise<Buffer>, string]>([
      ['a HEIC claiming 100 000 × 100 000 pixels', () => heicClaiming(100_000, 100_000), 'too_many_pixels'],
      [
        'a HEIC claiming 9 000 × 9 000 (81 megapixels: decoding would allocate 324 MB first)',
        () => heicClaiming(9_000, 9_000),
        'too_many_pixels',
      ],
      ['a HEIC cut in half (its image data runs past the end)', () => heicReceipt().subarray(0, heicReceipt().length >> 1), 'corrupt'],
      ['a HEIC cut short in its header', () => heicReceipt().subarray(0, 200), 'corrupt'],
      ['a HEIC header and garbage', () => heicHeader(), 'corrupt'],
      [
        'a HEIF coded in neither HEVC nor AV1 (its item relabelled JPEG)',
        async () => av1Heif(await renderReceipt(HEIC_RECEIPT_LINES), 'jpeg'),
        'heic_unsupported',
      ],
    ])('%s', async (_name, file, reason) => {
      // one that hung would end as "skipped" (timeout), one decoded whole would not say too_many_pixels
      expect(await reader.read(await file())).toMatchObject({ status: 'unreadable', reason });
    });

    test('after all that, the same worker still reads a HEIC and a PDF', async () => {
      expect(read(await reader.read(heicReceipt())).facts.purchaseDate?.date).toBe('2026-03-14');
      expect(read(await reader.read(makePdf([['PO Date: 27-JUL-26']]))).facts.purchaseDate?.date).toBe('2026-07-27');
    });
  });
});

describe('heifImage: the first image, sized before it is decoded', () => {
  // libheif-js tells of each file it cannot read on console.log (the worker silences it)
  beforeAll(() => jest.spyOn(console, 'log').mockImplementation(() => {}));
  afterAll(() => jest.restoreAllMocks());

  test('the HEIC receipt: its RGBA pixels', async () => {
    const image = await heifImage(heicReceipt());
    expect(image).toMatchObject({ width: 900, height: 388 });
    expect(Buffer.isBuffer(image) ? 0 : image.data.length).toBe(900 * 388 * 4);
  });

  test('a size over the limit is refused from the header: ImageTooLarge, not a failed decode', async () => {
    // decoding 9 000 × 9 000 would first allocate 324 MB, then fail as HeifCorrupt (the data is 900 × 388)
    await expect(heifImage(heicClaiming(9_000, 9_000))).rejects.toThrow(ImageTooLarge);
    await expect(heifImage(heicClaiming(100_000, 100_000))).rejects.toThrow(ImageTooLarge);
  });

  test('a HEVC HEIC that does not decode is HeifCorrupt; a non-HEVC one is left to sharp (its bytes)', async () => {
    await expect(heifImage(heicReceipt().subarray(0, 8000))).rejects.toThrow(HeifCorrupt);
    const av1 = await av1Heif(await renderReceipt(['Order Date: 1/2/2026']));
    expect(await heifImage(av1)).toBe(av1);
  });

  test.each<[string, Buffer, string[]]>([
    [
      'an iPhone photo',
      Buffer.concat([ftyp('heic', ['mif1', 'MiHE', 'MiPr', 'miaf', 'MiHB', 'heic']), Buffer.alloc(8)]),
      ['heic', 'mif1', 'MiHE', 'MiPr', 'miaf', 'MiHB', 'heic'],
    ],
    ['a plain HEIF', ftyp('mif1', ['mif1', 'avif']), ['mif1', 'mif1', 'avif']],
    ['a box size past the end', ftyp('heic', ['mif1']).subarray(0, 18), []],
    ['not an ftyp box', Buffer.from('\0\0\0\x18moovheic\0\0\0\0mif1heic', 'latin1'), []],
    ['too short', Buffer.from('\0\0\0\x18ftyp', 'latin1'), []],
  ])('heifBrands: %s', (_name, bytes, brands) => {
    expect(heifBrands(bytes)).toEqual(brands);
  });
});

/** An ftyp box: its size, "ftyp", the major brand, minor version 0 and the compatible brands. */
function ftyp(major: string, compatible: string[]): Buffer {
  const body = Buffer.from(`ftyp${major}\0\0\0\0${compatible.join('')}`, 'latin1');
  const size = Buffer.alloc(4);
  size.writeUInt32BE(body.length + 4);
  return Buffer.concat([size, body]);
}
