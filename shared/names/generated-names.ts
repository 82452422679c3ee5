/**
 * Generated names for players when the host hides nicknames ("Curious Otter"): a kind adjective and an animal,
 * picked from (room seed, seat) alone, so every process and every restart names a seat the same way and no
 * name needs storing. Seats in one room never share a name: the seat index walks a permutation of all pairs.
 * The words were chosen so that no pair reads as an insult or a double meaning on a classroom projector.
 */

const ADJECTIVES = [
  'Curious', 'Brave', 'Clever', 'Cheerful', 'Calm', 'Bright', 'Bold', 'Gentle',
  'Happy', 'Jolly', 'Kind', 'Lively', 'Lucky', 'Merry', 'Nimble', 'Patient',
  'Plucky', 'Quick', 'Quiet', 'Sunny', 'Swift', 'Witty', 'Wise', 'Zesty',
  'Daring', 'Eager', 'Friendly', 'Gallant', 'Hopeful', 'Keen', 'Mighty', 'Noble',
  'Polite', 'Proud', 'Rapid', 'Steady', 'Sparkly', 'Tidy', 'Upbeat', 'Vivid',
  'Warm', 'Zippy', 'Breezy', 'Cosmic', 'Dapper', 'Fearless', 'Graceful', 'Humble',
  'Jazzy', 'Loyal', 'Mellow', 'Nifty', 'Peppy', 'Radiant', 'Snappy', 'Spry',
  'Stellar', 'Thoughtful', 'Trusty', 'Valiant', 'Whimsical', 'Chipper', 'Dazzling', 'Golden',
] as const;

const ANIMALS = [
  'Otter', 'Panda', 'Falcon', 'Koala', 'Dolphin', 'Fox', 'Owl', 'Penguin',
  'Hedgehog', 'Lynx', 'Badger', 'Heron', 'Gecko', 'Puffin', 'Raccoon', 'Walrus',
  'Bison', 'Alpaca', 'Beetle', 'Bumblebee', 'Chameleon', 'Cheetah', 'Crane', 'Dingo',
  'Eagle', 'Ferret', 'Flamingo', 'Gazelle', 'Giraffe', 'Gorilla', 'Hamster', 'Ibis',
  'Jaguar', 'Kangaroo', 'Kiwi', 'Lemur', 'Lion', 'Llama', 'Magpie', 'Manatee',
  'Meerkat', 'Moose', 'Narwhal', 'Ocelot', 'Octopus', 'Orca', 'Pelican', 'Quokka',
  'Rabbit', 'Robin', 'Salamander', 'Seal', 'Sparrow', 'Squirrel', 'Starfish', 'Swan',
  'Tiger', 'Toucan', 'Turtle', 'Wombat', 'Yak', 'Zebra', 'Axolotl', 'Capybara',
] as const;

const PAIRS = ADJECTIVES.length * ANIMALS.length;
/** Odd and so coprime with PAIRS (a power of two): seat → pair is a bijection on 0…PAIRS−1. */
const STRIDE = 2731;

/** The generated name of the seat `seat` (join order, from 0) in a room with seed `seed`. */
export function generatedName(seed: number, seat: number): string {
  const offset = Math.abs(Math.trunc(seed)) % PAIRS;
  const round = Math.floor(seat / PAIRS);
  const k = (((seat % PAIRS) * STRIDE) + offset) % PAIRS;
  // Adjective from the low bits, animal from the high ones: neighbouring seats differ in both words.
  const adjective = ADJECTIVES[k % ADJECTIVES.length] ?? 'Curious';
  const animal = ANIMALS[(Math.floor(k / ADJECTIVES.length) + k) % ANIMALS.length] ?? 'Otter';
  return round === 0 ? `${adjective} ${animal}` : `${adjective} ${animal} ${round + 1}`;
}

/** Every word a generated name may use (tests check each against the nickname filter). */
export const NAME_WORDS: readonly string[] = [...ADJECTIVES, ...ANIMALS];
