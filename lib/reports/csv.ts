// CSV for reports (RFC 4180): a header row, raw decimals, ISO dates, and formula escaping so a
// SKU or title starting with =, +, -, @ (or a tab / carriage return) cannot run in a spreadsheet
// (OWASP "CSV injection": such a cell gets a leading apostrophe). Numbers stay numbers: only text
// columns are escaped, and a numeric column holding anything but a plain decimal is treated as text.
import type { Cell, Table, ValueType } from './types';

const FORMULA_START = /^[=+\-@\t\r]/;
const PLAIN_NUMBER = /^-?\d+(\.\d+)?$/;
const NUMERIC: ReadonlySet<ValueType> = new Set(['int', 'money', 'percent', 'hours']);

export function csvCell(value: Cell, type: ValueType = 'text'): string {
  if (value === null || value === undefined) return '';
  let s = String(value);
  const numeric = NUMERIC.has(type) && PLAIN_NUMBER.test(s);
  if (!numeric && FORMULA_START.test(s)) s = `'${s}`;
  return /[",\r\n]/.test(s) || s !== s.trim() ? `"${s.replaceAll('"', '""')}"` : s;
}

export function csvLine(cells: string[]): string {
  return `${cells.join(',')}\r\n`;
}

/** The table as CSV lines, header first; yielded one by one so a route can stream them. */
export function* csvLines(table: Table): Generator<string> {
  yield csvLine(table.columns.map((c) => csvCell(c.label)));
  for (const row of table.rows) yield csvLine(table.columns.map((c) => csvCell(row[c.key] ?? null, c.type)));
}

/** A response body that streams the lines as they are encoded. */
export function csvStream(table: Table): ReadableStream<Uint8Array> {
  const lines = csvLines(table);
  const encoder = new TextEncoder();
  return new ReadableStream({
    pull(controller) {
      let chunk = '';
      for (let i = 0; i < 500; i++) {
        const next = lines.next();
        if (next.done) {
          if (chunk) controller.enqueue(encoder.encode(chunk));
          controller.close();
          return;
        }
        chunk += next.value;
      }
      controller.enqueue(encoder.encode(chunk));
    },
  });
}
