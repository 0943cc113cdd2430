// One PDF of many labels (pdf-lib): every page of every label, in order. A label that cannot be
// fetched or read is left out and counted, so one bad file does not lose the others. Two sheet
// formats: 4x6 (each label page as it is, for thermal printers) or letter (each label at its own
// size on a US letter page, top centred with a half-inch margin, shrunk only if it would not fit,
// for office printers and adhesive label sheets).
import { PDFDocument, type PDFPage } from 'pdf-lib';

export const SHEET_FORMATS = ['4x6', 'letter'] as const;
export type SheetFormat = (typeof SHEET_FORMATS)[number];
export const isSheetFormat = (v: unknown): v is SheetFormat => typeof v === 'string' && (SHEET_FORMATS as readonly string[]).includes(v);

const LETTER: [number, number] = [612, 792]; // 8.5 x 11 in, in points
const MARGIN = 36;

async function onLetter(out: PDFDocument, doc: PDFDocument): Promise<void> {
  const embedded = await out.embedPages(doc.getPages() as PDFPage[]);
  for (const label of embedded) {
    const page = out.addPage(LETTER);
    const scale = Math.min(1, (LETTER[0] - 2 * MARGIN) / label.width, (LETTER[1] - 2 * MARGIN) / label.height);
    const w = label.width * scale;
    const h = label.height * scale;
    page.drawPage(label, { x: (LETTER[0] - w) / 2, y: LETTER[1] - MARGIN - h, width: w, height: h });
  }
}

export async function mergePdfs(files: Uint8Array[], format: SheetFormat = '4x6'): Promise<{ pdf: Uint8Array; pages: number; skipped: number }> {
  const out = await PDFDocument.create();
  let skipped = 0;
  for (const bytes of files) {
    try {
      const doc = await PDFDocument.load(bytes);
      if (format === 'letter') await onLetter(out, doc);
      else for (const page of await out.copyPages(doc, doc.getPageIndices())) out.addPage(page);
    } catch {
      skipped++;
    }
  }
  return { pdf: await out.save(), pages: out.getPageCount(), skipped };
}

/** Downloads label PDFs (https, or loopback for the simulator: the URLs the database allows). */
export async function fetchLabels(urls: string[], timeoutMs = 15_000): Promise<Uint8Array[]> {
  const files: Uint8Array[] = [];
  for (const url of urls) {
    try {
      const res = await fetch(url, { signal: AbortSignal.timeout(timeoutMs), redirect: 'error' });
      if (res.ok) files.push(new Uint8Array(await res.arrayBuffer()));
      else files.push(new Uint8Array());
    } catch {
      files.push(new Uint8Array());
    }
  }
  return files;
}
