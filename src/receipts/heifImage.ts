import type { LazyImages } from 'heic-decode';
import { assertWithinPixelLimit, type ImageInput } from './normalizeImage';

/** ftyp brands that declare HEVC-coded images: the HEIC photos of iPhones and Android phones. */
const HEVC_BRANDS = new Set(['heic', 'heix', 'heim', 'heis', 'hevc', 'hevx', 'hevm', 'hevs']);
/** An ftyp box longer than this is not a HEIF's: its brands are not read. */
const MAX_FTYP_BYTES = 4096;

/** A HEIC that declares HEVC, the coding heic-decode reads, and still cannot be read: a broken file. */
export class HeifCorrupt extends Error {}

/**
 * The brands a HEIF's ftyp box declares (its major brand first), from the first bytes only.
 *
 * @example heifBrands(iphonePhoto) // ['heic', 'mif1', 'heic', 'miaf', 'MiHB']
 */
export function heifBrands(bytes: Uint8Array): string[] {
  if (bytes.length < 16) return [];
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const size = view.getUint32(0);
  if (ascii(bytes, 4) !== 'ftyp' || size < 16 || size > Math.min(bytes.length, MAX_FTYP_BYTES)) return [];
  const brands = [ascii(bytes, 8)];
  // after the major brand: a 4-byte minor version, then the compatible brands up to the box's end
  for (let at = 16; at + 4 <= size; at += 4) brands.push(ascii(bytes, at));
  return brands;
}

const ascii = (bytes: Uint8Array, at: number) => String.fromCharCode(...bytes.subarray(at, at + 4));

type DecodeAll = typeof import('heic-decode')['all'];
/** heic-decode (its WebAssembly libheif) loaded on the first HEIC a worker sees: a worker that gets none never pays for it. */
let loaded: Promise<DecodeAll> | null = null;
const heicDecodeAll = (): Promise<DecodeAll> => {
  loaded ??= import('heic-decode').then((heicDecode) => heicDecode.all);
  return loaded;
};

/**
 * The first image of a HEIC/HEIF (the primary one in a phone's photo, which holds one), ready for
 * normalizeImage. heic-decode (libheif-js: libheif with libde265, as WebAssembly) reads HEVC; its
 * size is checked before a pixel is decoded (ImageTooLarge). A file that heic-decode cannot read:
 * - declares HEVC → HeifCorrupt (HEVC is what heic-decode reads: the file is broken);
 * - does not → its bytes, for sharp, whose libheif decodes AV1 (an AVIF-coded HEIF). What sharp
 *   cannot decode either is a coding neither has: the caller says `heic_unsupported`.
 */
export async function heifImage(bytes: Buffer): Promise<ImageInput> {
  const hevc = heifBrands(bytes).some((brand) => HEVC_BRANDS.has(brand));
  const notDecoded = (what: string): Buffer => {
    if (hevc) throw new HeifCorrupt(`HEVC HEIC: ${what}`);
    return bytes;
  };
  let images: LazyImages;
  try {
    images = await (await heicDecodeAll())({ buffer: bytes });
  } catch {
    return notDecoded('its images cannot be found');
  }
  try {
    const first = images[0];
    if (!first) return notDecoded('no image in it');
    assertWithinPixelLimit(first.width, first.height);
    try {
      const { data, width, height } = await first.decode();
      return { data, width, height };
    } catch {
      return notDecoded('its first image does not decode');
    }
  } finally {
    images.dispose();
  }
}
