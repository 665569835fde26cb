import path from 'node:path';
import sharp from 'sharp';
import { type Bbox, createWorker, PSM, type Worker as TesseractWorker } from 'tesseract.js';
import type { PlacedLine, Spot } from '../domain/receipts/spot';

/**
 * The English model shipped in @tesseract.js-data/eng (the small integer "best" model read the dev
 * receipts as well as the full one). Nothing is downloaded: without `langPath` tesseract.js fetches
 * from a CDN, and without `cacheMethod: 'none'` it writes the model into the working directory.
 */
function langPath(): string {
  return path.join(path.dirname(require.resolve('@tesseract.js-data/eng/package.json')), '4.0.0_best_int');
}

/** One tesseract.js worker, created on first use and kept for the next image. */
export class OcrEngine {
  private worker: Promise<TesseractWorker> | null = null;
  private layout: 'block' | 'auto' = 'block';

  private engine(): Promise<TesseractWorker> {
    this.worker ??= createWorker('eng', 1, { langPath: langPath(), gzip: true, cacheMethod: 'none', errorHandler: () => {} }).then(
      async (w) => {
        // keep runs of spaces: the gap between a label and its value, or two columns, stays visible;
        // tesseract's own notes ("Estimating resolution as 216") go nowhere instead of the service's stderr
        await w.setParameters({ preserve_interword_spaces: '1', tessedit_pageseg_mode: PSM.SINGLE_BLOCK, debug_file: '/dev/null' });
        return w;
      },
    );
    return this.worker;
  }

  /**
   * The text of a (normalised) image. `block` reads the page as one block of lines (tesseract.js's
   * default, best on receipts); `auto` lets tesseract find columns and tables itself, which keeps
   * rows that sit inside bordered table cells that `block` sometimes drops.
   */
  async recognize(image: Buffer, layout: 'block' | 'auto' = 'block'): Promise<string> {
    return (await this.recognizeLines(image, layout)).text;
  }

  /** The text, and each line with where it sits on the image (fractions of its width and height). */
  async recognizeLines(image: Buffer, layout: 'block' | 'auto' = 'block'): Promise<{ text: string; lines: PlacedLine[] }> {
    const worker = await this.engine();
    if (layout !== this.layout) {
      await worker.setParameters({ tessedit_pageseg_mode: layout === 'block' ? PSM.SINGLE_BLOCK : PSM.AUTO });
      this.layout = layout;
    }
    const { data } = await worker.recognize(image, {}, { text: true, blocks: true });
    const { width, height } = await sharp(image).metadata();
    const lines: PlacedLine[] = [];
    for (const block of data.blocks ?? [])
      for (const paragraph of block.paragraphs)
        for (const line of paragraph.lines) lines.push({ text: line.text, box: boxOf(line.bbox, width ?? 0, height ?? 0) });
    return { text: data.text, lines };
  }

  async close(): Promise<void> {
    const worker = this.worker;
    this.worker = null;
    this.layout = 'block';
    if (worker) await (await worker).terminate();
  }
}

/** A tesseract box in pixels as fractions of the image (null when the image size is unknown). */
function boxOf(bbox: Bbox, width: number, height: number): Omit<Spot, 'page'> | null {
  if (width <= 0 || height <= 0) return null;
  return { x: bbox.x0 / width, y: bbox.y0 / height, width: (bbox.x1 - bbox.x0) / width, height: (bbox.y1 - bbox.y0) / height };
}
