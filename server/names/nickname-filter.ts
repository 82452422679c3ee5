/**
 * Nicknames go on a projector in front of a class, so the server refuses rude ones (the phone shows a kind
 * message; a client's own check is never trusted). Two maintained filters, each for what it does best:
 * - `obscenity`: English, matched inside run-together names ("bigdick") and through leetspeak, look-alike
 *   letters and repeated letters ("sh1thead", "a$$hole", "fuuuck"), with whitelists so "Scunthorpe",
 *   "assistant" or "Essex" pass;
 * - `bad-words-next`: dictionaries in German, Spanish, French, Polish, Russian (Cyrillic and Latin), Ukrainian
 *   and Chinese, with their look-alike letters; a few common words of other classroom languages (Italian, Dutch,
 *   Portuguese, Turkish) and hateful names are added below.
 * Before checking, letters spelled apart ("f u c k", "F.U.C.K") are joined and a masked letter ("c*nt") is
 * tried as each vowel. Real names that the word lists would catch ("Dick Grayson", "Dickinson", "Cumming",
 * "Analise", "Kuntz") are allowed. test/server/nickname-filter.test.ts holds the table of rude and innocent names.
 */
import { RegExpMatcher, englishDataset, englishRecommendedTransformers } from 'obscenity';
import BadWordsNext from 'bad-words-next';
import en from 'bad-words-next/lib/en';
import de from 'bad-words-next/lib/de';
import es from 'bad-words-next/lib/es';
import fr from 'bad-words-next/lib/fr';
import pl from 'bad-words-next/lib/pl';
import ru from 'bad-words-next/lib/ru';
import ruLat from 'bad-words-next/lib/ru_lat';
import ua from 'bad-words-next/lib/ua';
import ch from 'bad-words-next/lib/ch';

/** Names and words that contain a listed word but are not rude (surnames, places, food). */
const INNOCENT = [
  'dick grayson', 'dickinson', 'dickens', 'cumming', 'cummings', 'cumberbatch', 'analise', 'analyn', 'shiitake',
  'penistone', 'shitara', 'mishit', 'fukuda', 'kuntz', 'hancock', 'hitchcock', 'babcock', 'peacock', 'cockburn',
  'scunthorpe', 'sussex', 'essex', 'matsushita',
];

/** Words the packages' lists lack: other classroom languages and hateful names (whole words, lower case). */
const EXTRA_WORDS = [
  // Italian
  'cazzo', 'vaffanculo', 'stronzo', 'stronza', 'minchia', 'puttana', 'troia', 'coglione', 'figa',
  // Dutch
  'kut', 'klootzak', 'kanker', 'lul', 'hoer', 'tering', 'godverdomme', 'gvd',
  // Portuguese
  'caralho', 'porra', 'puto', 'buceta', 'foda', 'fodase',
  // Turkish
  'orospu', 'siktir', 'amk', 'piç',
  // French and Polish forms the dictionaries miss
  'putain', 'kutas',
  // German and Russian forms the dictionaries miss
  'hurensohn', 'fick', 'ficken', 'blyat', 'blyad',
  // Hate
  'hitler', 'nazi', 'nazis', 'heil', 'kkk', 'isis',
];

const obscene = new RegExpMatcher({
  ...englishDataset.build(),
  ...englishRecommendedTransformers,
  whitelistedTerms: [...(englishDataset.build().whitelistedTerms ?? []), ...INNOCENT],
});

// Only digits and punctuation may stick to a listed word: the package's default also lets "a", "the", "el" and
// "la" stick, which turns names like "Lula" or "Kuta" into "lul" and "kut".
const words = new BadWordsNext({ exclusions: INNOCENT, specialChars: /\d|[!@#$%^&*()[\];:'",.?\-_=+~`|]/ });
for (const dict of [en, de, es, fr, pl, ru, ruLat, ua, ch]) words.add(dict);
words.add({ id: 'arena-extra', words: EXTRA_WORDS, lookalike: { '0': 'o', '1': 'i', '3': 'e', '4': 'a', '5': 's', '7': 't', '@': 'a', '$': 's', '!': 'i' } });

/** The spellings of `name` to check: as typed, letters spelled apart joined, a masked letter as each vowel. */
function spellings(name: string): string[] {
  const lower = name.toLocaleLowerCase('und');
  const out = new Set([lower]);
  const tokens = lower.split(/[\s._\-+]+/u).filter((t) => t !== '');
  // "f u c k", "f.u.c.k": every token one letter (a run of initials like "A B" joins harmlessly).
  if (tokens.length > 2 && tokens.every((t) => [...t].length === 1)) out.add(tokens.join(''));
  // "c*nt", "f#ck": a masked letter or two, each tried as a vowel (more masks than that reads as nothing).
  for (const s of [...out]) {
    const masks = (s.match(/[*#]/g) ?? []).length;
    if (masks === 0 || masks > 2) continue;
    let forms = [s];
    for (let i = 0; i < masks; i++) forms = forms.flatMap((f) => [...'aeiou'].map((v) => f.replace(/[*#]/, v)));
    forms.forEach((f) => out.add(f));
  }
  return [...out];
}

/** True when `nickname` (already validated by NicknameSchema) should not be shown to a class. */
export function isRudeNickname(nickname: string): boolean {
  return spellings(nickname).some((s) => obscene.hasMatch(s) || words.check(s));
}
