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
  it('writes the header then one CRLF-terminated row per answer', () => {
    const csv = toCsv([{ player: 'Zoë, "Z"', question: 1, questionId: 'chain-2-1', answer: '2x', correct: true, mistake: '', timeMs: 1234, points: 969 }]);
    expect(csv).toBe('player,question,question_id,answer,correct,mistake,time_ms,points\r\n"Zoë, ""Z""",1,chain-2-1,2x,true,,1234,969\r\n');
  });
});
