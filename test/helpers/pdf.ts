/**
 * Small PDFs written byte by byte for the reader's tests: pages of text in Helvetica (a real text
 * layer), an empty page (no text layer), and extras a hostile file carries (JavaScript run on open).
 */
export interface PdfOptions {
  /** JavaScript to run when the document opens (an OpenAction): the reader must never run it */
  openActionJs?: string;
  /** a page size, points (default US Letter) */
  size?: [number, number];
}

const escapePdf = (s: string) => s.replace(/[\\()]/g, (c) => `\\${c}`);

/** A scanned page: a JPEG drawn over the whole page (or at `at`: x, y from the bottom left, width, height in points), no text layer. */
export interface ScannedPage {
  jpeg: Buffer;
  width: number;
  height: number;
  at?: [number, number, number, number];
}

/** A PDF whose pages hold these lines of text, top to bottom (an empty page has no text layer), or a scan. */
export function makePdf(pages: (string[] | ScannedPage)[], options: PdfOptions = {}): Buffer {
  const [width, height] = options.size ?? [612, 792];
  const objects: string[] = [];
  const add = (body: string) => {
    objects.push(body);
    return objects.length;
  };
  const catalog = add('');
  const pagesId = add('');
  const font = add('<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>');
  const kids: number[] = [];
  for (const page of pages) {
    if (!Array.isArray(page)) {
      const image = add(
        `<< /Type /XObject /Subtype /Image /Width ${page.width} /Height ${page.height} /ColorSpace /DeviceRGB /BitsPerComponent 8 /Filter /DCTDecode /Length ${page.jpeg.length} >>\nstream\n${page.jpeg.toString('latin1')}\nendstream`,
      );
      const [x, y, w, h] = page.at ?? [0, 0, width, height];
      const draw = `q ${w} 0 0 ${h} ${x} ${y} cm /Im1 Do Q`;
      const content = add(`<< /Length ${draw.length} >>\nstream\n${draw}\nendstream`);
      kids.push(
        add(
          `<< /Type /Page /Parent ${pagesId} 0 R /MediaBox [0 0 ${width} ${height}] /Resources << /XObject << /Im1 ${image} 0 R >> >> /Contents ${content} 0 R >>`,
        ),
      );
      continue;
    }
    const lines = page;
    const ops = lines.map((line, i) => `BT /F1 12 Tf 50 ${height - 60 - i * 18} Td (${escapePdf(line)}) Tj ET`).join('\n');
    const content = add(`<< /Length ${Buffer.byteLength(ops, 'latin1')} >>\nstream\n${ops}\nendstream`);
    kids.push(
      add(
        `<< /Type /Page /Parent ${pagesId} 0 R /MediaBox [0 0 ${width} ${height}] /Resources << /Font << /F1 ${font} 0 R >> >> /Contents ${content} 0 R >>`,
      ),
    );
  }
  const js = options.openActionJs ? add(`<< /Type /Action /S /JavaScript /JS (${escapePdf(options.openActionJs)}) >>`) : null;
  objects[catalog - 1] = `<< /Type /Catalog /Pages ${pagesId} 0 R${js ? ` /OpenAction ${js} 0 R` : ''} >>`;
  objects[pagesId - 1] = `<< /Type /Pages /Kids [${kids.map((k) => `${k} 0 R`).join(' ')}] /Count ${kids.length} >>`;
  let out = '%PDF-1.4\n';
  const offsets: number[] = [];
  objects.forEach((body, i) => {
    offsets.push(Buffer.byteLength(out, 'latin1'));
    out += `${i + 1} 0 obj\n${body}\nendobj\n`;
  });
  const xref = Buffer.byteLength(out, 'latin1');
  out += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n`;
  for (const offset of offsets) out += `${String(offset).padStart(10, '0')} 00000 n \n`;
  out += `trailer\n<< /Size ${objects.length + 1} /Root ${catalog} 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return Buffer.from(out, 'latin1');
}
