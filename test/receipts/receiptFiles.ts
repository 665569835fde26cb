import { readFileSync } from 'node:fs';
import path from 'node:path';
import { crc32, deflateSync } from 'node:zlib';
import sharp from 'sharp';

/** Receipt images drawn for the tests (SVG text rendered by sharp), and hostile image files. */

const escapeXml = (s: string) => s.replace(/[<>&]/g, (c) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;' })[c]!);

/** A clean receipt screenshot: dark text on white, one line each. */
export async function renderReceipt(lines: string[], width = 900): Promise<Buffer> {
  const lineHeight = 44;
  const height = 80 + lines.length * lineHeight;
  const text = lines
    .map(
      (line, i) => `<text x="40" y="${70 + i * lineHeight}" font-family="DejaVu Sans, sans-serif" font-size="28">${escapeXml(line)}</text>`,
    )
    .join('');
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}"><rect width="100%" height="100%" fill="white"/>${text}</svg>`;
  return sharp(Buffer.from(svg)).png().toBuffer();
}

/** The same receipt as a phone photo: rotated, blurred, dimmer, grey background, JPEG quality 60. */
export async function photographReceipt(png: Buffer, degrees: number): Promise<Buffer> {
  return sharp(png).rotate(degrees, { background: '#8a8178' }).blur(0.6).linear(0.75, 30).jpeg({ quality: 60 }).toBuffer();
}

function chunk(type: string, data: Buffer): Buffer {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'latin1'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body) >>> 0);
  return Buffer.concat([length, body, crc]);
}

/**
 * A PNG whose header claims `width × height` pixels (e.g. 100 000 × 100 000: 10 gigapixels), with a
 * few bytes of data: a reader that decoded before checking the size would try to allocate it.
 */
export function pngClaiming(width: number, height: number): Buffer {
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header.writeUInt8(8, 8); // bit depth
  header.writeUInt8(0, 9); // greyscale
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', deflateSync(Buffer.alloc(1024))),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

/** A real decompression bomb: a black square of `megapixels`, a small file that inflates far past the pixel limit. */
export async function pngBomb(megapixels: number): Promise<Buffer> {
  const side = Math.ceil(Math.sqrt(megapixels * 1_000_000));
  return sharp({ create: { width: side, height: side, channels: 3, background: { r: 0, g: 0, b: 0 } } })
    .greyscale()
    .png({ compressionLevel: 9 })
    .toBuffer();
}

/** The start of an iPhone HEIC photo (an ISO-BMFF "ftyp" box with the heic brand) and some bytes. */
export function heicHeader(): Buffer {
  const ftyp = Buffer.concat([
    Buffer.from([0, 0, 0, 24]),
    Buffer.from('ftypheic', 'latin1'),
    Buffer.alloc(4),
    Buffer.from('mif1heic', 'latin1'),
  ]);
  return Buffer.concat([ftyp, Buffer.alloc(2048, 7)]);
}

/** The lines of the receipt in test/fixtures/receipts/receipt.heic (its README says how it was made). */
export const HEIC_RECEIPT_LINES = [
  'BRIGHTLINE ELECTRONICS',
  'Store 0217 - Columbus, OH',
  'Q-SEE 8CH 4K NVR KIT      349.99',
  'MODEL QTN8086B',
  'SUBTOTAL                  349.99',
  'TOTAL                     374.49',
  '03/14/2026 10:52:07',
];

/** A real HEIC (HEVC, 900 × 388) of a receipt rendered by renderReceipt, as a phone saves a photo. */
export const heicReceipt = (): Buffer => readFileSync(path.join(__dirname, '../fixtures/receipts/receipt.heic'));

/**
 * The HEIC receipt with its image's ispe property (the size the header declares) claiming
 * `width × height`: a reader that decoded before checking the size would allocate it.
 */
export function heicClaiming(width: number, height: number): Buffer {
  const heic = Buffer.from(heicReceipt());
  const ispe = heic.indexOf('ispe', 0, 'latin1');
  if (ispe < 0) throw new Error('no ispe box in the HEIC fixture');
  // after the box type: version and flags (4 bytes), then width and height
  heic.writeUInt32BE(width, ispe + 8);
  heic.writeUInt32BE(height, ispe + 12);
  return heic;
}

/**
 * A HEIF whose image is coded in AV1, not HEVC: sharp's AVIF output with its major brand made
 * "mif1" (plain HEIF), so that it is taken as image/heif and not image/avif. `itemType` relabels
 * the image item (e.g. "jpeg": a coding neither heic-decode nor sharp decodes).
 */
export async function av1Heif(png: Buffer, itemType?: string): Promise<Buffer> {
  const heif = await sharp(png).flatten({ background: '#ffffff' }).avif({ quality: 60 }).toBuffer();
  heif.write('mif1', 8, 'latin1');
  if (itemType) {
    const av01 = heif.indexOf('av01', 0, 'latin1');
    if (av01 < 0) throw new Error('no av01 item in the AVIF');
    heif.write(itemType, av01, 'latin1');
  }
  return heif;
}
