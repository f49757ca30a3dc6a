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
    const csv = toCsv([{ a: '=HYPERLINK("x")', b: '+1', c: '-2', d: '@SUM(A1)', e: '\tx', f: -5 }]);
    expect(csv.split('\r\n')[1]).toBe(`"'=HYPERLINK(""x"")",'+1,'-2,'@SUM(A1),'\tx,-5`);
  });

  it('leaves empty cells empty', () => {
    expect(toCsv([{ a: null, b: undefined }], ['a', 'b'])).toBe(`${BOM}a,b\r\n,\r\n`);
  });
});
