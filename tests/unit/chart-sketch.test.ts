import { getNiceTickValues } from 'recharts/lib/util/scale/getNiceTickValues';
import { describe, expect, it } from 'vitest';
import { niceTicks } from '@/components/charts/nice-ticks';
import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { CartesianSketch, visibleLabelIndexes } from '@/components/charts/sketch';

describe('niceTicks (the server sketch of a chart)', () => {
  it('gives the ticks Recharts gives a number axis from 0 to the largest value', () => {
    const maxima = [2256, 12.8, 180, 14, 1, 3, 187, 0.5, 99.9, 100, 7, 3_700_000, 22_136_500, 41.6, 0.04, 16, 1752];
    for (let i = 1; i < 400; i++) maxima.push(Math.round(i ** 2.7) / (i % 3 === 0 ? 10 : 1));
    for (const max of maxima) {
      expect(niceTicks([max / 3, null, max]), `max ${max}`).toEqual(getNiceTickValues([0, max], 5, true));
    }
  });

  it('gives 0–4 when every value is 0 or missing, as Recharts does', () => {
    expect(niceTicks([0, null, 0])).toEqual([0, 1, 2, 3, 4]);
    expect(niceTicks([])).toEqual([0, 1, 2, 3, 4]);
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
