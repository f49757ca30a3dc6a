import { describe, expect, it } from 'vitest';
import { axisTicks, niceTicks, rechartsTicks } from '@/components/charts/nice-ticks';
import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { CartesianSketch, visibleLabelIndexes } from '@/components/charts/sketch';

// Both renderers draw these ticks (the sketch itself, Recharts through `ticks` and `domain`), so the
// answers here are worked out by hand: five ticks from 0, on a step of 1, 2, 2.5 or 5 times a power of ten.
describe('axis ticks (drawn by the sketch and by Recharts alike)', () => {
  it('gives five nice ticks from 0 to just above the largest value', () => {
    expect(niceTicks([752, null, 2256])).toEqual([0, 600, 1200, 1800, 2400]);
    expect(niceTicks([14])).toEqual([0, 4, 8, 12, 16]);
    expect(niceTicks([100])).toEqual([0, 25, 50, 75, 100]);
    expect(niceTicks([12.8, 3])).toEqual([0, 4, 8, 12, 16]);
    expect(niceTicks([187])).toEqual([0, 50, 100, 150, 200]);
    expect(niceTicks([1])).toEqual([0, 0.25, 0.5, 0.75, 1]);
  });

  it('gives 0–4 when every value is 0 or missing', () => {
    expect(niceTicks([0, null, 0])).toEqual([0, 1, 2, 3, 4]);
    expect(niceTicks([])).toEqual([0, 1, 2, 3, 4]);
  });

  it('never shows a fraction on a count axis', () => {
    expect(axisTicks([1], true)).toEqual([0, 1]);
    expect(axisTicks([0.5], true)).toEqual([0, 1]);
    expect(axisTicks([3, null], true)).toEqual([0, 1, 2, 3]);
    expect(axisTicks([2256], true)).toEqual([0, 600, 1200, 1800, 2400]);
    expect(axisTicks([1])).toEqual([0, 0.25, 0.5, 0.75, 1]);
  });

  it("tells Recharts the same ticks and the axis's ends", () => {
    expect(rechartsTicks([0, 1, 2, 3])).toEqual({ ticks: [0, 1, 2, 3], domain: [0, 3] });
  });
});

describe('visibleLabelIndexes', () => {
  const months = ['Nov 25', 'Des 25', 'Jan 26', 'Feb 26', 'Mar 26', 'Apr 26', 'Mei 26', 'Jun 26', 'Jul 26', 'Agu 26', 'Sep 26', 'Okt 26'];

  it('keeps the first and last month and those between that fit without overlapping', () => {
    expect(visibleLabelIndexes(months, 230)).toEqual([0, 3, 6, 11]);
    expect(visibleLabelIndexes(months, 2000)).toEqual(months.map((_, i) => i));
    expect(visibleLabelIndexes(['November 2025', 'Oktober 2026'], 60)).toEqual([1]);
    expect(visibleLabelIndexes([])).toEqual([]);
  });
});

describe('provisional months in the sketch', () => {
  const draw = (provisional?: boolean[]) =>
    renderToStaticMarkup(
      createElement(CartesianSketch, {
        labels: ['Sep', 'Okt', 'Nov'],
        bars: [{ name: 'Aktif', color: '#0af', values: [10, 12, 11] }],
        line: { name: 'Cakupan', color: '#d50', values: [1, 1.2, 1.1] },
        leftAxis: { width: 56, format: String },
        rightAxis: { width: 48, format: String },
        height: 260,
        provisional,
        provisionalLabel: 'Sementara',
      }),
    );

  it('dashes the line into a provisional month and pales its bar, with a legend entry', () => {
    const html = draw([false, false, true]);
    // one bar and one dashed segment (from Okt into Nov) carry the mark
    expect(html.match(/<rect[^>]*data-provisional/g)).toHaveLength(1);
    expect(html.match(/<path[^>]*data-provisional/g)).toHaveLength(1);
    expect(html).toMatch(/<path d="M50\.000,[\d.]+L83\.333,[\d.]+"[^>]*stroke-dasharray/);
    expect(html).toContain('Sementara');
  });

  it('draws no mark and no legend entry when every month is final', () => {
    const html = draw([false, false, false]);
    expect(html).not.toContain('data-provisional');
    expect(html).not.toContain('Sementara');
  });
});
