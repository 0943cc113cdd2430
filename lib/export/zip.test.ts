// The ZIP writer's output opens with a standard reader (Python's zipfile, via the system python3,
// which CI's machine has) and carries exactly what was written, large and UTF-8 entries included.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { tempDir } from '@/tests/support/temp-dir';
import { csvCell, csvRow } from './csv';
import { ZipWriter } from './zip';

async function* chunks(...parts: string[]) {
  for (const p of parts) yield p;
}

describe('ZipWriter', () => {
  it('writes a ZIP that a standard reader opens, with exact contents', async () => {
    const out: Uint8Array[] = [];
    const zip = new ZipWriter((c) => void out.push(c), new Date('2026-12-06T12:34:56Z'));
    const big = Array.from({ length: 20_000 }, (_, i) => `row ${i},value ${i * 7}\r\n`);
    await zip.add('orders.csv', chunks('id,total\r\n', ...big));
    await zip.add('café/ünïcode.csv', chunks('naïve,"quoted, comma"\r\n'));
    await zip.add('empty.csv', chunks());
    await zip.finish();
    const file = path.join(tempDir('zip'), 'a.zip');
    fs.writeFileSync(file, Buffer.concat(out));
    const listing = execFileSync('python3', ['-c', `
import zipfile, sys, json
z = zipfile.ZipFile(sys.argv[1])
assert z.testzip() is None
print(json.dumps({i.filename: z.read(i.filename).decode('utf-8') for i in z.infolist()}))`, file]).toString();
    const files = JSON.parse(listing) as Record<string, string>;
    expect(Object.keys(files)).toEqual(['orders.csv', 'café/ünïcode.csv', 'empty.csv']);
    expect(files['orders.csv']).toBe(['id,total\r\n', ...big].join(''));
    expect(files['café/ünïcode.csv']).toBe('naïve,"quoted, comma"\r\n');
    expect(files['empty.csv']).toBe('');
    expect(Buffer.concat(out).length).toBeLessThan(files['orders.csv'].length / 3); // actually compressed
  });
});

describe('CSV cells', () => {
  it('escapes formulas and quotes what needs quoting', () => {
    expect(csvRow(['=HYPERLINK("x")', '+1', '-2', '@SUM(A1)', 'plain', 3, null, new Date('2026-01-02T03:04:05Z')])).toBe(
      `"'=HYPERLINK(""x"")",'+1,'-2,'@SUM(A1),plain,3,,2026-01-02T03:04:05.000Z\r\n`,
    );
    expect(csvCell('a,b')).toBe('"a,b"');
    expect(csvCell('line\nbreak')).toBe('"line\nbreak"');
    expect(csvCell(' padded ')).toBe('" padded "');
    expect(csvCell(-5)).toBe('-5'); // numbers are numbers, not formulas
    expect(csvCell('12.50')).toBe('12.50');
  });
});
