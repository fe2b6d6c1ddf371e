// `npm run soak`: the crash and fault soaks, and the simulator's scale test, at full size. The same test files run
// in `npm test` at a CI size; here SELLER_DESK_SOAK=1 (main/testing/soak.ts) scales their counts up, set from Node so
// it works in every shell.
// Extra arguments go to vitest, e.g. `npm run soak -- main/outbox/crash.test.ts` for one of them.
import { spawn } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import process from 'node:process';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const SOAKS = [
  'main/outbox/crash.test.ts',
  'main/proofs/draft-crash.test.ts',
  'main/proofs/submit-crash.test.ts',
  'main/outbox/burst.test.ts',
  'main/outbox/drop-after-commit.test.ts',
  'main/outbox/fuzz.test.ts',
  'marketplace-sim/perf.test.ts',
  'main/profile/recover.test.ts',
];
const extra = process.argv.slice(2);
const files = extra.some((a) => !a.startsWith('-')) ? extra : [...SOAKS, ...extra];

const child = spawn(process.execPath, [join(root, 'node_modules', 'vitest', 'vitest.mjs'), 'run', ...files], {
  cwd: root,
  env: { ...process.env, SELLER_DESK_SOAK: '1' },
  stdio: 'inherit',
});
child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
