import type { Question } from '../types';
import { answerTex, answerText } from './answer';
import { escapeLatexText, sanitizeLatexMath } from './latex';

/**
 * Printable worksheets from a list of questions: a complete LaTeX document a teacher compiles with pdflatex
 * (questions first, answers with worked steps on a separate page), and a plain-text version for a terminal.
 */
export interface WorksheetInfo {
  family: string;
  difficulty: number;
}

function title(info: WorksheetInfo, n: number): string {
  return `Chain Rule Arena: ${info.family}, difficulty ${info.difficulty} (${n} question${n === 1 ? '' : 's'})`;
}

const PREAMBLE = [
  '\\documentclass[11pt]{article}',
  '\\usepackage[T1]{fontenc}',
  '\\usepackage[utf8]{inputenc}',
  '\\usepackage{amsmath,amssymb}',
  '\\usepackage[margin=2cm]{geometry}',
  '\\setlength{\\parindent}{0pt}',
  '\\allowdisplaybreaks',
];

function questionItem(q: Question): string[] {
  return [
    `\\item ${escapeLatexText(q.prompt.text)} {\\footnotesize(\\texttt{${escapeLatexText(q.id)}})}`,
    `\\[ ${sanitizeLatexMath(q.prompt.latex)} \\]`,
    '\\vspace{1.5cm}',
  ];
}

function answerItem(q: Question): string[] {
  const lines = [`\\item \\textbf{Answer:} \\[ ${sanitizeLatexMath(answerTex(q.answer))} \\]`];
  if (q.steps.length > 0) {
    lines.push('{\\small\\begin{enumerate}');
    for (const s of q.steps) lines.push(`\\item ${escapeLatexText(s.text)} \\[ ${sanitizeLatexMath(s.latex)} \\]`);
    lines.push('\\end{enumerate}}');
  }
  return lines;
}

/** A complete document: preamble, questions, `\newpage`, answers with their worked steps. */
export function latexWorksheet(questions: readonly Question[], info: WorksheetInfo): string {
  const head = escapeLatexText(title(info, questions.length));
  return [
    ...PREAMBLE,
    '\\begin{document}',
    `\\section*{${head}}`,
    'Name: \\rule{7cm}{0.4pt}',
    '\\begin{enumerate}',
    ...questions.flatMap(questionItem),
    '\\end{enumerate}',
    '\\newpage',
    '\\section*{Answers}',
    '\\begin{enumerate}',
    ...questions.flatMap(answerItem),
    '\\end{enumerate}',
    '\\end{document}',
    '',
  ].join('\n');
}

function indent(text: string, pad: string): string {
  return text.split('\n').map((l) => pad + l).join('\n');
}

/** Plain text: numbered questions, then the answers with their steps. */
export function textWorksheet(questions: readonly Question[], info: WorksheetInfo): string {
  const out = [title(info, questions.length), ''];
  questions.forEach((q, i) => out.push(`${i + 1}. [${q.id}] ${q.prompt.text}`, ''));
  out.push('Answers', '-------');
  questions.forEach((q, i) => {
    out.push(`${i + 1}. ${answerText(q.answer)}`);
    for (const s of q.steps) out.push(indent(`- ${s.text}`, '   '));
    out.push('');
  });
  return out.join('\n');
}
