/**
 * Can this text be read for this answer slot? One rule for both ends: the phone disables Submit (showing the
 * reason) while any required text is unreadable, and the server refuses an unreadable submission without using
 * up the player's attempt, so an old or hostile client cannot burn it either. Only parses (bounded, no sampling),
 * so it is cheap enough for every keystroke and every submission.
 *
 * The variables allowed per slot are the checker's own (shared/check/slots.ts): the final answer uses `answerVars`,
 * a layer its own `u` and the question's variable (shared/check/layers), a Jacobian cell the inner variables plus
 * the outer ones unless they overlap (shared/check/matrix-answer), and a number box no variables at all.
 */
import { readGrid } from '../math/grid';
import { readNumber } from '../math/numeric';
import { parseAnswer } from '../math/safe-parse';
import { answerVars } from '../questions/public';
import { layerName } from '../questions/layer-label';
import type { JacobianTask, PublicQuestion, Question } from '../questions/types';
import { layerVars as layerVarsOf } from './layers';
import { jacobianCellVars, type AnswerSlot } from './slots';
import type { AnswerInput } from './types';

/** Where a text is typed: the final expression, a layer box, a matrix cell, or a number box. */
export type Slot = AnswerSlot;

export type Readability = { ok: true } | { ok: false; error: string; empty?: true };

/** What readability needs to know about a question; built from a full Question (server) or a public one (phone). */
export interface SlotRules {
  kind: 'expr' | 'matrix' | 'value';
  /** Variables of the final expression answer. */
  finalVars: string[];
  /** Variables of a layer's answer: its input `u` and the question's variable. */
  layerVars: string[];
  /** Variables of a matrix cell, or null when every cell is a number (a Jacobian at a point). */
  cellVars: string[] | null;
  /** How many chain layers the question has: messages number them as the diagram does (layer-label.ts). */
  layerCount: number;
}

/** Rules from what a phone sees (the public question). */
export function publicSlotRules(q: PublicQuestion): SlotRules {
  const task = q.task as unknown as Record<string, unknown>;
  const jac = q.family === 'jacobian' ? (q.task as JacobianTask) : null;
  return {
    kind: q.answerKind,
    finalVars: q.vars ?? [],
    layerVars: layerVars(task),
    cellVars: jac ? (jac.at !== undefined ? null : cellVars(jac)) : q.answerKind === 'value' ? null : (q.vars ?? []),
    layerCount: q.layers?.length ?? 0,
  };
}

/** Rules from the full question (server side): a Jacobian whose expected entries are all numbers takes numbers. */
export function slotRules(q: Question): SlotRules {
  const task = q.task as unknown as Record<string, unknown>;
  const kind = q.answer.matrix !== undefined ? 'matrix' : q.answer.value !== undefined ? 'value' : 'expr';
  const numeric = q.answer.matrix !== undefined && ((task as { at?: unknown }).at !== undefined || q.answer.matrix.every((r) => r.every((c) => typeof c === 'number')));
  const vars = answerVars(q);
  return {
    kind,
    finalVars: vars,
    layerVars: layerVars(task),
    cellVars: kind !== 'matrix' || numeric ? null : q.family === 'jacobian' ? cellVars(q.task as JacobianTask) : vars,
    layerCount: q.layers?.length ?? 0,
  };
}

/** A layer's variables, by the checker's own rule (shared/check/layers.ts). */
function layerVars(task: Record<string, unknown>): string[] {
  return layerVarsOf(typeof task.var === 'string' ? task.var : 'x');
}

const cellVars = jacobianCellVars;

/** The variables a slot may use (empty for numbers): the keypad shows exactly these keys. */
export function varsFor(rules: SlotRules, slot: Slot): string[] {
  switch (slot.kind) {
    case 'final':
      return rules.kind === 'expr' ? rules.finalVars : [];
    case 'layer':
      return rules.layerVars;
    case 'cell':
      return rules.cellVars ?? [];
    case 'number':
      return [];
  }
}

/** Whether `text` can be read in `slot`; blank text is unreadable with `empty` set. Never throws. */
export function readSlot(rules: SlotRules, slot: Slot, text: unknown): Readability {
  if (typeof text === 'number') return Number.isFinite(text) ? { ok: true } : { ok: false, error: 'That is not a finite number.' };
  if (typeof text !== 'string') return { ok: false, error: 'The answer must be text.' };
  if (text.trim() === '') return { ok: false, error: 'Type your answer first.', empty: true };
  const numeric = slot.kind === 'number' || (slot.kind === 'cell' && rules.cellVars === null) || (slot.kind === 'final' && rules.kind === 'value');
  const res = numeric ? readNumber(text) : parseAnswer(text, varsFor(rules, slot));
  return res.ok ? { ok: true } : { ok: false, error: res.error };
}

/** A submitted answer (or draft) as the wire carries it. */
export interface SubmittedParts {
  final?: AnswerInput | undefined;
  layers?: Array<{ layer: number; input: string }> | undefined;
}

/**
 * Null when every submitted part can be read, else the reason for a person, naming the part as the diagram
 * numbers it ("Box 1: …" is the innermost layer, shared/questions/layer-label.ts; "Entry (1, 2): …"). What is absent is not judged here (a final-only or layers-only submission is fine).
 */
export function unreadablePart(rules: SlotRules, parts: SubmittedParts): string | null {
  for (const { layer, input } of parts.layers ?? []) {
    const r = readSlot(rules, { kind: 'layer', index: layer }, input);
    if (!r.ok) return `${layerName(layer, Math.max(rules.layerCount, layer + 1))}: ${r.error}`;
  }
  if (parts.final === undefined) return null;
  return unreadableFinal(rules, parts.final);
}

function unreadableFinal(rules: SlotRules, answer: AnswerInput): string | null {
  if (rules.kind === 'expr') {
    if (Array.isArray(answer)) return 'This question takes one expression, not a list.';
    const r = readSlot(rules, { kind: 'final' }, answer);
    return r.ok ? null : r.error;
  }
  if (rules.kind === 'matrix' && rules.cellVars !== null && typeof answer === 'string' && readGrid(answer) === null) {
    return 'Type the matrix as rows, e.g. [[a, b], [c, d]].';
  }
  const cells = cellsOf(answer);
  if (typeof cells === 'string') return cells;
  const many = cells.length > 1 || (cells[0]?.length ?? 0) > 1;
  for (const [r, row] of cells.entries()) {
    for (const [c, cell] of row.entries()) {
      const slot: Slot = rules.kind === 'matrix' ? { kind: 'cell', row: r, col: c } : { kind: 'number' };
      const res = readSlot(rules, slot, cell);
      if (!res.ok) return many ? `Entry (${r + 1}, ${c + 1}): ${res.error}` : res.error;
    }
  }
  return null;
}

/** Rows of cells from a number, a string (plain or in brackets), a list or a list of rows. */
function cellsOf(answer: AnswerInput): Array<Array<string | number>> | string {
  if (typeof answer === 'number') return [[answer]];
  if (typeof answer === 'string') {
    const g = readGrid(answer);
    if (g === null) return [[answer]];
    if ('error' in g) return g.error;
    return g.kind === 'vector' ? [g.cells] : g.rows;
  }
  if (answer.length === 0) return 'Type a number in every entry.';
  return answer.every((r) => Array.isArray(r)) ? (answer) : [answer];
}
