// One PDF of many labels (pdf-lib): every page of every label, in order. A label that cannot be
// fetched or read is left out and counted, so one bad file does not lose the others.
import { PDFDocument } from 'pdf-lib';

export async function mergePdfs(files: Uint8Array[]): Promise<{ pdf: Uint8Array; pages: number; skipped: number }> {
  const out = await PDFDocument.create();
  let skipped = 0;
  for (const bytes of files) {
    try {
      const doc = await PDFDocument.load(bytes);
      for (const page of await out.copyPages(doc, doc.getPageIndices())) out.addPage(page);
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
