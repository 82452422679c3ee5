import { describe, expect, it } from 'vitest';
import { joinUrl, normaliseCode, parseJoinCode } from '../../client/src/app/routes';
import { parseTeacherTasks } from '../../client/src/screens/host/teacher-tasks';
import { formatSeconds, formatValue, sigFig } from '../../client/src/app/format';
import { mistakeName } from '../../client/src/app/mistakes';

const loc = (pathname: string, search = '', hash = ''): Pick<Location, 'pathname' | 'search' | 'hash'> => ({ pathname, search, hash });

describe('join links', () => {
  it('reads the code from /join/CODE when the QR link is opened', () => {
    expect(parseJoinCode(loc('/join/abc234'))).toBe('ABC234');
  });

  it('reads the code from ?code= when the query form is used', () => {
    expect(parseJoinCode(loc('/', '?code=XYZ789'))).toBe('XYZ789');
  });

  it('drops everything but letters and digits when the code is hostile', () => {
    expect(normaliseCode('<b>ab-12</b>')).toBe('BAB12B');
    expect(parseJoinCode(loc('/', '?code=%3Cscript%3E'))).toBe('SCRIPT');
  });

  it('returns an empty code when the link carries none', () => {
    expect(parseJoinCode(loc('/'))).toBe('');
  });

  it('builds a join URL that parses back to the same code', () => {
    const url = new URL(joinUrl('QWE234', 'http://arena.test'));
    expect(parseJoinCode({ pathname: url.pathname, search: url.search, hash: url.hash })).toBe('QWE234');
  });
});

describe('teacher tasks', () => {
  it('turns a composition into a chain question when one line is typed', () => {
    const r = parseTeacherTasks('sin(x^2)');
    expect(r).toEqual({ ok: true, tasks: [{ family: 'chain', task: { expr: 'sin(x^2)', var: 'x' } }] });
  });

  it('turns an equation into an implicit question when the line has =', () => {
    const r = parseTeacherTasks('x^2 + y^2 = 25');
    expect(r.ok && r.tasks[0]?.family).toBe('implicit');
  });

  it('keeps a JSON line\'s level, as arena solve reads it, and adds none when the line has none', () => {
    const r = parseTeacherTasks('{"family": "jacobian", "task": {"outer": ["u"], "outerVars": ["u"], "inner": ["x"], "innerVars": ["x"]}, "difficulty": 5}\n{"family": "chain", "task": {"expr": "sin(x)", "var": "x"}}');
    expect(r.ok && r.tasks.map((t) => t.difficulty)).toEqual([5, undefined]);
    expect(r.ok && 'difficulty' in (r.tasks[1] ?? {})).toBe(false);
  });

  it('refuses a broken JSON line with its line number', () => {
    const r = parseTeacherTasks('sin(x)\n{"family": ');
    expect(r).toEqual({ ok: false, error: expect.stringContaining('Line 2') });
  });

  it('skips blank and # comment lines', () => {
    const r = parseTeacherTasks('\n# warm-up\ncos(3x)\n');
    expect(r.ok && r.tasks.length).toBe(1);
  });
});

describe('formatting', () => {
  it('rounds to 3 significant figures when a value is shown', () => {
    expect(sigFig(-0.049712)).toBe('-0.0497');
    expect(sigFig(1234.5)).toBe('1230');
    expect(formatValue([[0.12345, 2]])).toBe('[[0.123, 2]]');
  });

  it('shows m:ss above a minute and never a negative time', () => {
    expect(formatSeconds(61_000)).toBe('1:01');
    expect(formatSeconds(-500)).toBe('0');
    expect(formatSeconds(9_100)).toBe('10');
  });

  it('names a mistake code for a person and falls back for unknown ones', () => {
    expect(mistakeName('forgot-inner-derivative')).toBe('forgot the inner derivative');
    expect(mistakeName(null)).toBe('another mistake');
  });
});
