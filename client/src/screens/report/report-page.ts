/**
 * The report page (#/reports): past games' reports, for the holder of the host secret. Games hosted from this
 * browser are listed; any other is opened with its code and secret typed in. The secret goes in a request
 * header of a POST (never in a URL, where history and proxy logs would keep it). Shows the per-question summary
 * (share right, top mistakes) and every answer, with both CSVs to download.
 */
import type { QuestionSummary, ReportData, ReportRow } from '../../../../shared/report/types';
import { h, mountScreen, toast, replace } from '../../app/dom';
import { downloadReport, HOST_SECRET_HEADER } from '../../app/report-download';
import { forgetHostedGame, hostedGames } from '../../app/hosted-games';
import { classSummary, type ClassSummary } from '../../../../shared/report/class-summary';
import { familyLabel } from '../family-labels';
import { mistakeName } from '../../app/mistakes';
import { go, normaliseCode } from '../../app/routes';

/** A report file of game `game` of the room (its follow-up round is game 2); without it the room's latest. */
const reportPath = (code: string, file: string, game?: number): string =>
  `/api/rooms/${encodeURIComponent(code)}/${file}${game === undefined ? '' : `?game=${game}`}`;

async function post(code: string, secret: string, file: string, game?: number): Promise<Response> {
  return fetch(reportPath(code, file, game), { method: 'POST', headers: { [HOST_SECRET_HEADER]: secret }, cache: 'no-store' });
}

/** `#/reports/CODE/GAME`: the game the home page's list links to, or null. */
function linkedGame(): { code: string; game: number } | null {
  const m = /^#\/reports\/([A-Z0-9]{4,8})\/(\d{1,3})$/.exec(location.hash);
  return m ? { code: m[1] as string, game: Number(m[2]) } : null;
}

export function showReports(): void {
  const out = h('div', { class: 'stack', id: 'report-view' });
  const code = h('input', { id: 'report-code', name: 'code', type: 'text', class: 'code-input', autocomplete: 'off', maxlength: 8, placeholder: 'ABC123', required: true });
  // Styled like the text inputs (styles.css styles text inputs only); a password field keeps the key off screen.
  const secret = h('input', {
    id: 'report-secret', name: 'secret', type: 'password', autocomplete: 'off', maxlength: 100, required: true,
    style: 'font:inherit;color:var(--text);background:var(--bg-2);border:1px solid var(--line);border-radius:10px;padding:0.6em 0.8em;min-height:48px;width:100%',
  });
  const error = h('p', { class: 'error-text', role: 'alert', id: 'report-error' });
  const open = (c: string, s: string, game?: number): void => void load(c, s, out, error, game);
  const form = h('form', { class: 'card stack', id: 'report-form' },
    h('h2', {}, 'Open a report'),
    h('div', { class: 'field' }, h('label', { for: 'report-code' }, 'Game code'), code),
    h('div', { class: 'field' }, h('label', { for: 'report-secret' }, 'Host key'), secret,
      h('small', { class: 'muted', id: 'host-key-help' },
        'Only needed in another browser. On the computer that ran the game, open this page (the final screen’s “All reports” link): its games are listed and open with one click, no key needed. There, “Copy host key” beside a game copies the key to paste here.')),
    error,
    h('button', { type: 'submit', class: 'primary', id: 'report-open' }, 'Open the report'));
  form.addEventListener('submit', (ev) => {
    ev.preventDefault();
    open(normaliseCode(code.value), secret.value.trim());
  });
  const games = hostedGames();
  const list = games.length === 0 ? null : h('section', { class: 'card stack', id: 'hosted-games' },
    h('h2', {}, 'Games hosted from this browser'),
    h('p', { class: 'muted', style: 'margin:0' }, 'These open without a host key.'),
    h('ul', { class: 'stack', style: 'list-style:none;padding:0;margin:0' }, games.map((g) => h('li', { class: 'row' },
      h('button', { type: 'button', class: 'ghost', 'data-code': g.code, 'data-game': g.game ?? 1, onclick: () => open(g.code, g.secret, g.game) },
        `${g.code}${(g.game ?? 1) > 1 ? ` (round ${g.game})` : ''} · ${new Date(g.at).toLocaleString()}`),
      // The key, for opening this report in another browser: copied, never shown (the page may be projected).
      h('button', { type: 'button', class: 'ghost small', 'data-copy-key': g.code, onclick: () => {
        void navigator.clipboard?.writeText(g.secret).then(() => toast(`Host key of ${g.code} copied.`), () => toast('Copying is blocked in this browser.'));
      } }, 'Copy host key')))));
  mountScreen('page', h('div', { class: 'page' },
    h('header', { class: 'brand' }, h('div', { class: 'brand-mark', 'aria-hidden': 'true' }, '∂'), h('h1', {}, 'Game reports')),
    h('div', { class: 'row', style: 'align-items:flex-start' }, list, h('div', { style: 'flex:1 1 340px;max-width:520px' }, form)),
    out,
    h('button', { type: 'button', class: 'ghost', onclick: () => go('') }, 'Back')));
  // Opened from the home page's list: that game at once, with the key this browser kept.
  const linked = linkedGame();
  const known = linked && games.find((g) => g.code === linked.code && (g.game ?? 1) === linked.game);
  if (linked && known) open(known.code, known.secret, linked.game);
  else if (linked) code.value = linked.code;
}

