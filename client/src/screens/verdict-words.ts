/**
 * A verdict on the product in words, the line said first on screen and aloud (docs/accessibility.md#announcements):
 * the phone and the party page after an answer, solo after a check. One wording, so the pages say the same.
 */
import { mistakeTitle } from '../app/mistakes';

interface Judged {
  correct: boolean;
  error?: string | undefined;
  mistake?: string | null | undefined;
}

/** `wrong`: the word for a wrong answer with no named mistake (solo, which teaches, says "Not quite"). */
export function verdictWords(final: Judged | null | undefined, wrong = 'Wrong'): string {
  if (!final) return 'Time is up';
  return final.correct ? 'Right' : final.error ? 'Could not read that' : final.mistake ? mistakeTitle(final.mistake) : wrong;
}
