import { describe, expect, it } from 'vitest';
import { compareCodes, compareNames } from '@/domain/compare';

describe('sort orders', () => {
  it('orders region and agent codes character by character', () => {
    const codes = ['33.02.14.2010', '33.02.02.2001', '33.02.14.2002', 'PRS-0100', 'PRS-0099'];
    expect([...codes].sort(compareCodes)).toEqual(['33.02.02.2001', '33.02.14.2002', '33.02.14.2010', 'PRS-0099', 'PRS-0100']);
    expect(compareCodes('33.02', '33.02')).toBe(0);
  });

  it('orders names alphabetically whatever their case and accents', () => {
    const names = ['siti Aminah', 'Budi', 'Édi', 'agus', 'Dewi'];
    expect([...names].sort(compareNames)).toEqual(['agus', 'Budi', 'Dewi', 'Édi', 'siti Aminah']);
  });
});
