import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DEFAULT_CLI_PORT, parseSimArgs, SimUsageError } from './cli';
import { control, signedFetch } from './test-client';

describe('sim CLI', () => {
  it('parses --port --seed --orders --db (and --now, --token)', () => {
    expect(
      parseSimArgs([
        '--port',
        '0',
        '--seed',
        '7',
        '--orders',
        '50',
        '--db',
        '/tmp/x.db',
        '--now',
        '2025-10-15T04:00:00Z',
        '--token',
        't',
      ]),
    ).toMatchObject({
      port: 0,
      seed: 7,
      orders: 50,
      dbPath: '/tmp/x.db',
      now: Date.UTC(2025, 9, 15, 4),
      token: 't',
    });
    expect(parseSimArgs([]).port).toBe(DEFAULT_CLI_PORT);
  });

  it('bad usage throws SimUsageError (the caller exits 2)', () => {
    for (const argv of [['--port', 'x'], ['--orders', '-1'], ['--bogus'], ['extra'], ['--now', 'yesterday']]) {
      expect(() => parseSimArgs(argv), argv.join(' ')).toThrow(SimUsageError);
    }
  });

  it('prints URL, AK, SK and the sim token one per line, serves, persists to --db, and stops on SIGTERM', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'sim-cli-'));
    const db = join(dir, 'nested', 'sim.db');
    const run = async (): Promise<Record<string, string>> => {
      const child = spawn(
        process.execPath,
        [
          '--import',
          'tsx',
          '-e',
          `import('./marketplace-sim/cli.ts').then((m) => (m.runSimulatorCli ?? m.default.runSimulatorCli)(${JSON.stringify(['--port', '0', '--orders', '25', '--db', db, '--quiet'])}))`,
        ],
        {
          cwd: join(__dirname, '..'),
          stdio: ['ignore', 'pipe', 'pipe'],
        },
      );
      const exited = new Promise((r) => child.once('exit', r));
      try {
        const out = await new Promise<string>((resolve, reject) => {
          let text = '';
          child.stdout.on('data', (d: Buffer) => {
            text += d.toString();
            if (text.split('\n').length > 4) resolve(text);
          });
          child.on('exit', (code) => reject(new Error(`exited ${code}: ${text}`)));
        });
        const lines = out.trim().split('\n');
        expect(lines[0]).toMatch(/^Simulator listening on http:\/\/127\.0\.0\.1:\d+$/);
        expect(lines[1]).toBe('AK AKTESTSELLER0001');
        expect(lines[2]).toBe('SK sk-test-0123456789abcdef');
        expect(lines[3]).toMatch(/^Sim token [0-9a-f]{32}$/);
        const url = lines[0].split(' ').at(-1) ?? '';
        const sim = {
          url,
          token: lines[3].split(' ').at(-1) ?? '',
          credentials: { ak: 'AKTESTSELLER0001', sk: 'sk-test-0123456789abcdef' },
          clock: { now: () => Date.now() },
        };
        expect((await signedFetch(sim, '/api/seller-sync/v1/account')).status).toBe(200);
        const state = await control(sim, 'GET', '/sim/v1/state');
        return {
          count: String((state.json?.counts as { orderLines: number }).orderLines),
          first: JSON.stringify((state.json?.orderLines as unknown[])[0]),
        };
      } finally {
        if (child.exitCode === null) child.kill('SIGTERM');
        await exited;
      }
    };
    try {
      const a = await run();
      expect(a.count).toBe('25');
      const b = await run(); // the database persists and is not seeded twice
      expect(b).toEqual(a);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
