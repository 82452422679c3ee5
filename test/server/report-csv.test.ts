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
      'player,question,question_text,correct_answer,answer,result,mistake,time_s,points,question_id\r\n' +
        '"Zoë, ""Z""",1,Differentiate y = sin(x^2) with respect to x,2*x*cos(x^2),cos(x^2),wrong,forgot the inner derivative,1.2,0,chain-2-1\r\n',
    );
  });
});
