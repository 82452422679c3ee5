/**
 * The one way a screen leaves for the home page. The entry point (main.ts) registers the home screen here, so a
 * session's screen never imports home.ts (which loads the screens), and no screen imports another in a circle.
 */
type ShowHome = (code?: string) => void;

let home: ShowHome | null = null;

/** Called once by the entry point with the home screen. */
export function registerHome(show: ShowHome): void {
  home = show;
}

/** Shows the home page (the join form filled with `code`, when given). */
export function goHome(code?: string): void {
  home?.(code);
}
