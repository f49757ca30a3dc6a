import { describe, expect, it } from 'vitest';
import { getMessages, interpolate } from '@/i18n';

describe('interpolate', () => {
  it('fills placeholders and leaves unknown ones as written', () => {
    expect(interpolate('{a} and {b}', { a: 1 })).toBe('1 and {b}');
  });

  it('chooses the English plural form by the count', () => {
    const template = '{count, plural, one {# village} other {# villages}} without a boundary';
    expect(interpolate(template, { count: 1 })).toBe('1 village without a boundary');
    expect(interpolate(template, { count: 0 })).toBe('0 villages without a boundary');
    expect(interpolate(template, { count: 2 })).toBe('2 villages without a boundary');
    // A count already formatted keeps its format and still chooses by its value.
    expect(interpolate(template, { count: '1.234' })).toBe('1.234 villages without a boundary');
  });

  it('prefers an exact case and mixes with plain placeholders', () => {
    const template = '{rows, plural, =0 {no rows} one {# row} other {# rows}} in {file}';
    expect(interpolate(template, { rows: 0, file: 'a.csv' })).toBe('no rows in a.csv');
    expect(interpolate(template, { rows: 1, file: 'a.csv' })).toBe('1 row in a.csv');
  });

  it('says "1 row", not "1 rows", in the English import summary', () => {
    const t = getMessages('en').imports;
    expect(interpolate(t.summary, { rows: 1, added: 1, updated: 0, unchanged: 0, rejected: 0 })).toBe('1 row: 1 new, 0 changed, 0 unchanged, 0 rejected.');
    expect(interpolate(getMessages('id').imports.summary, { rows: 1, added: 1, updated: 0, unchanged: 0, rejected: 0 })).toMatch(/^1 baris/);
  });
});
