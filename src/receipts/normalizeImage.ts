import sharp, { type Sharp } from 'sharp';

/** Larger than this (width × height) is refused before it is decoded: a decompression bomb, not a receipt. */
export const MAX_INPUT_PIXELS = 40_000_000;
/** Tesseract reads body text best around 30 px per line; receipts photographed small are enlarged to this width. */
const TARGET_MIN_WIDTH = 1800;
const MAX_OUTPUT_WIDTH = 3000;

export class ImageTooLarge extends Error {}

/** Pixels decoded before sharp sees them (a HEIC, by heic-decode): 8-bit RGBA, row after row. */
export interface RawImage {
  data: Uint8Array | Uint8ClampedArray;
  width: number;
  height: number;
}

/** What normalizeImage reads: an image file sharp decodes itself (JPEG, PNG, AV1 HEIF), or decoded pixels. */
export type ImageInput = Buffer | RawImage;

/**
 * Throws ImageTooLarge for dimensions that must not be decoded: none, or over MAX_INPUT_PIXELS.
 * Called with the sizes a file's header claims, before any pixel is decoded.
 *
 * @example assertWithinPixelLimit(100_000, 100_000) // throws ImageTooLarge('100000x100000')
 */
export function assertWithinPixelLimit(width: number, height: number): void {
  if (width === 0 || height === 0 || width * height > MAX_INPUT_PIXELS) throw new ImageTooLarge(`${width}x${height}`);
}

function open(image: ImageInput, sequentialRead = false): Sharp {
  const options = { limitInputPixels: MAX_INPUT_PIXELS, failOn: 'error' as const, sequentialRead };
  if (Buffer.isBuffer(image)) return sharp(image, options);
  // decoded pixels may carry transparency: a receipt on white, as on paper
  return sharp(image.data, { ...options, raw: { width: image.width, height: image.height, channels: 4 } }).flatten({
    background: '#ffffff',
  });
}

/**
 * An image ready for OCR: turned upright by its EXIF orientation, enlarged when small, grey, with
 * its contrast stretched (a photo's dim, uneven light) over the whole image or, `local`, tile by
 * tile, as PNG. Refuses huge dimensions from the
 * header alone, before any pixel is decoded.
 */
export async function normalizeImage(
  image: ImageInput,
  options: { enhance: boolean; local?: boolean } = { enhance: true },
): Promise<Buffer> {
  const meta = await open(image).metadata();
  const width = meta.width ?? 0;
  const height = meta.height ?? 0;
  assertWithinPixelLimit(width, height);
  // without enhancement (only to measure what it brings) tesseract gets the file as it came, or
  // decoded pixels as a PNG (tesseract reads files, not bare pixels)
  if (!options.enhance) return Buffer.isBuffer(image) ? image : open(image).png({ compressionLevel: 1 }).toBuffer();
  const upright = (meta.orientation ?? 1) >= 5 ? height : width;
  let pipeline = open(image, true).rotate();
  if (upright < TARGET_MIN_WIDTH) pipeline = pipeline.resize({ width: Math.min(MAX_OUTPUT_WIDTH, TARGET_MIN_WIDTH), kernel: 'lanczos3' });
  else if (upright > MAX_OUTPUT_WIDTH) pipeline = pipeline.resize({ width: MAX_OUTPUT_WIDTH });
  // `local`: contrast stretched tile by tile (CLAHE) — light-grey small print on a photo's uneven light
  pipeline = options.local
    ? pipeline.greyscale().clahe({ width: 40, height: 40, maxSlope: 4 })
    : pipeline.greyscale().normalise({ lower: 1, upper: 99 });
  return pipeline.png({ compressionLevel: 1 }).toBuffer();
}
