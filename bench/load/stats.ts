/** Percentiles and the fixed-width table the load benchmark prints. */
export function percentile(values: number[], p: number): number {
  if (values.length === 0) return Number.NaN;
  const sorted = values.slice().sort((a, b) => a - b);
  const i = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[i] ?? Number.NaN;
}

export interface SizeResult {
  players: number;
  fanoutP50: number;
  fanoutP99: number;
  fanoutMax: number;
  bareP99: number;
  bareMax: number;
  ackP50: number;
  ackP99: number;
  lagP99: number;
  rssMb: number;
}

const fmt = (n: number): string => (Number.isFinite(n) ? n.toFixed(1) : '-');

export function table(rows: SizeResult[]): string {
  const head = ['players', 'fanout p50', 'fanout p99', 'fanout last', 'bare p99', 'bare last', 'ratio p99', 'ack p50', 'ack p99', 'loop lag p99', 'RSS MB'];
  const lines = rows.map((r) => [
    String(r.players), fmt(r.fanoutP50), fmt(r.fanoutP99), fmt(r.fanoutMax), fmt(r.bareP99), fmt(r.bareMax),
    fmt(r.fanoutP99 / Math.max(r.bareP99, 1)), fmt(r.ackP50), fmt(r.ackP99), fmt(r.lagP99), fmt(r.rssMb),
  ]);
  const widths = head.map((h, i) => Math.max(h.length, ...lines.map((l) => (l[i] ?? '').length)));
  const row = (cells: string[]): string => cells.map((c, i) => c.padStart(widths[i] ?? 0)).join('  ');
  return [row(head), ...lines.map(row), '(ms unless noted; fan-out = server emit → client received; "last" = the slowest client of any question; ratio = arena/bare fan-out p99, bare floored at 1 ms)'].join('\n');
}
