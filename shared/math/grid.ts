/**
 * Reads bracket notation typed as one string: "[0.1, -0.2]", "[[1, 2], [3, 4]]" or "[1, 2; 3, 4]" into cells
 * (still strings, each then goes through the safe parser). Pure string splitting, bounded by MAX_GRID_CHARS.
 */
export const MAX_GRID_CHARS = 4000;

export type Grid = { kind: 'vector'; cells: string[] } | { kind: 'matrix'; rows: string[][] };

export function readGrid(src: string): Grid | { error: string } | null {
  const text = src.trim();
  if (!text.startsWith('[')) return null;
  if (text.length > MAX_GRID_CHARS) return { error: 'That answer is too long.' };
  if (!text.endsWith(']')) return { error: 'Unbalanced brackets.' };
  const inner = text.slice(1, -1).trim();
  if (inner.startsWith('[')) {
    const rows: string[][] = [];
    for (const item of splitTop(inner, ',')) {
      const row = item.trim();
      if (!row.startsWith('[') || !row.endsWith(']')) return { error: 'Write a matrix as [[a, b], [c, d]].' };
      rows.push(splitTop(row.slice(1, -1), ','));
    }
    return { kind: 'matrix', rows };
  }
  const rowTexts = splitTop(inner, ';');
  if (rowTexts.length > 1) return { kind: 'matrix', rows: rowTexts.map((r) => splitTop(r, ',')) };
  return { kind: 'vector', cells: splitTop(inner, ',') };
}

/** Splits at `sep` outside any brackets, so "log(x, 2)" stays one cell. */
function splitTop(text: string, sep: string): string[] {
  const out: string[] = [];
  let depth = 0;
  let start = 0;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (ch === '(' || ch === '[') depth++;
    else if (ch === ')' || ch === ']') depth--;
    else if (ch === sep && depth === 0) {
      out.push(text.slice(start, i).trim());
      start = i + 1;
    }
  }
  out.push(text.slice(start).trim());
  return out;
}
