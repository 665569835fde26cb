import sharp from 'sharp';
import type { Spot } from '../domain/receipts/spot';

type Box = Omit<Spot, 'page'>;

/** Nearer white than this (0–255) counts as the page's blank margin. */
const MARGIN_THRESHOLD = 24;

/**
 * A drawn PDF page without its blank margins: a scan or a phone photo placed on a white page is
 * drawn small, and tesseract reads the text at the size it is. `frame` is where the rest sits on
 * the page (fractions), to put what is found on it back on the page. A page with nothing to trim,
 * or nothing but margin, comes back as it was.
 */
export async function trimMargins(png: Buffer): Promise<{ image: Buffer; frame: Box }> {
  const whole = { image: png, frame: { x: 0, y: 0, width: 1, height: 1 } };
  const { width = 0, height = 0 } = await sharp(png).metadata();
  if (!width || !height) return whole;
  try {
    const { data, info } = await sharp(png)
      .trim({ background: '#ffffff', threshold: MARGIN_THRESHOLD })
      .png({ compressionLevel: 1 })
      .toBuffer({ resolveWithObject: true });
    const left = -(info.trimOffsetLeft ?? 0);
    const top = -(info.trimOffsetTop ?? 0);
    return { image: data, frame: { x: left / width, y: top / height, width: info.width / width, height: info.height / height } };
  } catch {
    // sharp refuses to trim a page that is all margin
    return whole;
  }
}

/** A box found on the trimmed image, as fractions of the whole page. */
export const onPage = (box: Box, frame: Box): Box => ({
  x: frame.x + box.x * frame.width,
  y: frame.y + box.y * frame.height,
  width: box.width * frame.width,
  height: box.height * frame.height,
});
