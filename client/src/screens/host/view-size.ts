/**
 * Follows the diagram container's size: a window resize, a projector switching from 720p to 4K, or the grid
 * giving the diagram more room all end in one `onResize` per animation frame, so the view re-lays out.
 */
export function observeViewSize(el: HTMLElement, onResize: () => void): () => void {
  let last = '';
  let frame = 0;
  const observer = new ResizeObserver(() => {
    const size = `${el.clientWidth}x${el.clientHeight}`;
    // Hidden (a slide that needs the whole area): forget the size, so showing it again re-lays the view out.
    if (el.clientWidth === 0) last = '';
    if (size === last || el.clientWidth === 0) return;
    last = size;
    cancelAnimationFrame(frame);
    frame = requestAnimationFrame(onResize);
  });
  observer.observe(el);
  return () => {
    cancelAnimationFrame(frame);
    observer.disconnect();
  };
}
