#!/usr/bin/env node
// receipts-synth2: renders the templates in templates.mjs with headless Chromium into
// clean PNGs, text-layer PDFs, phone photos (sharp: perspective shear, rotation, blur, dim light,
// JPEG 60) and scanned PDFs (an image only, no text layer), and writes gold.jsonl.
// Usage: node tools/receipts-synth2/generate.mjs [outDir=/tmp/receipts-synth2]
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { chromium } from 'playwright-core';
import sharp from 'sharp';
import { templates } from './templates.mjs';

const out = process.argv[2] ?? '/tmp/receipts-synth2';
mkdirSync(out, { recursive: true });

/** deterministic pseudo-random numbers, so a rerun gives the same photos */
let seed = 22;
const rand = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);

async function photo(png) {
  const angle = (rand() < 0.5 ? -1 : 1) * (1 + rand() * 3);
  const shear = (rand() - 0.5) * 0.08;
  const meta = await sharp(png).metadata();
  const skewed = await sharp(png)
    .affine([[1, shear], [shear / 3, 1]], { background: '#ffffff' })
    .rotate(angle, { background: '#6b5a48' })
    .extend({ top: 40, bottom: 40, left: 40, right: 40, background: '#6b5a48' })
    .blur(0.6 + rand() * 0.5)
    .linear(0.75, 20 - rand() * 25)
    .resize({ width: Math.round(meta.width * 0.85) })
    .png()
    .toBuffer();
  // uneven light: a dark gradient over one side
  const m2 = await sharp(skewed).metadata();
  const shade = Buffer.from(
    `<svg width="${m2.width}" height="${m2.height}"><defs><radialGradient id="g" cx="30%" cy="30%" r="90%"><stop offset="0" stop-color="#000" stop-opacity="0"/><stop offset="1" stop-color="#000" stop-opacity="0.45"/></radialGradient></defs><rect width="100%" height="100%" fill="url(#g)"/></svg>`,
  );
  return sharp(skewed).composite([{ input: shade }]).jpeg({ quality: 60 }).toBuffer();
}

const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox'] });
const page = await browser.newPage({ deviceScaleFactor: 2 });
const gold = [];
let n = 0;
const kinds = ['png', 'jpg', 'pdf'];
for (let t = 0; t < templates.length; t++) {
  const { html, gold: g, layout } = templates[t]();
  await page.setContent(html);
  // the document itself, not the empty viewport around it
  const png = await page.locator('#doc').screenshot();
  // three files per template; every fifth also scanned on a flatbed, and every fifth (another) a photo saved as a PDF
  const wanted = t % 5 === 0 ? [...kinds, 'scan'] : t % 5 === 2 ? [...kinds, 'photopdf'] : kinds;
  for (const kind of wanted) {
    n += 1;
    const id = `s2-${String(n).padStart(3, '0')}`;
    let file;
    let variant = 'clean';
    let note = g.note;
    if (kind === 'png') writeFileSync(path.join(out, (file = `${id}.png`)), png);
    else if (kind === 'jpg') {
      writeFileSync(path.join(out, (file = `${id}.jpg`)), await photo(png));
      variant = 'photo';
      note += '; phone photo: perspective shear, rotation, blur, dim, vignette, JPEG 60';
    } else if (kind === 'pdf') {
      const pdf = await page.pdf({ format: 'Letter', printBackground: true, displayHeaderFooter: false });
      writeFileSync(path.join(out, (file = `${id}.pdf`)), pdf);
    } else {
      // a flatbed scan: grey, a little skew and blur on white; or the phone photo put in a PDF
      const jpeg =
        kind === 'scan'
          ? await sharp(png).rotate(0.8, { background: '#ffffff' }).blur(0.5).grayscale().linear(0.9, 10).jpeg({ quality: 70 }).toBuffer()
          : await sharp(await photo(png)).grayscale().jpeg({ quality: 70 }).toBuffer();
      const scanPage = await browser.newPage();
      await scanPage.setContent(`<html><body style="margin:0"><img style="width:7.5in" src="data:image/jpeg;base64,${jpeg.toString('base64')}"></body></html>`);
      const pdf = await scanPage.pdf({ format: 'Letter', displayHeaderFooter: false });
      await scanPage.close();
      writeFileSync(path.join(out, (file = `${id}.pdf`)), pdf);
      variant = kind === 'scan' ? 'scan' : 'photo';
      note += kind === 'scan' ? '; flatbed scan in a PDF: an image only, no text layer' : '; phone photo saved as a PDF: an image only, no text layer';
    }
    gold.push({ id, file, kind: kind === 'scan' || kind === 'photopdf' ? 'pdf' : kind, variant, layout, ...g, note, template: t + 1 });
  }
}
await browser.close();
writeFileSync(path.join(out, 'gold.jsonl'), `${gold.map((g) => JSON.stringify(g)).join('\n')}\n`);
process.stderr.write(`${gold.length} receipts in ${out}\n`);
