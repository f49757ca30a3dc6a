import { describe, expect, it } from 'vitest';
import { breakDecimals, classBreaks, classIndex, labelColorOn, niceStep, YLGNBU } from '@/domain/geo/class-breaks';

describe('niceStep', () => {
  it('rounds up to 1, 2, 2.5 or 5 × 10ⁿ', () => {
    expect(niceStep(0.7)).toBe(1);
    expect(niceStep(1.3)).toBe(2);
    expect(niceStep(2.2)).toBe(2.5);
    expect(niceStep(3)).toBe(5);
    expect(niceStep(7)).toBe(10);
    expect(niceStep(0.023)).toBe(0.025);
    expect(niceStep(2.2, true)).toBe(5);
    expect(niceStep(0.3, true)).toBe(1);
  });
});

describe('classBreaks', () => {
  it('makes nice equal intervals that hold every value, light to dark', () => {
    const values = [3.27, 6.91, 5.5, 4.1, null];
    const { breaks, colors } = classBreaks(values);
    expect(breaks).toEqual([3, 4, 5, 6, 7]);
    expect(colors).toEqual(YLGNBU[4]);
    for (const v of [3.27, 6.91, 5.5, 4.1]) expect(classIndex(v, breaks)).toBeGreaterThanOrEqual(0);
    expect(classIndex(3.27, breaks)).toBe(0);
    expect(classIndex(6.91, breaks)).toBe(3);
  });

  it('uses at most the classes asked for, and whole bounds for counts', () => {
    const counts = [0, 3, 17, 41, 120, 260];
    const { breaks, colors } = classBreaks(counts, 5, true);
    expect(colors.length).toBe(breaks.length - 1);
    expect(colors.length).toBeLessThanOrEqual(5);
    expect(breaks.every(Number.isInteger)).toBe(true);
    expect(breaks[0]).toBeLessThanOrEqual(0);
    expect(breaks[breaks.length - 1]).toBeGreaterThanOrEqual(260);
    for (const v of counts) expect(classIndex(v, breaks)).toBeGreaterThanOrEqual(0);
  });

  it('has one class when every value is the same, none when there are no values', () => {
    expect(classBreaks([12, 12, 12]).colors).toHaveLength(1);
    expect(classIndex(12, classBreaks([12, 12]).breaks)).toBe(0);
    expect(classBreaks([null, null])).toEqual({ breaks: [], colors: [] });
  });

  it('keeps small rates apart without floating-point noise', () => {
    const { breaks } = classBreaks([0.1, 0.13]);
    expect(breaks).toEqual([0.1, 0.11, 0.12, 0.13]);
    expect(breakDecimals(breaks)).toBe(2);
  });

  it('gives suppressed and missing values no class', () => {
    expect(classIndex('<5', [0, 10])).toBe(-1);
    expect(classIndex(null, [0, 10])).toBe(-1);
    expect(classIndex(11, [0, 10])).toBe(-1);
    expect(classIndex(10, [0, 5, 10])).toBe(1);
  });
});

describe('breakDecimals', () => {
  it('writes each bound exactly', () => {
    expect(breakDecimals([0, 10, 20])).toBe(0);
    expect(breakDecimals([0, 2.5, 5])).toBe(1);
    expect(breakDecimals([0, 0.25])).toBe(2);
  });
});

describe('labelColorOn', () => {
  it('puts dark text on the light classes and white text on the dark ones', () => {
    expect(labelColorOn('#ffffcc')).toBe('#1a1a1a');
    expect(labelColorOn('#a1dab4')).toBe('#1a1a1a');
    expect(labelColorOn('#253494')).toBe('#ffffff');
    expect(labelColorOn('#225ea8')).toBe('#ffffff');
  });
});
