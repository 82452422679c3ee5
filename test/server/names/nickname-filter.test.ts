/**
 * The nickname filter (server/names/nickname-filter.ts) against a table of rude names (several languages,
 * leetspeak, run-together, spelled apart, masked) and innocent ones that contain a listed word (Scunthorpe,
 * real first names and surnames, maths-y nicknames). A nickname refused at the door never reaches a projector.
 */
import { describe, expect, it } from 'vitest';
import { isRudeNickname } from '../../../server/names/nickname-filter';
import { NAME_WORDS, generatedName } from '../../../shared/names/generated-names';
import { NicknameSchema } from '../../../shared/protocol/schemas';

const RUDE = [
  // English, plain and disguised
  'fuck', 'FuckFace', 'bigdick', 'sh1thead', 'f u c k', 'F.U.C.K', 'fvck', 'phuck', '@sshole', 'ass_hole', 'Sh!t',
  'b00bs', 'penis69', 'cunt', 'c*nt', 'wanker', 'bitch', 'b1tch', 'dickhead', 'titties', 'n1gger', 'nigga', 'fag',
  'motherfucker', 'xXfuckXx', 'pussy', 'bollocks', 'ShitLord', 'porn', 'fuuuuck',
  // German, French, Spanish, Italian, Dutch, Polish, Portuguese, Turkish, Russian
  'Scheiße', 'scheisse', 'Arschloch', 'Hurensohn', 'Fick dich', 'fotze', 'wichser',
  'putain', 'connard', 'merde', 'salope', 'enculé',
  'mierda', 'puta', 'cabrón', 'pendejo', 'joder', 'coño',
  'cazzo', 'vaffanculo', 'stronzo', 'minchia', 'troia', 'puttana',
  'kut', 'klootzak', 'kanker', 'lul', 'hoer', 'gvd',
  'kurwa', 'kutas', 'pizda', 'caralho', 'porra', 'puto', 'orospu', 'siktir',
  'хуй', 'сука', 'blyat', 'suka',
  // Hate
  'nazi', 'N4zi', 'hitler', 'h1tler',
];

const INNOCENT = [
  'Scunthorpe', 'Dick Grayson', 'assistant', 'Cassie', 'Hancock', 'Essex', 'Sussex', 'Matsushita', 'Titus', 'Analise',
  'therapist', 'Dickens', 'Dickinson', 'Cockburn', 'Shiitake', 'Classic', 'Basement', 'Passion', 'Grass', 'Phuc', 'Dong',
  'Fanny', 'Kuntz', 'Hoang', 'Nguyen', 'Ahmed', 'Mohammed', 'Penistone', 'Arsenal', 'Cumberbatch', 'Cumming', 'Peacock',
  'Hitchcock', 'Sextant', 'Massimo', 'Cocktail', 'Butterfly', 'Document', 'Specialist', 'Pushkin', 'Bass', 'Kasia', 'Mia',
  'Ana', 'Ana L', 'Anaïs', 'Jürgen', 'Łukasz', 'Zoë', 'Дмитрий', '王伟', 'Shakira', 'Sugar', 'Suki', 'Kim', 'Ishita',
  'Assad', 'Glasshouse', 'Cockatoo', 'Mishit', 'Puck', 'Fukuda', 'Fuchs', 'Conrad', 'Figaro', 'Lula', 'Kuta', 'Kutlu',
  'Math Wizard', 'Chain Champ', 'Sigmoid Sam', 'Leibniz', 'Newton', 'Euler #1', 'A B C', 'Jo-Ann',
];

describe('nickname filter', () => {
  it.each(RUDE)('refuses %s', (name) => {
    expect(NicknameSchema.safeParse(name).success, `${name} must be a valid nickname, or the table tests nothing`).toBe(true);
    expect(isRudeNickname(name)).toBe(true);
  });

  it.each(INNOCENT)('lets %s in', (name) => {
    expect(isRudeNickname(name)).toBe(false);
  });

  it('never refuses a generated name', () => {
    for (const w of NAME_WORDS) expect(isRudeNickname(w), w).toBe(false);
    for (let seat = 0; seat < 4096; seat += 7) expect(isRudeNickname(generatedName(12345, seat)), generatedName(12345, seat)).toBe(false);
  });
});
