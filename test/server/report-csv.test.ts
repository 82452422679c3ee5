import { describe, expect, it } from 'vitest';
import { csvCell, toCsv } from '../../server/report/csv';

describe('csvCell', () => {
  it('defuses a formula at the start of a cell', () => expect(csvCell('=HYPERLINK("x")')).toBe(`"'=HYPERLINK(""x"")"`));
  it('defuses a leading plus, minus and at-sign', () => {
    expect(csvCell('+1')).toBe("'+1");
    expect(csvCell('-2*x')).toBe("'-2*x");
    expect(csvCell('@SUM')).toBe("'@SUM");
  });
  it('quotes commas and doubles quotes', () => expect(csvCell('a,"b"')).toBe('"a,""b"""'));
  it('quotes line breaks', () => expect(csvCell('a\nb')).toBe('"a\nb"'));
  it('writes numbers and booleans as they are', () => {
    expect(csvCell(-5)).toBe('-5');
    expect(csvCell(true)).toBe('true');
  });
});

describe('toCsv', () => {
  it('writes the header then one CRLF-terminated row per answer, the mistake by name and the time in seconds', () => {
    const csv = toCsv([{
      player: 'Zoë, "Z"', question: 1, questionId: 'chain-2-1', questionText: 'Differentiate y = sin(x^2) with respect to x',
      correctAnswer: '2*x*cos(x^2)', answer: 'cos(x^2)', outcome: 'wrong', correct: false, mistake: 'forgot-inner-derivative', timeMs: 1234, points: 0,
    }]);
    expect(csv).toBe(
      'player,question,question_text,correct_answer,answer,result,mistake,time_s,points,question_id,submitted,extra_time_s\r\n' +
        '"Zoë, ""Z""",1,Differentiate y = sin(x^2) with respect to x,2*x*cos(x^2),cos(x^2),wrong,forgot the inner derivative,1.2,0,chain-2-1,,\r\n',
    );
  });

  it('appends how each answer was submitted (sent, a draft taken at the deadline, or none) and who had extra time', () => {
    const base = { player: 'A', question: 1, questionId: 'q', questionText: 't', correctAnswer: '1', mistake: '', points: 0 };
    const csv = toCsv([
      { ...base, answer: '1', outcome: 'correct', correct: true, timeMs: 1000, submitted: 'sent' },
      { ...base, answer: '2', outcome: 'wrong', correct: false, timeMs: 20000, submitted: 'draft', extraTimeMs: 20_000 },
      { ...base, answer: '', outcome: 'no answer', correct: false, timeMs: null, submitted: 'none' },
    ]);
    expect(csv.trim().split('\r\n').slice(1).map((l) => l.split(',').slice(5))).toEqual([
      ['correct', '', '1.0', '0', 'q', 'sent', ''],
      ['wrong', '', '20.0', '0', 'q', 'draft at deadline', '20.0'],
      ['no answer', '', '', '0', 'q', 'none', ''],
    ]);
  });
});
