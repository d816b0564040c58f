// RFC 4180 parsing and writing, and the spreadsheet formula guard, by table.
import { describe, expect, it } from 'vitest';
import { formatCsv, guardFormula, parseCsv, quoteCsvCell, unguardFormula } from '../../../src-main/inventory/formats/csv.js';
import { expectCode } from './inventory-test-kit.js';

describe('parseCsv', () => {
  it.each([
    ['plain cells', 'a,b,c\n1,2,3\n', [['a', 'b', 'c'], ['1', '2', '3']]],
    ['CRLF line ends', 'a,b\r\n1,2\r\n', [['a', 'b'], ['1', '2']]],
    ['CR line ends', 'a,b\r1,2', [['a', 'b'], ['1', '2']]],
    ['no final line break', 'a,b\n1,2', [['a', 'b'], ['1', '2']]],
    ['a byte-order mark', '\uFEFFname,host\nn,h\n', [['name', 'host'], ['n', 'h']]],
    ['quoted commas', '"a,b",c\n', [['a,b', 'c']]],
    ['doubled quotes', '"say ""hi""",x\n', [['say "hi"', 'x']]],
    ['a line break in a quoted cell', '"one\ntwo",x\r\n"three\r\nfour",y\n', [['one\ntwo', 'x'], ['three\r\nfour', 'y']]],
    ['a row of only empty cells as a blank line', 'a\n,,\nb\n', [['a'], ['b']]],
    ['an empty quoted cell among others', 'a,"",c\n', [['a', '', 'c']]],
    ['blank lines between rows', 'a\n\n\nb\n', [['a'], ['b']]],
    ['a quote inside an unquoted cell', 'it"s,x\n', [['it"s', 'x']]],
    ['unicode', 'näme,ホスト,🚀\n', [['näme', 'ホスト', '🚀']]],
    ['an empty file', '', []],
  ])('reads %s', (_label, text, rows) => {
    expect(parseCsv(text).map((r) => r.cells)).toEqual(rows);
  });

  it('numbers records by the line they start on', () => {
    expect(parseCsv('h\n"a\nb"\n\nc\n').map((r) => r.line)).toEqual([1, 2, 5]);
  });

  it.each([
    ['an unclosed quote', 'a\n"never closed,x\n', 'CSV line 2: a quoted cell is never closed.'],
    ['text after a closing quote', 'a\n"x"y,z\n', 'CSV line 2: text follows a closing quote; a quote inside a quoted cell must be doubled ("").'],
  ])('refuses %s with the line number', (_label, text, message) => {
    expect(expectCode(() => parseCsv(text), 'invalid_input').message).toBe(message);
  });
});

describe('formatCsv', () => {
  it.each([
    ['plain', 'abc', 'abc'],
    ['a comma', 'a,b', '"a,b"'],
    ['a quote', 'say "hi"', '"say ""hi"""'],
    ['a newline', 'a\nb', '"a\nb"'],
    ['a leading space', ' a', '" a"'],
    ['empty', '', ''],
  ])('quotes a cell with %s', (_label, cell, quoted) => {
    expect(quoteCsvCell(cell)).toBe(quoted);
  });

  it('joins rows with CRLF and reads back what it wrote', () => {
    const rows = [['name', 'notes'], ['n1', 'rack 4, "top" shelf\nsecond line'], ['n2', ' ü ']];
    const text = formatCsv(rows);
    expect(text).toBe('name,notes\r\nn1,"rack 4, ""top"" shelf\nsecond line"\r\nn2," ü "\r\n');
    expect(parseCsv(text).map((r) => r.cells)).toEqual(rows);
  });
});

describe('the formula guard', () => {
  it.each([
    ['=HYPERLINK("http://evil")', "'=HYPERLINK(\"http://evil\")"],
    ['+cmd|calc', "'+cmd|calc"],
    ['-2+3', "'-2+3"],
    ['@SUM(A1)', "'@SUM(A1)"],
    ['\tindent', "'\tindent"],
    ["'=already quoted", "''=already quoted"],
    ['-5', '-5'],
    ['+1.5', '+1.5'],
    ['plain text', 'plain text'],
    ["'apostrophe", "'apostrophe"],
    ['', ''],
  ])('exports %j as %j and reads it back unchanged', (cell, guarded) => {
    expect(guardFormula(cell)).toBe(guarded);
    expect(unguardFormula(guardFormula(cell))).toBe(cell);
  });
});
