// Shipping label files for bought transactions, served at `label_url`: a real PDF (pdf-lib) in the
// requested size, a ZPL II document for thermal printers, or a PNG. The barcode is drawn from the
// tracking number but is not a scannable symbology; test labels say so on their face.
import { deflateSync } from 'node:zlib';
import { PDFDocument, StandardFonts, rgb, type PDFFont, type PDFPage } from 'pdf-lib';

export interface LabelData {
  carrier: string; // USPS | UPS | FedEx
  service: string; // "Priority Mail"
  trackingNumber: string;
  from: { name: string; company: string; street1: string; street2: string; city: string; state: string; zip: string };
  to: { name: string; company: string; street1: string; street2: string; city: string; state: string; zip: string };
  weight: string; // "2 lb"
  shipDate: number;
  reference: string;
  test: boolean;
  transactionId: string;
}

// Page sizes in points; the 4x6 layout is scaled into each.
const PAGES: Record<string, [number, number]> = {
  PDF_4x6: [288, 432], PDF_4x8: [288, 576], PDF: [612, 792], PDF_A4: [595.28, 841.89], PDF_A5: [419.53, 595.28],
  PDF_A6: [297.64, 419.53], 'PDF_2.3x7.5': [165.6, 540],
};

/** Helvetica only encodes WinAnsi; strip accents and replace anything else. */
function safe(s: string): string {
  return s.normalize('NFKD').replace(/[\u0300-\u036f]/g, '').replace(/[^\x20-\x7e]/g, '?');
}

/** Bar widths (1–3 units) derived from the characters; start/stop guards at both ends. */
export function barPattern(code: string): number[] {
  const bars = [2, 1, 1, 2, 3, 1];
  for (const ch of code) {
    const c = ch.charCodeAt(0);
    bars.push(1 + (c % 3), 1 + ((c >> 2) % 2), 1 + ((c >> 1) % 3), 1 + (c % 2));
  }
  bars.push(2, 3, 3, 1, 1, 1, 2);
  return bars;
}

function addressLines(a: LabelData['to']): string[] {
  return [a.name, a.company, a.street1, a.street2, `${a.city} ${a.state} ${a.zip}`].filter((l) => l.trim()).map((l) => safe(l.toUpperCase()));
}

export async function renderPdf(d: LabelData, fileType: string): Promise<Uint8Array> {
  const [pw, ph] = PAGES[fileType] ?? PAGES.PDF_4x6;
  const doc = await PDFDocument.create({ updateMetadata: false });
  doc.setTitle(`Shipping label ${d.trackingNumber}`);
  doc.setProducer('Shippo sandbox simulator');
  doc.setCreator('Shippo sandbox simulator');
  doc.setCreationDate(new Date(d.shipDate));
  doc.setModificationDate(new Date(d.shipDate));
  const page = doc.addPage([pw, ph]);
  const font = await doc.embedFont(StandardFonts.Helvetica);
  const bold = await doc.embedFont(StandardFonts.HelveticaBold);
  // Letter/A4/A5 sheets print the 4x6 label at the top; label stock is filled edge to edge.
  const s = Math.min(pw / 288, ph / 432, 1.25);
  const ox = (pw - 288 * s) / 2;
  const oy = ph - 432 * s - (pw > 400 ? 36 : (ph - 432 * s) / 2);
  drawLabel(page, d, font, bold, (x, y) => [ox + x * s, oy + y * s], s);
  return doc.save({ useObjectStreams: false });
}

type Map2 = (x: number, y: number) => [number, number];

