/**
 * A key's label must fit its key: "softplus" on a 360 px phone is wider than a seventh of the screen, and a
 * clipped label ("ɔftplu") reads as nonsense. Each key is watched (one shared ResizeObserver) and its label's
 * font shrinks just enough to fit, down to 55 %; a key that grows gets its full size back.
 */
const MIN_SCALE = 0.55;
let observer: ResizeObserver | null = null;

function fit(key: HTMLElement): void {
  if (!key.isConnected || key.clientWidth === 0) return;
  key.style.fontSize = '';
  const cs = getComputedStyle(key);
  const room = key.clientWidth - parseFloat(cs.paddingLeft) - parseFloat(cs.paddingRight);
  // The label's own width, as drawn (a centred label overflows on both sides, which scrollWidth does not see).
  const range = document.createRange();
  range.selectNodeContents(key);
  const need = range.getBoundingClientRect().width;
  delete key.dataset.fitScale;
  if (need <= room + 0.5) return;
  const scale = Math.max(MIN_SCALE, (room / need) * 0.96);
  key.style.fontSize = `${(parseFloat(cs.fontSize) * scale).toFixed(1)}px`;
  key.dataset.fitScale = scale.toFixed(2);
}

/** Keeps `key`'s label inside it from now on. */
export function fitKeyLabel(key: HTMLElement): void {
  if (typeof ResizeObserver !== 'function') return;
  observer ??= new ResizeObserver((entries) => entries.forEach((e) => fit(e.target as HTMLElement)));
  observer.observe(key);
  // The keypad's font may arrive after the first fit, changing the label's width but not the key's.
  void document.fonts?.ready.then(() => fit(key));
}
