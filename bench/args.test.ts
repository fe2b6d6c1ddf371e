import { describe, expect, it } from 'vitest';
import { parseArgs } from './args';
import { toJson } from './table';

describe('the bench command line', () => {
  it('runs every part on 1,000,000 lines by default; --only, --lines and --json change that', () => {
    expect(parseArgs([])).toEqual({ parts: new Set(['cache', 'sync', 'ui', 'sow', 'bills']), lines: null, json: null });
    expect(parseArgs(['--only', 'sync,ui', '--lines', '100_000', '--json', 'out.json'])).toEqual({
      parts: new Set(['sync', 'ui']),
      lines: 100_000,
      json: 'out.json',
    });
  });

  it('--reuse-cache names the data folder whose cache is kept and used again', () => {
    expect(parseArgs(['--only', 'ui', '--reuse-cache', '/tmp/cache']).reuseCache).toBe('/tmp/cache');
    expect(parseArgs(['--only', 'ui']).reuseCache).toBeUndefined();
    expect(() => parseArgs(['--reuse-cache'])).toThrow(/--reuse-cache needs a value/);
  });

  it('refuses what it does not understand, with the reason', () => {
    expect(() => parseArgs(['--only', 'speed'])).toThrow(/--only takes one or more of cache, sync, ui, sow, bills/);
    expect(() => parseArgs(['--lines', 'many'])).toThrow(/--lines takes a whole number/);
    expect(() => parseArgs(['--lines', '10'])).toThrow(/at least 1000/);
    expect(() => parseArgs(['--json'])).toThrow(/--json needs a value/);
    expect(() => parseArgs(['--fast'])).toThrow(/unknown option --fast/);
  });

  it('--json writes every figure with its unit, baseline, ratio and target (null where a row has none)', () => {
    const json = toJson(
      [
        { name: 'sync', value: 12_000, unit: 'lines/s', baseline: 40_000, ratio: 0.3, target: '≥ 10,000 lines/s' },
        { name: 'heap', value: 20, unit: 'MB' },
      ],
      { cacheLines: 1_000 },
    );
    expect(json.run).toEqual({ cacheLines: 1_000 });
    expect(json.figures).toEqual([
      { name: 'sync', value: 12_000, unit: 'lines/s', baseline: 40_000, ratio: 0.3, target: '≥ 10,000 lines/s' },
      { name: 'heap', value: 20, unit: 'MB', baseline: null, ratio: null, target: null },
    ]);
  });
});
