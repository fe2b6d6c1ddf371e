// The bench's one table: rows measured in one run, each beside its baseline when it has one.

export interface Row {
  name: string;
  value: number;
  unit: string;
  /** The raw-SQLite (or bare) equivalent measured in the same run. */
  baseline?: number;
  /** value / baseline for times, value / baseline for throughputs too (the caller says which is better). */
  ratio?: number;
  /** The target, as text (e.g. "< 30 ms", "≥ 0.40"). */
  target?: string;
}

/** Nearest-rank percentile of a sample (p in 0..100). */
export function percentile(values: readonly number[], p: number): number {
  if (values.length === 0) return NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const rank = Math.min(sorted.length, Math.max(1, Math.ceil((p / 100) * sorted.length)));
  return sorted[rank - 1];
}

const fmt = (n: number | undefined): string => {
  if (n === undefined || Number.isNaN(n)) return '';
  if (Math.abs(n) >= 1000) return Math.round(n).toLocaleString('en-US');
  if (Math.abs(n) >= 100) return n.toFixed(0);
  if (Math.abs(n) >= 10) return n.toFixed(1);
  return n.toFixed(2);
};

export function formatTable(rows: readonly Row[]): string {
  const head = ['case', 'value', 'unit', 'raw baseline', 'ratio', 'target'];
  const body = rows.map((r) => [
    r.name,
    fmt(r.value),
    r.unit,
    fmt(r.baseline),
    r.ratio === undefined ? '' : r.ratio.toFixed(2),
    r.target ?? '',
  ]);
  const widths = head.map((h, i) => Math.max(h.length, ...body.map((b) => b[i].length)));
  const line = (cells: string[]): string =>
    `| ${cells.map((c, i) => (i === 0 || i === 2 || i === 5 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join(' | ')} |`;
  return [line(head), `| ${widths.map((w) => '-'.repeat(w)).join(' | ')} |`, ...body.map(line)].join('\n');
}

/** The process's peak resident set so far, in MB (OS-tracked, so it catches spikes between samples). */
export function peakRssMb(): number {
  return process.resourceUsage().maxRSS / 1024;
}

export function time<T>(fn: () => T): [T, number] {
  const t = performance.now();
  const v = fn();
  return [v, performance.now() - t];
}

/** One figure of `--json FILE`: everything the table shows, as numbers where it has them. */
export interface JsonFigure {
  name: string;
  value: number | null;
  unit: string;
  baseline: number | null;
  ratio: number | null;
  target: string | null;
}

/** `--json FILE`: every row with its unit, baseline, ratio and target, and what the run was. */
export function toJson(
  rows: readonly Row[],
  run: Record<string, string | number>,
): { run: Record<string, string | number>; figures: JsonFigure[] } {
  const num = (n: number | undefined): number | null => (n === undefined || !Number.isFinite(n) ? null : n);
  return {
    run,
    figures: rows.map((r) => ({
      name: r.name,
      value: num(r.value),
      unit: r.unit,
      baseline: num(r.baseline),
      ratio: num(r.ratio),
      target: r.target ?? null,
    })),
  };
}
