import { availableParallelism } from 'node:os';
import { defineConfig } from 'vitest/config';

const MOCKS_ELECTRON = 'main/app/**/*.test.ts';

export default defineConfig({
  plugins: [
    {
      // Migrations are plain .sql files imported as text (esbuild uses its "text" loader for the same).
      name: 'sql-as-text',
      transform(code, id) {
        if (id.endsWith('.sql')) return { code: `export default ${JSON.stringify(code)};`, map: null };
        return null;
      },
    },
  ],
  test: {
    environment: 'node',
    // Every log any test writes is checked for the test AK/SK at the end of the run.
    globalSetup: ['main/testing/log-audit.ts'],
    testTimeout: 60_000,
    hookTimeout: 60_000,
    // Forks, not threads: a test sets process.env.TZ, which a worker thread cannot apply to its own clock.
    pool: 'forks',
    // At least two workers (vitest's default, cores − 1, is one on a 2-core machine): many files mostly wait on
    // sockets, timers and child processes, so a second worker uses the time the first one leaves idle.
    maxWorkers: Math.max(2, availableParallelism() - 1),
    // Two projects. The tests of main/app/ replace `electron` with vi.mock, which holds per module graph: each of
    // those files gets fresh modules (isolate). Every other file shares its worker's modules with the files run before
    // it (isolate: false): nothing else mocks a module, and each test makes its own databases, folders and servers.
    // Starting a fresh worker and importing the app's modules for each of ~150 files was half the unit run's time.
    projects: [
      { extends: true, test: { name: 'electron-mocked', include: [MOCKS_ELECTRON], isolate: true } },
      {
        extends: true,
        test: {
          name: 'node',
          include: [
            'common/**/*.test.ts',
            'main/**/*.test.ts',
            'marketplace-sim/**/*.test.ts',
            'renderer/**/*.test.ts',
            'bench/**/*.test.ts',
          ],
          exclude: [MOCKS_ELECTRON],
          isolate: false,
        },
      },
    ],
  },
});
