// The bench's command line (bench/run.ts): `--only a,b`, `--lines N`, `--json FILE`, `--reuse-cache DIR`.

export const PARTS = ['cache', 'sync', 'ui', 'sow', 'bills'] as const;

export interface BenchArgs {
  parts: Set<string>;
  lines: number | null;
  json: string | null;
  /**
   * A data folder whose cache (account/seller-desk.db) is used as it is, built there first when missing, and kept: the
   * UI and sync parts can be timed again without loading 1,000,000 lines each time.
   */
  reuseCache?: string;
}

/** Throws a one-line reason for anything it does not understand. */
export function parseArgs(argv: readonly string[]): BenchArgs {
  const value = (flag: string): string | null => {
    const i = argv.indexOf(flag);
    if (i < 0) return null;
    const v = argv[i + 1];
    if (v === undefined || v.startsWith('--')) throw new Error(`${flag} needs a value`);
    return v;
  };
  const known = new Set(['--only', '--lines', '--json', '--reuse-cache']);
  const stray = argv.filter((a, i) => a.startsWith('--') && !known.has(a) && !(i > 0 && known.has(argv[i - 1])));
  if (stray.length > 0)
    throw new Error(
      `unknown option ${stray[0]} (options: --only ${PARTS.join(',')}, --lines N, --json FILE, --reuse-cache DIR)`,
    );
  const only = value('--only');
  let parts = new Set<string>(PARTS);
  if (only !== null) {
    const wanted = only.split(',').filter(Boolean);
    const unknown = wanted.filter((p) => !(PARTS as readonly string[]).includes(p));
    if (wanted.length === 0 || unknown.length > 0)
      throw new Error(`--only takes one or more of ${PARTS.join(', ')} (comma-separated)`);
    parts = new Set(wanted);
  }
  const linesText = value('--lines');
  const lines = linesText === null ? null : Number(linesText.replace(/[_,]/g, ''));
  if (lines !== null && (!Number.isInteger(lines) || lines < 1_000))
    throw new Error('--lines takes a whole number of at least 1000');
  const reuseCache = value('--reuse-cache');
  return { parts, lines, json: value('--json'), ...(reuseCache === null ? {} : { reuseCache }) };
}