function drawLabel(page: PDFPage, d: LabelData, font: PDFFont, bold: PDFFont, at: Map2, s: number): void {
  const black = rgb(0, 0, 0);
  // Long names and streets shrink to fit inside the frame instead of running off the label.
  const text = (t: string, x: number, y: number, size: number, f = font) => {
    const [px, py] = at(x, y);
    const clean = safe(t);
    const fit = Math.min(size, (size * (276 - x)) / Math.max(1, f.widthOfTextAtSize(clean, size)));
    page.drawText(clean, { x: px, y: py, size: fit * s, font: f, color: black });
  };
  const box = (x: number, y: number, w: number, h: number, fill = false) => {
    const [px, py] = at(x, y);
    page.drawRectangle({
      x: px, y: py, width: w * s, height: h * s,
      ...(fill ? { color: black } : { borderColor: black, borderWidth: 1.2 * s }),
    });
  };
  box(4, 4, 280, 424);
  // Service letter square and banner, like carrier labels.
  box(10, 356, 64, 64, true);
  const letter = d.service.toUpperCase().includes('PRIORITY') ? 'P' : d.service.toUpperCase().includes('HOME') ? 'H' : 'G';
  const [lx, ly] = at(27, 370);
  page.drawText(letter, { x: lx, y: ly, size: 44 * s, font: bold, color: rgb(1, 1, 1) });
  text(`${d.carrier.toUpperCase()} ${d.service.toUpperCase()}`, 82, 398, 13, bold);
  text(`Ship date: ${new Date(d.shipDate).toISOString().slice(0, 10)}`, 82, 382, 8);
  text(`Weight: ${d.weight}`, 82, 370, 8);
  if (d.test) text('TEST LABEL - NOT VALID FOR SHIPPING', 82, 358, 8, bold);
  box(4, 350, 280, 0.1);
  let y = 338;
  text('FROM:', 10, y, 7, bold);
  for (const l of addressLines(d.from)) {
    text(l, 40, y, 7);
    y -= 9;
  }
  y = Math.min(y, 290) - 6;
  text('SHIP TO:', 10, y, 9, bold);
  y -= 4;
  for (const l of addressLines(d.to)) {
    y -= 14;
    text(l, 40, y, 12, bold);
  }
  box(4, 160, 280, 0.1);
  text(`${d.carrier.toUpperCase()} TRACKING #`, 70, 146, 10, bold);
  let x = 24;
  const bars = barPattern(d.trackingNumber);
  const unit = 240 / bars.reduce((a, b) => a + b, 0);
  bars.forEach((wd, i) => {
    if (i % 2 === 0) box(x, 60, wd * unit, 76, true);
    x += wd * unit;
  });
  text(d.trackingNumber.replace(/(.{4})/g, '$1 ').trim(), 40, 44, 11, bold);
  box(4, 34, 280, 0.1);
  text(`Ref: ${d.reference || '-'}`, 10, 22, 7);
  text(`Shippo sandbox  ${d.transactionId}`, 10, 12, 6);
}

export function renderZpl(d: LabelData): string {
  const line = (y: number, t: string, h = 30) => `^FO40,${y}^A0N,${h},${h}^FD${safe(t)}^FS`;
  const from = addressLines(d.from).map((l, i) => line(170 + i * 28, l, 24));
  const to = addressLines(d.to).map((l, i) => line(420 + i * 44, l, 40));
  return [
    '^XA', '^CI28', '^PW812', '^LL1218',
    line(40, `${d.carrier.toUpperCase()} ${d.service.toUpperCase()}`, 50),
    line(100, `SHIP DATE ${new Date(d.shipDate).toISOString().slice(0, 10)}  WEIGHT ${d.weight}`, 26),
    ...from, line(380, 'SHIP TO:', 30), ...to,
    line(720, `${d.carrier.toUpperCase()} TRACKING #`, 34),
    `^FO60,770^BY3^BCN,220,Y,N,N^FD${d.trackingNumber}^FS`,
    d.test ? line(1100, 'TEST LABEL - NOT VALID FOR SHIPPING', 30) : '',
    line(1150, `REF ${d.reference || '-'}`, 24),
    '^XZ',
  ].filter(Boolean).join('\n') + '\n';
}

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});
function crc32(buf: Buffer): number {
  let c = 0xffffffff;
  for (const b of buf) c = CRC_TABLE[(c ^ b) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}
function chunk(type: string, data: Buffer): Buffer {
  const len = Buffer.alloc(4);
  len.writeUInt32BE(data.length);
  const td = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(td));
  return Buffer.concat([len, td, crc]);
}

/** A 4x6 in label at 200 dpi (800x1200, 8-bit grey): frame, service block and the barcode. */
export function renderPng(d: LabelData): Buffer {
  const W = 800;
  const H = 1200;
  const px = new Uint8Array(W * H).fill(255);
  const fill = (x: number, y: number, w: number, h: number) => {
    for (let yy = Math.max(0, y); yy < Math.min(H, y + h); yy++) px.fill(0, yy * W + Math.max(0, x), yy * W + Math.min(W, x + w));
  };
  fill(10, 10, 780, 4); fill(10, 1186, 780, 4); fill(10, 10, 4, 1180); fill(786, 10, 4, 1180);
  fill(30, 30, 180, 180);
  fill(10, 240, 780, 3); fill(10, 760, 780, 3);
  const bars = barPattern(d.trackingNumber);
  const unit = 680 / bars.reduce((a, b) => a + b, 0);
  let x = 60;
  bars.forEach((wd, i) => {
    if (i % 2 === 0) fill(Math.round(x), 820, Math.max(1, Math.round(wd * unit)), 240);
    x += wd * unit;
  });
  const raw = Buffer.alloc((W + 1) * H);
  for (let y = 0; y < H; y++) raw.set(px.subarray(y * W, (y + 1) * W), y * (W + 1) + 1);
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(W, 0);
  ihdr.writeUInt32BE(H, 4);
  ihdr.set([8, 0, 0, 0, 0], 8);
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', ihdr),
    chunk('tEXt', Buffer.from(`Comment\0Tracking ${d.trackingNumber}${d.test ? ' (TEST LABEL)' : ''}`, 'latin1')),
    chunk('IDAT', deflateSync(raw)),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}
