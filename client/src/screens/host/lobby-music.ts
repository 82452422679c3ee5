/**
 * Music while the class joins, generated with WebAudio (no audio file): a soft loop of four chords, arpeggiated,
 * with a bass note on each bar, scheduled a little ahead of time so it keeps playing on a busy laptop. It plays
 * only while sound is on (sound.ts: on by default on the projector, off on a phone) and stops the moment the
 * switch is turned off or the lobby closes. `data-music` on <body> says whether it plays (tests read it).
 */
import { audioContext, isMuted, onMuteChange, tone } from './sound';

/** C, Am, F, G: a loop everyone has heard a thousand times, which is what lobby music should be. */
const CHORDS: ReadonlyArray<readonly number[]> = [
  [261.63, 329.63, 392.0, 523.25],
  [220.0, 261.63, 329.63, 440.0],
  [174.61, 220.0, 261.63, 349.23],
  [196.0, 246.94, 293.66, 392.0],
];
const BEAT_S = 0.25;
const BEATS_PER_CHORD = 8;
const LOOKAHEAD_S = 0.6;
const TICK_MS = 150;

export interface LobbyMusic {
  stop(): void;
}

export function startLobbyMusic(): LobbyMusic {
  let timer: ReturnType<typeof setInterval> | null = null;
  let nextAt = 0;
  let beat = 0;
  const schedule = (): void => {
    const ac = audioContext();
    if (!ac) return;
    if (nextAt < ac.currentTime) nextAt = ac.currentTime + 0.05;
    while (nextAt < ac.currentTime + LOOKAHEAD_S) {
      const chord = CHORDS[Math.floor(beat / BEATS_PER_CHORD) % CHORDS.length] ?? CHORDS[0]!;
      const i = beat % BEATS_PER_CHORD;
      const note = chord[[0, 1, 2, 3, 2, 1, 2, 3][i] ?? 0] ?? 261.63;
      tone(ac, note * 2, nextAt, BEAT_S * 0.9, 0.035);
      if (i === 0) tone(ac, (chord[0] ?? 261.63) / 2, nextAt, BEAT_S * BEATS_PER_CHORD * 0.9, 0.05);
      nextAt += BEAT_S;
      beat++;
    }
  };
  const play = (): void => {
    if (timer !== null || isMuted()) return;
    try {
      schedule();
      timer = setInterval(schedule, TICK_MS);
      document.body.dataset.music = 'playing';
    } catch {
      /* audio is a nicety */
    }
  };
  const pause = (): void => {
    if (timer !== null) clearInterval(timer);
    timer = null;
    nextAt = 0;
    document.body.dataset.music = 'off';
  };
  const unlisten = onMuteChange((muted) => (muted ? pause() : play()));
  document.body.dataset.music = 'off';
  play();
  return {
    stop: () => {
      unlisten();
      pause();
      delete document.body.dataset.music;
    },
  };
}
