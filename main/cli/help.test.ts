// Every command answers `--help`/`-h` with its own usage line on stdout and exit 0, before touching any data;
// a bad option next to it is still bad usage (exit 2).
import { describe, expect, it } from 'vitest';
import { runLines } from './testing/support';
import { COMMAND_USAGE, USAGE, type CommandName } from './usage';

// No data folder may be needed to print help: one that cannot exist makes any touch fail.
const NOWHERE = '/nonexistent/seller-desk-help-test';
const run = (argv: string[]) => runLines(argv, { env: { SELLER_DESK_DATA_DIR: NOWHERE }, cwd: NOWHERE });

describe('seller-desk COMMAND --help', () => {
  for (const name of Object.keys(COMMAND_USAGE) as CommandName[]) {
    it(`${name} --help and -h print its usage line`, async () => {
      for (const flag of ['--help', '-h']) {
        expect(await run([...name.split(' '), flag])).toEqual({
          code: 0,
          out: [`usage: ${COMMAND_USAGE[name]}`],
          err: [],
        });
      }
    });
  }

  it('seller-desk --help lists every command, diagnostics included', async () => {
    const r = await run(['--help']);
    expect(r).toEqual({ code: 0, out: [USAGE], err: [] });
    for (const name of Object.keys(COMMAND_USAGE) as CommandName[]) expect(USAGE).toContain(COMMAND_USAGE[name]);
    expect(COMMAND_USAGE.diagnostics).toBe('seller-desk diagnostics --out FILE.zip [--demo] [--data-dir DIR]');
  });

  it('bills --help lists its subcommands, export included; bills export --help reaches the export command', async () => {
    const r = await run(['bills', '--help']);
    expect(r.code).toBe(0);
    for (const name of ['bills list', 'bills show', 'bills why'] as const)
      expect(r.out[0]).toContain(COMMAND_USAGE[name]);
    expect(r.out[0]).toContain('seller-desk bills export BILL_ID');
    const ex = await run(['bills', 'export', '--help']);
    expect(ex.code).toBe(0);
    expect(ex.out[0]).toMatch(/^usage: seller-desk bills export BILL_ID/);
  });

  it('an unknown option beside --help is still bad usage', async () => {
    const r = await run(['sow', '--bogus', '--help']);
    expect(r.code).toBe(2);
    expect(r.err).toEqual(["seller-desk: Unknown option '--bogus'", `usage: ${COMMAND_USAGE.sow}`]);
  });
});
