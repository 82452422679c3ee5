/** The chunk with the question and reveal screens (and the answer form, keypad and checker-side reader they use). */
export { renderPlayerQuestion } from './player-question';
export { renderPlayerReveal } from './player-reveal';
