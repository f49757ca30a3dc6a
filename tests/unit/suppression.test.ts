// Complementary suppression on hand-made tables, each answer worked out by hand beside it.
import { describe, expect, it } from 'vitest';
import { protectBreakdown, protectTable, recoverableCells, type Additivity } from '@/domain/suppression';

const cells = (...persons: number[]) => persons.map((p) => ({ persons: p }));

describe('recoverable cells', () => {
  it('a total and all parts but one give the last part by subtraction', () => {
    // 8 = 7 + x: x is hidden, 8 and 7 shown -> x = 1.
    expect(recoverableCells(3, [{ total: 0, parts: [1, 2] }], [false, false, true])).toEqual([2]);
  });

  it('two hidden parts of one sum give only their sum', () => {
    // 20 = a + b + 12: a + b = 8, neither alone.
    expect(recoverableCells(4, [{ total: 0, parts: [1, 2, 3] }], [false, true, true, false])).toEqual([]);
  });

  it('a sum without a shown total says nothing', () => {
    expect(recoverableCells(2, [{ total: null, parts: [0, 1] }], [true, false])).toEqual([]);
  });

  it('a 2-D table leaks through the other dimension even when every row holds two hidden cells', () => {
    // 2 x 2 table a b / c d with row totals R1 R2 and column totals C1 C2 (all shown), hidden a and b:
    // row 1 gives a + b, column 1 gives a + c = C1 with c shown -> a, then b. Both recoverable.
    // cells: 0 a, 1 b, 2 c, 3 d, 4 R1, 5 R2, 6 C1, 7 C2
    const sums: Additivity[] = [
      { total: 4, parts: [0, 1] },
      { total: 5, parts: [2, 3] },
      { total: 6, parts: [0, 2] },
      { total: 7, parts: [1, 3] },
    ];
    expect(recoverableCells(8, sums, [true, true, false, false, false, false, false, false])).toEqual([0, 1]);
    // All four inner cells hidden: the margins give three independent equations for four unknowns.
    expect(recoverableCells(8, sums, [true, true, true, true, false, false, false, false])).toEqual([]);
  });
});

describe('complementary suppression', () => {
  it('1-D with a total: pending 8 = men 7 + women 1 -> women "<5", men withheld (the only other part)', () => {
    const result = protectBreakdown({ persons: 8 }, cells(7, 1));
    expect(result).toEqual({ total: 'shown', parts: ['withheld', 'small'] });
  });

  it('1-D with a total: the next-smallest shown part is withheld, the larger ones stay', () => {
    // 236 = 120 + 60 + 4 + 52: the 4 is "<5"; of 120, 60 and 52 the smallest, 52, is withheld.
    const result = protectBreakdown({ persons: 236 }, cells(120, 60, 4, 52));
    expect(result).toEqual({ total: 'shown', parts: ['shown', 'shown', 'small', 'withheld'] });
  });

  it('two "<5" parts protect each other: nothing more is withheld', () => {
    // 30 = 25 + 3 + 2: 3 + 2 = 5 is known, neither alone.
    expect(protectBreakdown({ persons: 30 }, cells(25, 3, 2))).toEqual({ total: 'shown', parts: ['shown', 'small', 'small'] });
  });

  it('no small part: nothing is hidden', () => {
    expect(protectBreakdown({ persons: 30 }, cells(10, 20))).toEqual({ total: 'shown', parts: ['shown', 'shown'] });
  });

  it('the parts sum to the total without one shown: only the total is left to withhold', () => {
    // One part of 3 under a total of 3: both "<5" from the start (the total is built from 3 persons).
    expect(protectBreakdown({ persons: 3 }, cells(3))).toEqual({ total: 'small', parts: ['small'] });
    // A total fixed as shown elsewhere, parts 9 and 2 where 9 is fixed shown too: nothing can be
    // withheld, and the function says so by leaving the state as it is (the caller's tables never do this).
    const stuck = protectTable([{ persons: 11, fixed: 'shown' }, { persons: 9, fixed: 'shown' }, { persons: 2 }], [{ total: 0, parts: [1, 2] }]);
    expect(stuck).toEqual(['shown', 'shown', 'small']);
  });

  it('parts with no total shown: "<5" alone is enough', () => {
    expect(protectBreakdown(null, cells(7, 1))).toEqual({ total: null, parts: ['shown', 'small'] });
  });

  it('the total is withheld when every part is hidden but one sum would still expose a part', () => {
    // Total 12 = 9 (fixed shown elsewhere) + 3: the 3 is small, 9 may not be withheld, so the total goes.
    const states = protectTable([{ persons: 12 }, { persons: 9, fixed: 'shown' }, { persons: 3 }], [{ total: 0, parts: [1, 2] }]);
    expect(states).toEqual(['withheld', 'shown', 'small']);
  });

  it('a total withheld by its own parent table protects its parts', () => {
    // Village total 9, withheld among its siblings; its sexes 8 and 1: 9 - 8 cannot be done.
    expect(protectBreakdown({ persons: 9, fixed: 'withheld' }, cells(8, 1))).toEqual({ total: 'withheld', parts: ['shown', 'small'] });
  });

  it('2-D: a village × occupation table with both margins', () => {
    //            farm  vendor  parking | village
    // V1           20      3       10  |    33
    // V2           15     12        6  |    33
    // occupation   35     15       16  |    66
    // The 3 is "<5". Its row (V1) withholds the smallest other shown cell, V1 parking (10); column
    // "vendor" then exposes the 3 (15 - 12), so the smallest other cell there, V2 vendor (12), goes;
    // row V2 then exposes 12 (33 - 15 - 6), so V2 parking (6) goes; column parking now holds two
    // hidden cells (10 and 6), rows and columns all hold two: 6 unknowns? no: 4 hidden cells a=3, b=10,
    // c=12, d=6 with a+b, c+d, a+c, b+d known: rank 3 of 4, none determined.
    // cells 0..5 inner row-major, 6 V1, 7 V2, 8 farm, 9 vendor, 10 parking, 11 grand total
    const table = cells(20, 3, 10, 15, 12, 6, 33, 33, 35, 15, 16, 66);
    const sums: Additivity[] = [
      { total: 6, parts: [0, 1, 2] },
      { total: 7, parts: [3, 4, 5] },
      { total: 8, parts: [0, 3] },
      { total: 9, parts: [1, 4] },
      { total: 10, parts: [2, 5] },
      { total: 11, parts: [6, 7] },
      { total: 11, parts: [8, 9, 10] },
    ];
    const states = protectTable(table, sums);
    expect(states).toEqual([
      'shown', 'small', 'withheld',
      'shown', 'withheld', 'withheld',
      'shown', 'shown', 'shown', 'shown', 'shown', 'shown',
    ]);
    expect(recoverableCells(table.length, sums, states.map((s) => s !== 'shown'))).toEqual([]);
  });

  it('is idempotent: a protected table protected again changes nothing', () => {
    const first = protectBreakdown({ persons: 236 }, cells(120, 60, 4, 52));
    const again = protectBreakdown({ persons: 236, fixed: first.total! }, cells(120, 60, 4, 52).map((c, i) => ({ ...c, fixed: first.parts[i] })));
    expect(again).toEqual(first);
  });
});
