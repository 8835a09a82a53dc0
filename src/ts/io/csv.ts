// CSV/TSV signal reader: one or more numeric columns, optional header row with names.
// Empty cells and NaN become NaN (the delineation API repairs short gaps); any other
// non-numeric cell is an error naming its row and column.
import { FormatError } from '../errors.js';

export interface CsvTable {
  names: string[];
  columns: Float64Array[];
}

/** At most this many columns (leads): a recording has a few dozen; a million-column line is not a signal. */
export const MAX_CSV_COLUMNS = 1024;
// A decimal number as people write them: optional sign, digits with an optional fraction, optional exponent.
// (Number() would also take '0x1F', '0b101', 'Infinity' and '  ' — none of which is a sample.)
const DECIMAL = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;

export function parseCsv(text: string, file = 'signal.csv'): CsvTable {
  const lines = text.split(/\r?\n/).filter((l) => l.trim() !== '' && !l.startsWith('#'));
  if (lines.length === 0) throw new FormatError(file, 'no rows');
  const sep = lines[0].includes(',') ? ',' : lines[0].includes('\t') ? '\t' : lines[0].includes(';') ? ';' : /\s+/;
  const split = (l: string) =>
    l
      .trim()
      .split(sep)
      .map((c) => c.trim().replace(/^"(.*)"$/, '$1'));
  const first = split(lines[0]);
  if (first.length > MAX_CSV_COLUMNS)
    throw new FormatError(file, `${first.length} columns; at most ${MAX_CSV_COLUMNS} are read`);
  const isNum = (c: string) => c === '' || /^nan$/i.test(c) || (DECIMAL.test(c) && Number.isFinite(Number(c)));
  const hasHeader = first.some((c) => !isNum(c));
  const names = hasHeader ? first : first.map((_, i) => `col${i}`);
  const rows = hasHeader ? lines.slice(1) : lines;
  const cols = names.map(() => new Float64Array(rows.length));
  rows.forEach((l, r) => {
    const cells = split(l);
    if (cells.length !== names.length)
      throw new FormatError(
        file,
        `row ${r + 1 + (hasHeader ? 1 : 0)}: ${cells.length} cells, expected ${names.length}`,
      );
    cells.forEach((c, k) => {
      if (c === '' || /^nan$/i.test(c)) {
        cols[k][r] = NaN;
        return;
      }
      const v = DECIMAL.test(c) ? Number(c) : NaN;
      if (!Number.isFinite(v))
        throw new FormatError(file, `row ${r + 1 + (hasHeader ? 1 : 0)}, column ${k + 1}: '${c}' is not a number`);
      cols[k][r] = v;
    });
  });
  return { names, columns: cols };
}

/** RFC-4180 style records (quoted fields may hold commas, quotes and newlines). */
export function parseCsvRecords(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [],
    cell = '',
    q = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (q) {
      if (c === '"' && text[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (c === '"') q = false;
      else cell += c;
    } else if (c === '"') q = true;
    else if (c === ',') {
      row.push(cell);
      cell = '';
    } else if (c === '\n' || c === '\r') {
      if (c === '\r' && text[i + 1] === '\n') i++;
      row.push(cell);
      cell = '';
      if (row.length > 1 || row[0] !== '') rows.push(row);
      row = [];
    } else cell += c;
  }
  if (cell !== '' || row.length) {
    row.push(cell);
    rows.push(row);
  }
  return rows;
}
