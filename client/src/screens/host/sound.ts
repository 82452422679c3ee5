/**
 * Game sounds for the projector, synthesised with WebAudio (no files to download): a tick for the last seconds,
 * a chime when the answer is revealed, a soft click per worked step, a fanfare for the podium. The mute choice
 * is remembered in localStorage, since the same laptop runs the next lesson.
 */
import { h } from '../../app/dom';

const MUTE_KEY = 'arena.host.muted';
let ctx: AudioContext | null = null;

export type Cue = 'tick' | 'reveal' | 'step' | 'podium' | 'board';

/** True when the host muted the game (remembered across reloads). */
export function isMuted(): boolean {
  try {
    return localStorage.getItem(MUTE_KEY) === '1';
  } catch {
    return false;
  }
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
  if (isMuted() || typeof AudioContext === 'undefined') return;
  try {
    ctx ??= new AudioContext();
    if (ctx.state === 'suspended') void ctx.resume();
    const notes = NOTES[cue];
    const t0 = ctx.currentTime + 0.01;
    for (const [freq, at, len, vol] of notes) tone(ctx, freq, t0 + at, len, vol);
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
};

function tone(ac: AudioContext, freq: number, at: number, len: number, vol: number): void {
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
}

/** The mute toggle for the host's control bar (aria-pressed says whether sound is off). */
export function muteButton(): HTMLButtonElement {
  const btn = h('button', { type: 'button', id: 'mute-button', class: 'ghost' });
  const paint = (): void => {
    const muted = isMuted();
    btn.textContent = muted ? 'Sound: off' : 'Sound: on';
    btn.setAttribute('aria-pressed', String(muted));
  };
  btn.addEventListener('click', () => {
    setMuted(!isMuted());
    paint();
  });
  paint();
  return btn;
}
