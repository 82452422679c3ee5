/**
 * Worked-step sentences carry their maths as `\( … \)` (docs/game-design.md, worked steps). One reading of that
 * format for every screen that typesets it (phone and solo steps, projector and party reveals).
 */
export type ProsePiece = { text: string } | { latex: string; after: string };

/**
 * The text and formula pieces of a sentence. The punctuation right after a formula travels with it (`after`),
 * so a screen can keep it on the formula's line: a lone "." wrapped under a formula reads as a stray mark.
 */
export function prosePieces(prose: string): ProsePiece[] {
  const parts = prose.split(/\\\((.*?)\\\)/s);
  const out: ProsePiece[] = [];
  parts.forEach((part, i) => {
    if (i % 2 === 0) {
      if (part !== '') out.push({ text: part });
      return;
    }
    const after = /^[.,;:!?)]+/.exec(parts[i + 1] ?? '')?.[0] ?? '';
    if (after) parts[i + 1] = (parts[i + 1] ?? '').slice(after.length);
    out.push({ latex: part, after });
  });
  return out;
}
