import { availableParallelism } from 'node:os';
import { defineConfig } from 'vitest/config';

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
    include: [
      'common/**/*.test.ts',
      'main/**/*.test.ts',
      'marketplace-sim/**/*.test.ts',
      'renderer/**/*.test.ts',
      'bench/**/*.test.ts',
    ],
    testTimeout: 60_000,
    hookTimeout: 60_000,
    // Forks, not threads: a test sets process.env.TZ, which a worker thread cannot apply to its own clock.
    pool: 'forks',
    // At least two workers (vitest's default, cores − 1, is one on a 2-core machine): many files mostly wait on
    // sockets, timers and child processes, so a second worker uses the time the first one leaves idle.
    maxWorkers: Math.max(2, availableParallelism() - 1),
  },
});
