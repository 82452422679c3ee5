/**
 * The report page (#/reports): past games' reports, for the holder of the host secret. Games hosted from this
 * browser are listed; any other is opened with its code and secret typed in. The secret goes in a request
 * header of a POST (never in a URL, where history and proxy logs would keep it). Shows the per-question summary
 * (share right, top mistakes) and every answer, with both CSVs to download.
 */
import type { QuestionSummary, ReportData, ReportRow } from '../../../../shared/report/types';
import { h, mountScreen, toast, replace } from '../../app/dom';
import { downloadReport, HOST_SECRET_HEADER } from '../../app/report-download';
import { hostedGames } from '../../app/hosted-games';
import { mistakeName } from '../../app/mistakes';
import { go, normaliseCode } from '../../app/routes';

const reportPath = (code: string, file: string): string => `/api/rooms/${encodeURIComponent(code)}/${file}`;

async function post(code: string, secret: string, file: string): Promise<Response> {
  return fetch(reportPath(code, file), { method: 'POST', headers: { [HOST_SECRET_HEADER]: secret }, cache: 'no-store' });
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
  const open = (c: string, s: string): void => void load(c, s, out, error);
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
      h('button', { type: 'button', class: 'ghost', 'data-code': g.code, onclick: () => open(g.code, g.secret) }, `${g.code} · ${new Date(g.at).toLocaleString()}`),
      // The key, for opening this report in another browser: copied, never shown (the page may be projected).
      h('button', { type: 'button', class: 'ghost small', 'data-copy-key': g.code, onclick: () => {
        void navigator.clipboard?.writeText(g.secret).then(() => toast(`Host key of ${g.code} copied.`), () => toast('Copying is blocked in this browser.'));
      } }, 'Copy host key')))));
  mountScreen('page', h('div', { class: 'page' },
    h('header', { class: 'brand' }, h('div', { class: 'brand-mark', 'aria-hidden': 'true' }, '∂'), h('h1', {}, 'Game reports')),
    h('div', { class: 'row', style: 'align-items:flex-start' }, list, h('div', { style: 'flex:1 1 340px;max-width:520px' }, form)),
    out,
    h('button', { type: 'button', class: 'ghost', onclick: () => go('') }, 'Back')));
}

async function load(code: string, secret: string, out: HTMLElement, error: HTMLElement): Promise<void> {
  error.textContent = '';
  if (!code || !secret) return void (error.textContent = 'Enter the game code and its host key.');
  let data: ReportData;
  try {
    const res = await post(code, secret, 'report.json');
    if (res.status === 404) return void (error.textContent = 'No finished game with that code and key.');
    if (!res.ok) return void (error.textContent = res.status === 429 ? 'Too many tries: wait a minute.' : 'The report could not be loaded.');
    data = (await res.json()) as ReportData;
  } catch {
    return void (error.textContent = 'The report could not be loaded. Check your connection.');
  }
  replace(out,
    h('div', { class: 'row' }, h('h2', { style: 'margin:0' }, `Game ${code}`),
      downloadButton('⬇ Answers (CSV)', code, secret, 'report.csv', `arena-${code}.csv`),
      downloadButton('⬇ Summary (CSV)', code, secret, 'summary.csv', `arena-${code}-summary.csv`)),
    summaryTable(data.summary),
    rowsTable(data.rows));
  out.scrollIntoView({ block: 'start' });
}

function downloadButton(label: string, code: string, secret: string, file: string, name: string): HTMLElement {
  const button = h('button', { type: 'button', class: 'ghost small', 'data-file': file }, label);
  button.addEventListener('click', () => void downloadReport(reportPath(code, file), secret, name, button));
  return button;
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
