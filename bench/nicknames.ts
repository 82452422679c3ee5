import { isRudeNickname } from '../server/names/nickname-filter';

/**
 * The nickname of simulated player `i`: `P155` reads as leetspeak to the server's nickname filter and is refused
 * like a student's would be, so a numbered name the filter refuses is numbered again past the range in use
 * (`P100155`), still unique.
 */
export function benchNickname(prefix: string, i: number): string {
  for (let k = 0; k < 100; k++) {
    const name = `${prefix}${i + k * 1_000_000}`;
    if (!isRudeNickname(name)) return name;
  }
  throw new Error(`no nickname for ${prefix}${i} passes the filter`);
}
