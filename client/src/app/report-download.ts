import { h } from './dom';

/** The header that carries the host secret to the report routes. */
export const HOST_SECRET_HEADER = 'X-Host-Secret';

/**
 * Fetches a report file with a POST and the host secret in a header, never in a URL (where proxy logs and the
 * browser's history would keep it), and saves the body under `fileName`. The button is disabled meanwhile and
 * says so when the download fails.
 */
export async function downloadReport(path: string, secret: string, fileName: string, button: HTMLButtonElement): Promise<void> {
  button.disabled = true;
  try {
    const res = await fetch(path, { method: 'POST', headers: { [HOST_SECRET_HEADER]: secret }, cache: 'no-store' });
    if (!res.ok) throw new Error(`report: HTTP ${res.status}`);
    const url = URL.createObjectURL(await res.blob());
    const a = h('a', { href: url, download: fileName, style: 'display:none' });
    document.body.append(a);
    a.click();
    a.remove();
    setTimeout(() => URL.revokeObjectURL(url), 60_000);
  } catch (err) {
    console.error(err);
    button.textContent = 'Download failed: try again';
  } finally {
    button.disabled = false;
  }
}
