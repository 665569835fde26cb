#!/usr/bin/env node
// Writes a held-out-like receipt set (files + gold.jsonl) to an output folder: see README.md.
// Usage: node tools/receipts-synth/generate.mjs [outDir=/tmp/receipts-synth] [seed=2207] [perTemplate=3]
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { chromium } from 'playwright-core';
import sharp from 'sharp';
import { rngOf, TEMPLATES } from './templates.mjs';

const outDir = process.argv[2] ?? '/tmp/receipts-synth';
const seed = Number(process.argv[3] ?? 2207);
const perTemplate = Number(process.argv[4] ?? 3);
const CHROMIUM = process.env.CHROMIUM ?? '/usr/bin/chromium';

/** a phone photo: small rotation, blur, dim and uneven light, smaller, on a table, JPEG 60 */
async function photo(png, r) {
  const angle = (r.next() < 0.5 ? -1 : 1) * (1 + r.next() * 3);
  const blur = 0.3 + r.next() * 0.6;
  const contrast = 0.7 + r.next() * 0.12;
  const scale = 0.8 + r.next() * 0.3;
  const meta = await sharp(png).metadata();
  const w = Math.round(meta.width * scale);
  const rotated = await sharp(png)
    .resize({ width: w })
    .blur(blur)
    .linear(contrast, 128 * (1 - contrast) - 10)
    .rotate(angle, { background: { r: 120, g: 96, b: 70 } })
    .extend({ top: 40, bottom: 40, left: 40, right: 40, background: { r: 120, g: 96, b: 70 } })
    .toBuffer({ resolveWithObject: true });
  const { width, height } = rotated.info;
  const vignette = Buffer.from(
    `<svg width="${width}" height="${height}"><defs><radialGradient id="g" cx="${30 + r.int(0, 40)}%" cy="${30 + r.int(0, 40)}%" r="75%"><stop offset="50%" stop-color="black" stop-opacity="0"/><stop offset="100%" stop-color="black" stop-opacity="0.45"/></radialGradient></defs><rect width="100%" height="100%" fill="url(#g)"/></svg>`,
  );
  const jpg = await sharp(rotated.data).composite([{ input: vignette }]).jpeg({ quality: 60 }).toBuffer();
  return { jpg, desc: `rotated ${angle.toFixed(1)}°, blur ${blur.toFixed(2)}px, contrast ${contrast.toFixed(2)}, scale ${scale.toFixed(2)}` };
}

const pdfHeader = (h) =>
  h
    ? `<div style="font-size:8px;width:100%;display:flex;justify-content:space-between;padding:0 12px"><span>${h.date.getUTCMonth() + 1}/${h.date.getUTCDate()}/${String(h.date.getUTCFullYear()).slice(2)}, 10:4${h.date.getUTCDate() % 10} AM</span><span>${h.title}</span></div>`
    : '<span></span>';

async function main() {
  mkdirSync(outDir, { recursive: true });
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox'] });
  const page = await browser.newPage({ deviceScaleFactor: 1.5 });
  const gold = [];
  let n = 0;
  const names = Object.keys(TEMPLATES);
  for (let k = 0; k < perTemplate; k++) {
    for (const [t, name] of names.entries()) {
      n += 1;
      const r = rngOf(seed * 1000 + n);
      const doc = TEMPLATES[name](r);
      const id = `hs${String(n).padStart(3, '0')}`;
      // rotate kinds across templates so each template gets a PDF, a photo and a screenshot
      const kind = ['png', 'jpg', 'pdf', 'scan'][(t + k) % 4];
      await page.setContent(doc.html, { waitUntil: 'load' });
      let file;
      let variant = 'clean';
      let note = doc.note;
      if (kind === 'pdf' || kind === 'scan') {
        const box = await page.evaluate(() => {
          const el = document.body.firstElementChild;
          return { w: el.scrollWidth, h: el.scrollHeight };
        });
        const header = kind === 'pdf' && doc.printHeader;
        const pdf = await page.pdf({
          width: `${Math.max(box.w + 40, 500)}px`,
          height: `${box.h + 120}px`,
          printBackground: true,
          displayHeaderFooter: Boolean(header),
          headerTemplate: pdfHeader(header),
          footerTemplate: '<span></span>',
          margin: { top: '40px', bottom: '30px' },
        });
        if (kind === 'pdf') {
          file = `${id}.pdf`;
          writeFileSync(path.join(outDir, file), pdf);
          note += `; PDF with a text layer${header ? `; print header dated ${header.date.toISOString().slice(0, 10)}` : ''}`;
        } else {
          // a scan: the page as an image, blurred a little and grey, put in a PDF with no text layer
          const png = await page.locator('body > div').screenshot();
          const scanned = await sharp(png).greyscale().blur(0.5).rotate(0.8, { background: '#fff' }).png().toBuffer();
          await page.setContent(
            `<html><body style="margin:0"><img style="width:100%" src="data:image/png;base64,${scanned.toString('base64')}"></body></html>`,
            { waitUntil: 'load' },
          );
          const scanPdf = await page.pdf({ width: '816px', height: `${Math.ceil((816 * (await sharp(scanned).metadata()).height) / (await sharp(scanned).metadata()).width) + 20}px`, printBackground: true });
          file = `${id}.pdf`;
          writeFileSync(path.join(outDir, file), scanPdf);
          variant = 'scan';
          note += '; scanned PDF without a text layer';
        }
      } else {
        const png = await page.locator('body > div').screenshot();
        if (kind === 'png') {
          file = `${id}.png`;
          writeFileSync(path.join(outDir, file), png);
        } else {
          const { jpg, desc } = await photo(png, r);
          file = `${id}.jpg`;
          writeFileSync(path.join(outDir, file), jpg);
          variant = 'photo';
          note += `; photo: ${desc}`;
        }
      }
      const { html: _html, printHeader: _ph, ...labels } = doc;
      gold.push({ id, file, kind: file.endsWith('.pdf') ? 'pdf' : kind, variant, template: name, ...labels, note });
    }
  }
  await browser.close();
  writeFileSync(path.join(outDir, 'gold.jsonl'), `${gold.map((g) => JSON.stringify(g)).join('\n')}\n`);
  process.stderr.write(`${gold.length} receipts in ${outDir}\n`);
}

main().catch((error) => {
  process.stderr.write(`${error.stack ?? error}\n`);
  process.exit(1);
});
