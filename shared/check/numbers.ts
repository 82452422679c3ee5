import { readGrid } from '../math/grid';
import { readNumber } from '../math/numeric';

/** A numeric answer of any shape, as rows: a scalar is 1×1, a vector is one row flagged `vector`. */
export interface NumGrid {
  rows: number[][];
  vector: boolean;
}

export type GridResult = { ok: true; grid: NumGrid } | { ok: false; error: string };

const MAX_CELLS = 400;

/**
 * Reads a typed number, vector or matrix: JS numbers and arrays, numeric strings ("1/4", "2e-3"), and
 * bracket strings ("[0.1, -0.2]", "[[1, 2], [3, 4]]"). Never throws; refuses ragged or oversized input.
 */
export function readNumbers(input: unknown): GridResult {
  if (typeof input === 'string') {
    const grid = readGrid(input);
    if (grid === null) return cellsToGrid([[input]], false);
    if ('error' in grid) return { ok: false, error: grid.error };
    return grid.kind === 'vector' ? cellsToGrid([grid.cells], true) : cellsToGrid(grid.rows, false);
  }
  if (!Array.isArray(input)) return cellsToGrid([[input]], false);
  if (input.length > 0 && input.every((r) => Array.isArray(r))) return cellsToGrid(input as unknown[][], false);
  return cellsToGrid([input], true);
}

function cellsToGrid(cells: unknown[][], vector: boolean): GridResult {
  if (cells.length === 0 || cells.some((r) => !Array.isArray(r) || r.length === 0)) {
    return { ok: false, error: 'Type a number in every entry.' };
  }
  const width = (cells[0] as unknown[]).length;
  if (cells.some((r) => r.length !== width)) return { ok: false, error: 'Every row must have the same length.' };
  if (cells.length * width > MAX_CELLS) return { ok: false, error: 'That answer is too long.' };
  const rows: number[][] = [];
  for (const r of cells) {
    const row: number[] = [];
    for (const c of r) {
      const n = readNumber(typeof c === 'string' || typeof c === 'number' ? c : undefined);
      if (!n.ok) return { ok: false, error: n.error };
      row.push(n.value);
    }
    rows.push(row);
  }
  return { ok: true, grid: { rows, vector } };
}

/** The stored exact value (number | number[] | number[][]) in the same shape. */
export function valueToGrid(value: number | number[] | number[][]): NumGrid {
  if (typeof value === 'number') return { rows: [[value]], vector: false };
  if (value.length > 0 && value.every((r) => Array.isArray(r))) return { rows: value, vector: false };
  return { rows: [value as number[]], vector: true };
}

export function shapeOf(g: NumGrid): string {
  return g.vector ? `${g.rows[0]?.length ?? 0} entries` : `${g.rows.length}×${g.rows[0]?.length ?? 0}`;
}

/** Entries in reading order, for comparing a vector typed as a column with one stored as a row. */
export function flat(g: NumGrid): number[] {
  return g.rows.flat();
}

export function transpose<T>(rows: readonly T[][]): T[][] {
  const width = rows[0]?.length ?? 0;
  return Array.from({ length: width }, (_, j) => rows.map((r) => r[j] as T));
}
