/** The chunk with the question and reveal screens (and the mathjs-based validator they use). */
export { renderPlayerQuestion } from './player-question';
export { renderPlayerReveal } from './player-reveal';
