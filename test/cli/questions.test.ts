import { describe, expect, it } from 'vitest';
import { run } from '../../server/cli/questions';
import { generateQuestion } from '../../shared/questions/index';
import { runWith } from './questions-harness';
import { escapeLatexText } from '../../shared/questions/format/latex';
import { texNum } from '../../shared/questions/format/number';

/** Braces that open and close groups, ignoring escaped \{ and \}. */
function braceBalance(tex: string): number {
  let depth = 0;
  for (let i = 0; i < tex.length; i++) {
    if (tex[i] === '\\') i++;
    else if (tex[i] === '{') depth++;
    else if (tex[i] === '}') depth--;
    if (depth < 0) return -1;
  }
  return depth;
}

describe('arena questions', () => {
  it('writes one question JSON a line for seeds S, S+1, … when the format is json', async () => {
    const r = await runWith(run, ['--family', 'backprop', '--difficulty', '2', '--count', '3', '--seed', '5']);
    expect(r.code).toBe(0);
    const lines = r.stdout.trimEnd().split('\n');
    expect(lines).toHaveLength(3);
    lines.forEach((line, k) => expect(line).toBe(JSON.stringify(generateQuestion('backprop', 2, 5 + k))));
  });

  it('accepts --flag=value as well as --flag value', async () => {
    const r = await runWith(run, ['--family=implicit', '--count=2', '--seed=1', '--difficulty=1']);
    expect(r.code).toBe(0);
    expect(r.stdout.trimEnd().split('\n').map((l) => (JSON.parse(l) as { id: string }).id)).toEqual(['implicit-1-1', 'implicit-1-2']);
  });

  it('writes a complete LaTeX document with answers after \\newpage when the format is latex', async () => {
    const r = await runWith(run, ['--family', 'backprop', '--count', '4', '--format', 'latex']);
    expect(r.code).toBe(0);
    expect(r.stdout.startsWith('\\documentclass')).toBe(true);
    expect(r.stdout).toContain('\\usepackage{amsmath,amssymb}');
    const [questions, answers] = r.stdout.split('\\newpage');
    expect(questions).toContain('\\begin{document}');
    expect(answers).toContain('Answers');
    expect(r.stdout.trimEnd().endsWith('\\end{document}')).toBe(true);
  });

  for (const family of ['backprop', 'implicit', 'implicit2', 'gradient-flow', 'chain', 'jacobian'] as const) {
    it(`escapes the ${family} worksheet so braces balance and only pdflatex-safe characters remain`, async () => {
      const r = await runWith(run, ['--family', family, '--count', '5', '--difficulty', '4', '--format', 'latex']);
      expect(r.code).toBe(0);
      expect(braceBalance(r.stdout)).toBe(0);
      expect([...r.stdout].filter((ch) => (ch.codePointAt(0) ?? 0) > 0xff)).toEqual([]);
      expect(r.stdout.split('\\begin{enumerate}').length).toBe(r.stdout.split('\\end{enumerate}').length);
    });
  }

  it('writes numbered questions and their answers when the format is text', async () => {
    const r = await runWith(run, ['--family', 'gradient-flow', '--count', '2', '--format', 'text']);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^1\. \[gradient-flow-3-1\]/m);
    expect(r.stdout).toContain('Answers');
    expect(r.stdout).toMatch(/^2\. /m);
  });

  it('prints usage and exits 0 when asked for --help', async () => {
    const r = await runWith(run, ['--help']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('usage: arena questions');
  });

  const bad: Array<[string, string[], RegExp]> = [
    ['no --family', ['--count', '2'], /--family is required/],
    ['an unknown family', ['--family', 'nope'], /unknown family "nope"/],
    ['difficulty 0', ['--family', 'chain', '--difficulty', '0'], /--difficulty must be from 1 to 5/],
    ['difficulty 6', ['--family', 'chain', '--difficulty', '6'], /--difficulty must be from 1 to 5/],
    ['a count of 0', ['--family', 'chain', '--count', '0'], /--count must be from 1 to 500/],
    ['a count over 500', ['--family', 'chain', '--count', '501'], /--count must be from 1 to 500/],
    ['a fractional seed', ['--family', 'chain', '--seed', '1.5'], /--seed must be a whole number/],
    ['a negative seed', ['--family', 'chain', '--seed', '-3'], /--seed needs a value|--seed must be a whole number/],
    ['a word for the seed', ['--family', 'chain', '--seed', 'abc'], /--seed must be a whole number/],
    ['an unknown format', ['--family', 'chain', '--format', 'pdf'], /--format must be json, latex or text/],
    ['an unknown flag', ['--family', 'chain', '--colour', 'red'], /unknown option --colour/],
    ['a flag without a value', ['--family'], /--family needs a value/],
    ['a repeated flag', ['--family', 'chain', '--family', 'nested'], /--family is given twice/],
    ['a stray argument', ['chain'], /unexpected argument "chain"/],
  ];
  for (const [what, args, msg] of bad) {
    it(`exits 2 with a message on stderr when given ${what}`, async () => {
      const r = await runWith(run, args);
      expect(r.code).toBe(2);
      expect(r.stderr).toMatch(msg);
      expect(r.stdout).toBe('');
    });
  }

  it('uses difficulty 3 when no --difficulty is given', async () => {
    const r = await runWith(run, ['--family', 'backprop', '--count', '2', '--seed', '3']);
    expect(r.code).toBe(0);
    expect(r.stdout.trimEnd().split('\n').map((l) => (JSON.parse(l) as { id: string }).id)).toEqual(['backprop-3-3', 'backprop-3-4']);
  });
});

describe('worksheet escaping', () => {
  it('escapes every LaTeX special character when text goes into a worksheet', () => {
    expect(escapeLatexText('50% of $x & y_1 #2 {a} ~b ^c \\d')).toBe(
      '50\\% of \\$x \\& y\\_1 \\#2 \\{a\\} \\textasciitilde{}b \\textasciicircum{}c \\textbackslash{}d',
    );
  });

  it('groups neighbouring symbols in one math group instead of writing $$', () => {
    expect(escapeLatexText('0.5·Σ(a − y)²')).toBe('0.5$\\cdot\\Sigma$(a $-$ y)$^{2}$');
  });

  it('replaces characters pdflatex cannot typeset with ? when the text has them', () => {
    expect(escapeLatexText('café 🙂 中')).toBe('café ? ?');
  });

  it('writes small numbers as \\times 10^{n} in LaTeX', () => {
    expect(texNum(0.25 ** 10)).toBe('9.537 \\times 10^{-7}');
  });
});