async function load(code: string, secret: string, out: HTMLElement, error: HTMLElement, game?: number): Promise<void> {
  error.textContent = '';
  if (!code || !secret) return void (error.textContent = 'Enter the game code and its host key.');
  let data: ReportData;
  try {
    const res = await post(code, secret, 'report.json', game);
    if (res.status === 404) return void (error.textContent = 'No finished game with that code and key.');
    if (!res.ok) return void (error.textContent = res.status === 429 ? 'Too many tries: wait a minute.' : 'The report could not be loaded.');
    data = (await res.json()) as ReportData;
  } catch {
    return void (error.textContent = 'The report could not be loaded. Check your connection.');
  }
  const name = game !== undefined && game > 1 ? `${code}-${game}` : code;
  replace(out,
    h('div', { class: 'row' }, h('h2', { style: 'margin:0' }, `Game ${code}${game !== undefined && game > 1 ? ` (round ${game})` : ''}`),
      downloadButton('⬇ Answers (CSV)', code, secret, reportPath(code, 'report.csv', game), `arena-${name}.csv`),
      downloadButton('⬇ Summary (CSV)', code, secret, reportPath(code, 'summary.csv', game), `arena-${name}-summary.csv`),
      deleteButton(code, secret, game, out)),
    classSummarySection(classSummary(data.rows)),
    summaryTable(data.summary),
    rowsTable(data.rows));
  out.scrollIntoView({ block: 'start' });
}

function downloadButton(label: string, _code: string, secret: string, path: string, name: string): HTMLElement {
  const button = h('button', { type: 'button', class: 'ghost small', 'data-file': path.replace(/^.*\/|\?.*$/g, '') }, label);
  button.addEventListener('click', () => void downloadReport(path, secret, name, button));
  return button;
}

/** Deletes this game's report on the server (the host key authorises it, as it does a download) and here. */
function deleteButton(code: string, secret: string, game: number | undefined, out: HTMLElement): HTMLElement {
  const button = h('button', { type: 'button', class: 'ghost small', id: 'delete-report' }, 'Delete this report');
  button.addEventListener('click', () => {
    if (!window.confirm(`Delete the report of game ${code}${game !== undefined && game > 1 ? ` (round ${game})` : ''}? This cannot be undone.`)) return;
    button.disabled = true;
    void fetch(reportPath(code, 'report', game), { method: 'DELETE', headers: { [HOST_SECRET_HEADER]: secret }, cache: 'no-store' })
      .then((res) => {
        if (res.status !== 204 && res.status !== 404) throw new Error(String(res.status));
        forgetHostedGame(code, secret, game);
        replace(out, h('p', { class: 'card', id: 'report-deleted', role: 'status' }, `The report of game ${code} is deleted.`));
      })
      .catch(() => {
        button.disabled = false;
        toast('The report could not be deleted. Try again in a moment.');
      });
  });
  return button;
}

