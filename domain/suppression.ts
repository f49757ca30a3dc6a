// Small-cell and complementary suppression (PRODUCT.md "Privacy"), as statistical offices do it: a
// cell built from fewer than five persons is "<5" (primary), and whenever a table hides a cell, enough
// other cells are withheld with it that no hidden value can be worked out from the figures shown and the
// table's sums (secondary). Pure: the server gives it the cells and the sums that bind them.

export const MIN_CELL_PERSONS = 5;

/** `shown`: the number; `small`: "<5" (fewer than five persons); `withheld`: hidden to protect a "<5". */
export type CellState = 'shown' | 'small' | 'withheld';

export interface ProtectedCell {
  /** The persons the cell is built from (primary suppression below MIN_CELL_PERSONS). */
  persons: number;
  /** Decided by another table this cell belongs to (a village's total, decided among its siblings). */
  fixed?: CellState;
}

/** `total` = the sum of `parts` (indices into the cells); `total` null when no total is shown anywhere. */
export interface Additivity {
  total: number | null;
  parts: number[];
}

const EPSILON = 1e-9;

/**
 * The hidden cells whose value follows from the shown ones through the sums, however combined (a
 * hidden cell is determined exactly when its unit vector lies in the row space of the sums restricted
 * to the hidden cells: Gauss–Jordan elimination, coefficients 0 and ±1).
 */
export function recoverableCells(cellCount: number, sums: readonly Additivity[], hidden: readonly boolean[]): number[] {
  const columns: number[] = [];
  const columnOf = new Map<number, number>();
  for (let i = 0; i < cellCount; i += 1) {
    if (hidden[i]) {
      columnOf.set(i, columns.length);
      columns.push(i);
    }
  }
  if (columns.length === 0) return [];
  const rows: number[][] = [];
  for (const sum of sums) {
    // A sum whose total is shown nowhere says nothing about its parts.
    if (sum.total === null) continue;
    const row = new Array<number>(columns.length).fill(0);
    let any = false;
    for (const part of sum.parts) {
      const c = columnOf.get(part);
      if (c !== undefined) {
        row[c]! += 1;
        any = true;
      }
    }
    const t = columnOf.get(sum.total);
    if (t !== undefined) {
      row[t]! -= 1;
      any = true;
    }
    if (any) rows.push(row);
  }
  // Reduced row echelon form.
  let pivotRow = 0;
  const pivots: number[] = [];
  for (let c = 0; c < columns.length && pivotRow < rows.length; c += 1) {
    let best = -1;
    for (let r = pivotRow; r < rows.length; r += 1) if (Math.abs(rows[r]![c]!) > EPSILON) best = best === -1 ? r : best;
    if (best === -1) continue;
    [rows[pivotRow], rows[best]] = [rows[best]!, rows[pivotRow]!];
    const pivot = rows[pivotRow]!;
    const scale = pivot[c]!;
    for (let k = 0; k < pivot.length; k += 1) pivot[k]! /= scale;
    for (let r = 0; r < rows.length; r += 1) {
      if (r === pivotRow) continue;
      const factor = rows[r]![c]!;
      if (Math.abs(factor) < EPSILON) continue;
      for (let k = 0; k < pivot.length; k += 1) rows[r]![k]! -= factor * pivot[k]!;
    }
    pivots.push(c);
    pivotRow += 1;
  }
  const found: number[] = [];
  pivots.forEach((c, r) => {
    const row = rows[r]!;
    if (row.every((v, k) => k === c || Math.abs(v) < EPSILON)) found.push(columns[c]!);
  });
  return found.sort((a, b) => a - b);
}

/**
 * The state of every cell of a table: "<5" below five persons, then, while a hidden cell can be
 * worked out, the smallest shown part of a sum it belongs to is withheld too (the total only when no
 * part is left). Cells with a `fixed` state keep it; a fixed `shown` cell is never chosen.
 */
export function protectTable(cells: readonly ProtectedCell[], sums: readonly Additivity[], minPersons = MIN_CELL_PERSONS): CellState[] {
  const states: CellState[] = cells.map((cell) => cell.fixed ?? (cell.persons < minPersons ? 'small' : 'shown'));
  const hidden = () => states.map((s) => s !== 'shown');
  const free = (i: number) => states[i] === 'shown' && cells[i]!.fixed === undefined;
  const bySize = (a: number, b: number) => cells[a]!.persons - cells[b]!.persons || a - b;
  for (;;) {
    const exposed = recoverableCells(cells.length, sums, hidden());
    if (exposed.length === 0) return states;
    const hiddenIn = (s: Additivity) => [...s.parts, ...(s.total === null ? [] : [s.total])].filter((i) => states[i] !== 'shown').length;
    const pick = (s: Additivity) => s.parts.filter(free).sort(bySize)[0] ?? (s.total !== null && free(s.total) ? s.total : null);
    let chosen: number | null = null;
    // First a sum with one hidden member (it gives that member by subtraction) ...
    for (const s of sums) {
      if (s.total === null || hiddenIn(s) !== 1) continue;
      chosen = pick(s);
      if (chosen !== null) break;
    }
    // ... else a cell worked out by combining sums: a sum it belongs to, the fewest hidden members first.
    for (const cell of chosen === null ? exposed : []) {
      const touching = sums
        .filter((s) => s.total !== null && (s.total === cell || s.parts.includes(cell)))
        .sort((a, b) => hiddenIn(a) - hiddenIn(b));
      for (const s of touching) {
        chosen = pick(s);
        if (chosen !== null) break;
      }
      if (chosen !== null) break;
    }
    // Nothing left to withhold beside an exposed cell (fixed cells around it): the table cannot do better.
    if (chosen === null) return states;
    states[chosen] = 'withheld';
  }
}

/** One breakdown: a total and the parts that sum to it (a 1-D table), in that order of states. */
export function protectBreakdown(
  total: ProtectedCell | null,
  parts: readonly ProtectedCell[],
  minPersons = MIN_CELL_PERSONS,
): { total: CellState | null; parts: CellState[] } {
  const cells = total ? [total, ...parts] : [...parts];
  const offset = total ? 1 : 0;
  const states = protectTable(cells, [{ total: total ? 0 : null, parts: parts.map((_, i) => i + offset) }], minPersons);
  return { total: total ? states[0]! : null, parts: states.slice(offset) };
}
