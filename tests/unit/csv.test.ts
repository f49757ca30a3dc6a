import { describe, expect, it } from 'vitest';
import { BOM, toCsv } from '@/server/http/csv';

describe('toCsv', () => {
  it('writes a BOM, a header and CRLF rows', () => {
    expect(toCsv([{ a: 1, b: 'x' }])).toBe(`${BOM}a,b\r\n1,x\r\n`);
  });

  it('quotes separators and quotes', () => {
    expect(toCsv([{ name: 'Desa "A", Wetan; 2' }])).toBe(`${BOM}name\r\n"Desa ""A"", Wetan; 2"\r\n`);
  });

  it('neutralises cells a spreadsheet would run as a formula', () => {
    const csv = toCsv([{ a: '=HYPERLINK("x")', b: '+1+cmd', c: '-2-A1', d: '@SUM(A1)', e: '\tx', f: -5 }]);
    expect(csv.split('\r\n')[1]).toBe(`"'=HYPERLINK(""x"")",'+1+cmd,'-2-A1,'@SUM(A1),'\tx,-5`);
    // A plain signed number is no formula: it stays a number (a latitude of -7.41).
    expect(toCsv([{ lat: '-7.4102', delta: '+3' }]).split('\r\n')[1]).toBe('-7.4102,+3');
  });

  it('leaves empty cells empty', () => {
    expect(toCsv([{ a: null, b: undefined }], ['a', 'b'])).toBe(`${BOM}a,b\r\n,\r\n`);
  });
});