/** The class's summary (shared/report/class-summary.ts): what the projector's slide after the podium showed, whole. */
function classSummarySection(s: ClassSummary): HTMLElement {
  return h('section', { class: 'card stack', id: 'report-class-summary' }, h('h2', {}, 'What the class got wrong'),
    s.mistakes.length === 0
      ? h('p', {}, s.unnamedWrong > 0 ? `No mistake the checker could name (${s.unnamedWrong} wrong answers of another kind).` : 'No mistakes.')
      : table('report-mistakes', ['Mistake', 'Students', 'Questions', 'Example'], s.mistakes.map((m) => [
        mistakeName(m.mistake), `${m.students} of ${s.students}`, m.questions.join(', '),
        h('span', {}, `Question ${m.example.question}: ${m.example.questionText} — a student wrote `, h('code', {}, m.example.answer),
          '; the answer is ', h('code', {}, m.example.correctAnswer)),
      ]), s.mistakes.map((m) => ({ 'data-mistake': m.mistake }))),
    s.weakTopics.length === 0 ? null : h('p', { id: 'report-weak-topics' }, 'Lowest share right: ',
      s.weakTopics.map((t) => `${familyLabel(t.topic)} ${Math.round(t.share * 100)}% (${t.right} of ${t.results})`).join(' · ')));
}

const CELL = 'padding:6px 10px;border-bottom:1px solid var(--line);text-align:left;vertical-align:top';

function table(id: string, head: string[], rows: Array<Array<string | HTMLElement>>, attrs: Array<Record<string, string>> = []): HTMLElement {
  return h('div', { class: 'scroll-x' }, h('table', { id, style: 'border-collapse:collapse;width:100%' },
    h('thead', {}, h('tr', {}, head.map((t) => h('th', { style: CELL }, t)))),
    h('tbody', {}, rows.map((r, i) => h('tr', attrs[i] ?? {}, r.map((c) => h('td', { style: CELL }, c)))))));
}

function summaryTable(s: QuestionSummary[]): HTMLElement {
  return h('section', { class: 'card stack' }, h('h2', {}, 'Per question'),
    table('report-summary', ['#', 'Question', 'Answer', 'Right', 'No answer', 'Top mistakes', 'Median time'], s.map((q) => [
      String(q.question), q.questionText, h('code', {}, q.correctAnswer),
      `${Math.round(q.shareRight * 100)}% (${q.correct}/${q.players})`, String(q.noAnswer),
      q.topMistakes.map((m) => `${mistakeName(m.mistake)} (${m.count})`).join('; ') || '—',
      q.medianTimeMs === null ? '—' : `${(q.medianTimeMs / 1000).toFixed(1)} s`,
    ])));
}

function rowsTable(rows: ReportRow[]): HTMLElement {
  return h('section', { class: 'card stack' }, h('h2', {}, 'Every answer'),
    table('report-rows', ['Player', '#', 'Answer given', 'Result', 'Mistake', 'Time', 'Points', 'Extra time'], rows.map((r) => [
      r.player, String(r.question), r.answer ? h('code', {}, r.answer) : '—', r.submitted === 'draft' ? `${r.outcome} (not sent: draft at time-up)` : r.outcome,
      r.mistake ? mistakeName(r.mistake) : '', r.timeMs === null ? '—' : `${(r.timeMs / 1000).toFixed(1)} s`, String(r.points),
      r.extraTimeMs ? `+${(r.extraTimeMs / 1000).toFixed(0)} s` : '—',
    ]), rows.map((r) => ({ 'data-outcome': r.outcome, 'data-player': r.player, 'data-submitted': r.submitted ?? '', ...(r.extraTimeMs ? { 'data-extra-ms': String(r.extraTimeMs) } : {}) }))));
}
