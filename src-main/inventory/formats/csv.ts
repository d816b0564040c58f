// RFC 4180 CSV, both ways, plus the guard against spreadsheet formula injection. Pure: strings in,
// strings out. Written here rather than pulled in as a dependency because the whole job is ~100 lines.
import { PinfleetError } from '../../../src-preload/contract/errors.js';

export interface CsvRecord {
  /** The line on which the record starts, counting from 1, for messages. */
  line: number;
  cells: string[];
}

/** Quotes a cell when it holds a separator, a quote, a line break or edge spaces some readers trim. */
export function quoteCsvCell(cell: string): string {
  return /[",\r\n]|^\s|\s$/.test(cell) ? `"${cell.replace(/"/g, '""')}"` : cell;
}

/** Rows joined with CRLF, as RFC 4180 and spreadsheets expect, ending with a line break. */
export function formatCsv(rows: readonly (readonly string[])[]): string {
  return rows.map((row) => row.map(quoteCsvCell).join(',')).join('\r\n') + '\r\n';
}

// A spreadsheet runs a cell that starts with one of these as a formula (=HYPERLINK(…), +cmd|…).
// Apostrophes are counted in so a note that really starts with "'=" survives the round trip.
const FORMULA_START = /^'*[=+\-@\t\r]/;
const GUARDED = /^'+[=+\-@\t\r]/;
const PLAIN_NUMBER = /^[+-]?\d+(\.\d+)?$/;

/** Prefixes an apostrophe to a cell a spreadsheet would run as a formula. Plain numbers stay. */
export function guardFormula(cell: string): string {
  return FORMULA_START.test(cell) && !PLAIN_NUMBER.test(cell) ? `'${cell}` : cell;
}

/** Undoes guardFormula. */
export function unguardFormula(cell: string): string {
  return GUARDED.test(cell) ? cell.slice(1) : cell;
}

function csvProblem(line: number, what: string): PinfleetError {
  return new PinfleetError('invalid_input', `CSV line ${line}: ${what}.`);
}

/**
 * Parses CSV into records. Accepts CRLF, LF or CR line ends and a leading byte-order mark (Excel
 * writes one). Line breaks inside quoted cells are kept as written. Blank lines are dropped.
 */
export function parseCsv(text: string): CsvRecord[] {
  const src = text.startsWith('\uFEFF') ? text.slice(1) : text;
  const records: CsvRecord[] = [];
  let cells: string[] = [];
  let cell = '';
  let inQuotes = false;
  let closedQuote = false; // the current cell was quoted and its closing quote has been read
  let line = 1;
  let recordLine = 1;
  let quoteLine = 1;

  const endCell = () => {
    cells.push(cell);
    cell = '';
    closedQuote = false;
  };
  const endRecord = () => {
    endCell();
    if (cells.some((c) => c !== '')) records.push({ line: recordLine, cells });
    cells = [];
  };

  for (let i = 0; i < src.length; i += 1) {
    const c = src[i]!;
    if (inQuotes) {
      if (c === '"' && src[i + 1] === '"') {
        cell += '"';
        i += 1;
      } else if (c === '"') {
        inQuotes = false;
        closedQuote = true;
      } else {
        if (c === '\n' || (c === '\r' && src[i + 1] !== '\n')) line += 1;
        cell += c;
      }
    } else if (c === ',') {
      endCell();
    } else if (c === '\r' || c === '\n') {
      if (c === '\r' && src[i + 1] === '\n') i += 1;
      endRecord();
      line += 1;
      recordLine = line;
    } else if (closedQuote) {
      throw csvProblem(line, 'text follows a closing quote; a quote inside a quoted cell must be doubled ("")');
    } else if (c === '"' && cell === '') {
      inQuotes = true;
      quoteLine = line;
    } else {
      cell += c;
    }
  }
  if (inQuotes) throw csvProblem(quoteLine, 'a quoted cell is never closed');
  if (cell !== '' || cells.length > 0 || closedQuote) endRecord();
  return records;
}
