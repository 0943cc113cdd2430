import { decodePDFRawStream, PDFArray, PDFDocument, PDFRawStream, type PDFPage } from 'pdf-lib';
import { describe, expect, it } from 'vitest';
import { mergePdfs } from './merge-pdf';

async function label(pages: number): Promise<Uint8Array> {
  const doc = await PDFDocument.create();
  for (let i = 0; i < pages; i++) doc.addPage([288, 432]).drawRectangle({ x: 10, y: 10, width: 100, height: 50 }); // 4x6 in
  return doc.save();
}

describe('mergePdfs', () => {
  it('keeps every page of every label in order and skips what is not a PDF', async () => {
    const { pdf, pages, skipped } = await mergePdfs([await label(1), new TextEncoder().encode('<html>nope</html>'), await label(2)]);
    expect(pages).toBe(3);
    expect(skipped).toBe(1);
    const back = await PDFDocument.load(pdf);
    expect(back.getPages().map((p) => [p.getWidth(), p.getHeight()])).toEqual([[288, 432], [288, 432], [288, 432]]);
  });

  it('letter: each label on its own US letter page, at its size, top centred; an oversized one shrunk to fit', async () => {
    const big = await PDFDocument.create();
    big.addPage([595, 842]).drawRectangle({ x: 10, y: 10, width: 100, height: 50 }); // an A4 label
    const { pdf, pages, skipped } = await mergePdfs([await label(2), new Uint8Array(), await big.save()], 'letter');
    expect([pages, skipped]).toEqual([3, 1]);
    const back = await PDFDocument.load(pdf);
    expect(back.getPages().map((p) => [p.getWidth(), p.getHeight()])).toEqual([[612, 792], [612, 792], [612, 792]]);
    // The drawn label: a form XObject placed with its size in the content stream's matrix.
    // Where the label lands: the page's scale/translate `cm` operators composed into [sx, sy, x, y].
    const matrices = back.getPages().map((p) =>
      [...new TextDecoder().decode(pageContent(p)).matchAll(/([\d.-]+) 0 0 ([\d.-]+) ([\d.-]+) ([\d.-]+) cm/g)]
        .map((m) => m.slice(1).map(Number))
        .reduce(([a, d, e, f], [a2, d2, e2, f2]) => [a * a2, d * d2, a * e2 + e, d * f2 + f], [1, 1, 0, 0]),
    );
    expect(matrices[0]).toEqual([1, 1, 162, 324]); // 4x6 at 100 %: (612-288)/2, 792-36-432
    const [sx, sy, x, y] = matrices[2];
    expect(sx).toBeCloseTo(720 / 842, 4);
    expect(sy).toBeCloseTo(720 / 842, 4);
    expect(x + 595 * sx / 2).toBeCloseTo(306, 1);
    expect(y).toBeCloseTo(36, 1);
  });

  it('4x6 is the default and keeps label pages as they are', async () => {
    const { pdf } = await mergePdfs([await label(1)], '4x6');
    expect((await PDFDocument.load(pdf)).getPage(0).getSize()).toEqual({ width: 288, height: 432 });
  });
});

function pageContent(p: PDFPage): Uint8Array {
  const contents = p.node.Contents();
  const streams = contents instanceof PDFArray ? contents.asArray().map((r) => p.doc.context.lookup(r)) : [contents];
  const parts = streams.filter((s): s is PDFRawStream => s instanceof PDFRawStream).map((s) => decodePDFRawStream(s).decode());
  return Buffer.concat(parts);
}
