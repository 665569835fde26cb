import sharp from 'sharp';

/** Larger than this (width × height) is refused before it is decoded: a decompression bomb, not a receipt. */
export const MAX_INPUT_PIXELS = 40_000_000;
/** Tesseract reads body text best around 30 px per line; receipts photographed small are enlarged to this width. */
const TARGET_MIN_WIDTH = 1800;
const MAX_OUTPUT_WIDTH = 3000;

export class ImageTooLarge extends Error {}

/**
 * An image ready for OCR: turned upright by its EXIF orientation, enlarged when small, grey, with
 * its contrast stretched (a photo's dim, uneven light) over the whole image or, `local`, tile by
 * tile, as PNG. Refuses huge dimensions from the
 * header alone, before any pixel is decoded.
 */
export async function normalizeImage(bytes: Buffer, options: { enhance: boolean; local?: boolean } = { enhance: true }): Promise<Buffer> {
  const meta = await sharp(bytes, { limitInputPixels: MAX_INPUT_PIXELS, failOn: 'error' }).metadata();
  const width = meta.width ?? 0;
  const height = meta.height ?? 0;
  if (width === 0 || height === 0 || width * height > MAX_INPUT_PIXELS) throw new ImageTooLarge(`${width}x${height}`);
  // without enhancement (only to measure what it brings) tesseract gets the file as it came
  if (!options.enhance) return bytes;
  const upright = (meta.orientation ?? 1) >= 5 ? height : width;
  let pipeline = sharp(bytes, { limitInputPixels: MAX_INPUT_PIXELS, failOn: 'error', sequentialRead: true }).rotate();
  if (upright < TARGET_MIN_WIDTH) pipeline = pipeline.resize({ width: Math.min(MAX_OUTPUT_WIDTH, TARGET_MIN_WIDTH), kernel: 'lanczos3' });
  else if (upright > MAX_OUTPUT_WIDTH) pipeline = pipeline.resize({ width: MAX_OUTPUT_WIDTH });
  // `local`: contrast stretched tile by tile (CLAHE) — light-grey small print on a photo's uneven light
  pipeline = options.local
    ? pipeline.greyscale().clahe({ width: 40, height: 40, maxSlope: 4 })
    : pipeline.greyscale().normalise({ lower: 1, upper: 99 });
  return pipeline.png({ compressionLevel: 1 }).toBuffer();
}
