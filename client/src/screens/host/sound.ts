/**
 * Game sounds, synthesised with WebAudio (no files to download): a tick for the last seconds, a chime when the
 * answer is revealed, a soft click per worked step, a pop when a player joins, a drum roll and a fanfare for the
 * podium, and the lobby's music (lobby-music.ts). Sound is on by default on the projector (one switch in every
 * screen's control bar) and off by default on a phone (a party page in class would otherwise chime in every
 * pocket). The choice is remembered in localStorage, since the same laptop runs the next lesson.
 */
import { h } from '../../app/dom';
import { bindLetterKeys, keyCap } from './step-keys';

/** Where the choice is remembered: '1' sound off, '0' on. */
export const MUTE_KEY = 'arena.host.muted';
let ctx: AudioContext | null = null;

export type Cue = 'tick' | 'reveal' | 'step' | 'podium' | 'board' | 'join' | 'drumroll';

/** A phone (touch first, narrow): sound starts off there. */
function onPhone(): boolean {
  return typeof window.matchMedia === 'function' && window.matchMedia('(pointer: coarse) and (max-width: 900px)').matches;
}

/** True when sound is off: the choice remembered across reloads, else off on a phone and on elsewhere. */
export function isMuted(): boolean {
  try {
    const saved = localStorage.getItem(MUTE_KEY);
    if (saved === '1' || saved === '0') return saved === '1';
  } catch {
    /* storage blocked: the device's default */
  }
  return onPhone();
}

const listeners = new Set<(muted: boolean) => void>();

/** Called with the new state whenever the switch is flipped (the lobby music starts or stops). */
export function onMuteChange(fn: (muted: boolean) => void): () => void {
  listeners.add(fn);
  return () => listeners.delete(fn);
}

/**
 * The shared audio context, created (and woken) on demand; null where WebAudio is missing. `data-audio` on <body>
 * says whether it runs or sleeps (see `noteUntil`).
 */
export function audioContext(): AudioContext | null {
  if (typeof AudioContext === 'undefined') return null;
  if (!ctx) {
    const ac = new AudioContext();
    ac.addEventListener('statechange', () => (document.body.dataset.audio = ac.state));
    document.body.dataset.audio = ac.state;
    ctx = ac;
  }
  const ac = ctx;
  // A suspend still under way would land after this resume: wake it once that has settled.
  if (ac.state === 'suspended' || sleeping) void (sleeping ?? Promise.resolve()).then(() => ac.resume()).catch(() => {});
  return ac;
}

/**
 * A running AudioContext renders silence for ever once its notes end: a real-time audio thread on the teacher's
 * laptop (and the audio service's) for the rest of the lesson. The context sleeps once nothing has sounded for
 * QUIET_MS after the last note scheduled; the next cue wakes it (`audioContext`). The lobby's music schedules a
 * note every quarter second, so it keeps the context awake while it plays.
 */
const QUIET_MS = 2000;
/** When the last note scheduled ends, on the context's clock (seconds). */
let soundsUntil = 0;
let nap: ReturnType<typeof setTimeout> | null = null;
/** The suspend under way, if any. */
let sleeping: Promise<void> | null = null;

function noteUntil(ac: AudioContext, end: number): void {
  soundsUntil = Math.max(soundsUntil, end);
  // QUIET_MS after the last note ends; a note scheduled meanwhile puts the nap off again.
  const arm = (): void => void (nap = setTimeout(rest, Math.max(0, soundsUntil - ac.currentTime) * 1000 + QUIET_MS));
  const rest = (): void => {
    nap = null;
    if (ac.state !== 'running') return;
    if (soundsUntil > ac.currentTime) arm();
    else sleeping = ac.suspend().catch(() => {}).finally(() => (sleeping = null));
  };
  if (nap !== null) clearTimeout(nap);
  arm();
}

function setMuted(muted: boolean): void {
  try {
    localStorage.setItem(MUTE_KEY, muted ? '1' : '0');
  } catch {
    /* storage blocked: the choice lasts for this page only */
  }
}

/** Plays a cue unless muted; silently does nothing where WebAudio is missing or not yet allowed. */
export function play(cue: Cue): void {
  if (isMuted()) return;
  try {
    const ac = audioContext();
    if (!ac) return;
    const notes = NOTES[cue];
    const t0 = ac.currentTime + 0.01;
    for (const [freq, at, len, vol] of notes) tone(ac, freq, t0 + at, len, vol);
    document.body.dataset.lastCue = cue;
  } catch {
    /* audio is a nicety: never break the screen for it */
  }
}

/** [frequency Hz, start s, length s, volume] */
const NOTES: Record<Cue, Array<[number, number, number, number]>> = {
  tick: [[880, 0, 0.06, 0.12]],
  step: [[660, 0, 0.08, 0.08]],
  reveal: [[523.25, 0, 0.18, 0.18], [659.25, 0.12, 0.18, 0.18], [783.99, 0.24, 0.4, 0.2]],
  board: [[392, 0, 0.12, 0.12], [523.25, 0.1, 0.25, 0.14]],
  podium: [[392, 0, 0.15, 0.18], [523.25, 0.15, 0.15, 0.18], [659.25, 0.3, 0.15, 0.18], [783.99, 0.45, 0.6, 0.22]],
  join: [[987.77, 0, 0.07, 0.08], [1318.5, 0.06, 0.12, 0.08]],
  // A roll of quick low taps, growing louder: the build-up before each podium place.
  drumroll: Array.from({ length: 16 }, (_, i): [number, number, number, number] => [110 + (i % 2) * 6, i * 0.055, 0.05, 0.04 + i * 0.008]),
};

/** One note (triangle wave, quick attack, exponential release) on `ac` at time `at`. */
export function tone(ac: AudioContext, freq: number, at: number, len: number, vol: number): void {
  const osc = ac.createOscillator();
  const gain = ac.createGain();
  osc.type = 'triangle';
  osc.frequency.value = freq;
  gain.gain.setValueAtTime(0, at);
  gain.gain.linearRampToValueAtTime(vol, at + 0.01);
  gain.gain.exponentialRampToValueAtTime(0.0001, at + len);
  osc.connect(gain).connect(ac.destination);
  osc.start(at);
  osc.stop(at + len + 0.02);
  noteUntil(ac, at + len + 0.02);
}

/** The mute toggle for the host's control bar (aria-pressed says whether sound is off). */
/** M switches the sound on every projector screen: one listener for the page, clicking whichever button is shown. */
let muteKey: (() => void) | null = null;

export function muteButton(): HTMLButtonElement {
  const btn = h('button', { type: 'button', id: 'mute-button', class: 'ghost', 'aria-keyshortcuts': 'M', title: 'Sound on or off (M)' });
  muteKey ??= bindLetterKeys({ m: () => document.querySelector<HTMLButtonElement>('#mute-button')?.click() });
  const paint = (): void => {
    const muted = isMuted();
    btn.replaceChildren(muted ? 'Sound: off' : 'Sound: on', keyCap('M'));
    btn.setAttribute('aria-pressed', String(muted));
  };
  btn.addEventListener('click', () => {
    setMuted(!isMuted());
    paint();
    const muted = isMuted();
    listeners.forEach((fn) => fn(muted));
  });
  paint();
  return btn;
}
