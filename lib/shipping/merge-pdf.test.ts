import { PDFDocument } from 'pdf-lib';
import { describe, expect, it } from 'vitest';
import { mergePdfs } from './merge-pdf';

async function label(pages: number): Promise<Uint8Array> {
  const doc = await PDFDocument.create();
  for (let i = 0; i < pages; i++) doc.addPage([288, 432]); // 4x6 in
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
});
