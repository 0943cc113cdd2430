// Label files served at label_url: real PDFs in each size, ZPL II, PNG; signed links only.
import { PDFDocument } from 'pdf-lib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { barPattern } from './label';
import { buyLabel, startShippo, type Sim } from './testkit';

let sim: Sim;
beforeAll(async () => {
  sim = await startShippo({ rateLimits: false });
});
afterAll(() => sim.close());

async function download(url: string) {
  const res = await fetch(url);
  return { status: res.status, type: res.headers.get('content-type'), bytes: new Uint8Array(await res.arrayBuffer()) };
}

describe('label files', () => {
  it.each([
    ['PDF_4x6', 288, 432],
    ['PDF_4x8', 288, 576],
    ['PDF', 612, 792],
    ['PDF_A4', 595.28, 841.89],
    ['PDF_A6', 297.64, 419.53],
    ['PDF_2.3x7.5', 165.6, 540],
  ])('%s is a one-page PDF of the right size', async (type, width, height) => {
    const { tx } = await buyLabel(sim, { labelFileType: type });
    expect(tx.body.label_file_type).toBe(type);
    const f = await download(tx.body.label_url);
    expect(f.status).toBe(200);
    expect(f.type).toBe('application/pdf');
    expect(Buffer.from(f.bytes.subarray(0, 5)).toString()).toBe('%PDF-');
    const doc = await PDFDocument.load(f.bytes);
    expect(doc.getPageCount()).toBe(1);
    const size = doc.getPage(0).getSize();
    expect(size.width).toBeCloseTo(width, 1);
    expect(size.height).toBeCloseTo(height, 1);
    expect(doc.getTitle()).toBe(`Shipping label ${tx.body.tracking_number}`);
  });

  it('ZPLII labels are ZPL with a Code 128 barcode of the tracking number', async () => {
    const { tx } = await buyLabel(sim, { labelFileType: 'ZPLII', token: 'ups_ground' });
    expect(tx.body.label_url).toMatch(/\.zpl\?/);
    const f = await download(tx.body.label_url);
    const zpl = Buffer.from(f.bytes).toString();
    expect(zpl.startsWith('^XA')).toBe(true);
    expect(zpl.trim().endsWith('^XZ')).toBe(true);
    expect(zpl).toContain(`^BCN,220,Y,N,N^FD${tx.body.tracking_number}^FS`);
    expect(zpl).toContain('MARIA GARCIA');
    expect(zpl).toContain('TEST LABEL');
  });

  it('PNG labels are PNG images', async () => {
    const { tx } = await buyLabel(sim, { labelFileType: 'PNG', token: 'fedex_home_delivery' });
    const f = await download(tx.body.label_url);
    expect(f.type).toBe('image/png');
    expect(Array.from(f.bytes.subarray(0, 8))).toEqual([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
    expect(Buffer.from(f.bytes.subarray(12, 16)).toString()).toBe('IHDR');
  });

  it('needs the link signature, like a pre-signed S3 URL, and no API key', async () => {
    const { tx } = await buyLabel(sim);
    const url = new URL(tx.body.label_url);
    url.searchParams.set('Signature', 'forged');
    const forged = await download(url.toString());
    expect(forged.status).toBe(403);
    expect(Buffer.from(forged.bytes).toString()).toContain('<Code>SignatureDoesNotMatch</Code>');
    url.searchParams.delete('Signature');
    expect((await download(url.toString())).status).toBe(403);
  });

  it('queued purchases have no label yet', async () => {
    const { tx } = await buyLabel(sim, { async: true });
    expect(tx.body.label_url).toBe('');
  });

  it('the barcode pattern differs between tracking numbers', () => {
    expect(barPattern('9400111000000000000001')).not.toEqual(barPattern('9400111000000000000002'));
  });
});
