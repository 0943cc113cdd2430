// CSV cells: formula escaping for text, raw decimals and ISO dates untouched, RFC 4180 quoting.
import { describe, expect, it } from 'vitest';
import { csvCell, csvLines, csvStream } from './csv';
import type { Table } from './types';

describe('CSV', () => {
  it('neutralises cells a spreadsheet would run as a formula', () => {
    for (const bad of ['=HYPERLINK("http://x")', '+1+2', '-2+3', '@SUM(A1)', '\tcmd', '\rcmd']) {
      expect(csvCell(bad).replace(/^"/, '')).toMatch(/^'/);
    }
    expect(csvCell('=1+1')).toBe("'=1+1");
    expect(csvCell('-3.50', 'text')).toBe("'-3.50"); // a SKU, not a number
  });

  it('keeps raw decimals (negative ones too) and ISO dates as they are', () => {
    expect(csvCell('-3.50', 'money')).toBe('-3.50');
    expect(csvCell('1234.56', 'money')).toBe('1234.56');
    expect(csvCell(0.1234, 'percent')).toBe('0.1234');
    expect(csvCell(-12, 'int')).toBe('-12');
    expect(csvCell('2026-03-08T15:00:00Z', 'datetime')).toBe('2026-03-08T15:00:00Z');
    expect(csvCell('=1', 'money')).toBe("'=1"); // not a plain number: escaped like text
    expect(csvCell(null, 'money')).toBe('');
  });

  it('quotes commas, quotes, line breaks and edge spaces', () => {
    expect(csvCell('a,b')).toBe('"a,b"');
    expect(csvCell('say "hi"')).toBe('"say ""hi"""');
    expect(csvCell('two\nlines')).toBe('"two\nlines"');
    expect(csvCell(' padded')).toBe('" padded"');
    expect(csvCell('=a,b')).toBe(`"'=a,b"`);
  });

  it('writes a header row, then one line per row, streamed', async () => {
    const table: Table = {
      title: 't',
      columns: [{ key: 'sku', label: 'SKU', type: 'text' }, { key: 'revenue', label: 'Revenue', type: 'money' }],
      rows: Array.from({ length: 1200 }, (_, i) => ({ sku: i === 0 ? '@evil' : `S-${i}`, revenue: `${i}.50` })),
    };
    const lines = [...csvLines(table)];
    expect(lines.slice(0, 3)).toEqual(['SKU,Revenue\r\n', "'@evil,0.50\r\n", 'S-1,1.50\r\n']);
    const text = await new Response(csvStream(table)).text();
    expect(text).toBe(lines.join(''));
    expect(text.split('\r\n')).toHaveLength(1202);
  });
});
