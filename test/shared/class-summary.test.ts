import { describe, expect, it } from 'vitest';
import { classSummary, topicOf } from '../../shared/report/class-summary';
import type { ReportRow } from '../../shared/report/types';

function row(player: string, question: number, over: Partial<ReportRow> = {}): ReportRow {
  return {
    player, question, questionId: `task-${question}`, questionText: `Question ${question}`, correctAnswer: '2*x*cos(x^2)',
    answer: '2*x*cos(x^2)', outcome: 'correct', correct: true, mistake: '', timeMs: 1000, points: 900, topic: 'chain', ...over,
  };
}
const wrong = (player: string, question: number, mistake: string, over: Partial<ReportRow> = {}): ReportRow =>
  row(player, question, { outcome: 'wrong', correct: false, mistake, answer: `${player}-${question}`, points: 0, ...over });

describe('classSummary', () => {
  it('counts students per mistake (not times), lists its questions, and keeps the first example in question order', () => {
    const rows = [
      wrong('Ada', 3, 'forgot-inner-derivative'),
      wrong('Ada', 1, 'forgot-inner-derivative'),
      wrong('Ben', 1, 'forgot-inner-derivative'),
      wrong('Cy', 2, 'sign-error'),
      wrong('Cy', 3, 'sign-error'),
      wrong('Ben', 2, 'wrong-order'),
      row('Cy', 1),
      row('Ada', 2),
    ];
    const s = classSummary(rows);
    expect(s.students).toBe(3);
    expect([s.right, s.results]).toEqual([2, 8]);
    expect(s.mistakes.map((m) => [m.mistake, m.students, m.times, m.questions])).toEqual([
      ['forgot-inner-derivative', 2, 3, [1, 3]],
      ['sign-error', 1, 2, [2, 3]],
      ['wrong-order', 1, 1, [2]],
    ]);
    expect(s.mistakes[0]?.example).toEqual({ question: 1, questionText: 'Question 1', answer: 'Ada-1', correctAnswer: '2*x*cos(x^2)' });
  });

  it('leaves right answers, unanswered ones and unnamed mistakes out of the list, counting the unnamed apart', () => {
    const s = classSummary([
      row('A', 1), row('B', 1, { outcome: 'no answer', correct: false, answer: '' }), wrong('C', 1, ''),
    ]);
    expect(s.mistakes).toEqual([]);
    expect(s.unnamedWrong).toBe(1);
  });

  it('lists the topics below full marks, lowest share right first, at most three', () => {
    const rows = [
      row('A', 1, { topic: 'chain' }), wrong('B', 1, 'sign-error', { topic: 'chain' }),
      wrong('A', 2, 'wrong-order', { topic: 'jacobian' }), wrong('B', 2, 'wrong-order', { topic: 'jacobian' }),
      row('A', 3, { topic: 'nested' }), row('B', 3, { topic: 'nested' }),
      row('A', 4, { topic: 'implicit' }), row('B', 4, { topic: 'implicit', outcome: 'no answer', correct: false }),
      row('A', 5, { topic: 'partial' }), row('B', 5, { topic: 'partial' }), row('C', 5, { topic: 'partial', outcome: 'wrong', correct: false }),
    ];
    const s = classSummary(rows);
    expect(s.weakTopics.map((t) => [t.topic, t.right, t.results])).toEqual([['jacobian', 0, 2], ['chain', 1, 2], ['implicit', 1, 2]]);
  });

  it('reads the topic of a row stored without one from its generator id', () => {
    expect(topicOf({ questionId: 'implicit2-3-99' })).toBe('implicit2');
    expect(topicOf({ questionId: 'implicit-3-99' })).toBe('implicit');
    expect(topicOf({ questionId: 'task-1' })).toBeNull();
    expect(topicOf({ questionId: 'task-1', topic: 'backprop' })).toBe('backprop');
    expect(topicOf({ questionId: 'task-1', topic: 'nonsense' })).toBeNull();
  });

  it('is empty for a game nobody played', () => {
    expect(classSummary([])).toEqual({ students: 0, right: 0, results: 0, mistakes: [], unnamedWrong: 0, weakTopics: [] });
  });
});
