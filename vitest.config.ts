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
    include: ['common/**/*.test.ts', 'main/**/*.test.ts', 'marketplace-sim/**/*.test.ts', 'renderer/**/*.test.ts', 'bench/**/*.test.ts'],
    testTimeout: 60_000,
    hookTimeout: 60_000,
    pool: 'forks',
  },
});
