// `npm run lint:workflows`: checks every workflow in .github/workflows against GitHub's schema with action-validator
// (its WASM build from npm, nothing downloaded). Its CLI takes exactly one file — given two it prints its usage and
// fails — and a shell glob is not expanded by cmd.exe, so this runs it once per file. Files named on the command line
// are checked instead (e.g. a copy being edited).
import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import process from 'node:process';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const cli = join(dirname(createRequire(import.meta.url).resolve('@action-validator/cli/package.json')), 'cli.mjs');
const dir = join(root, '.github', 'workflows');

const files =
  process.argv.length > 2
    ? process.argv.slice(2)
    : readdirSync(dir)
        .filter((f) => /\.ya?ml$/.test(f))
        .sort()
        .map((f) => join(dir, f));
if (files.length === 0) {
  process.stderr.write(`lint:workflows: no workflow files in ${relative(process.cwd(), dir) || dir}\n`);
  process.exit(1);
}

let failed = 0;
for (const file of files) {
  const shown = relative(process.cwd(), file) || file;
  const result = spawnSync(process.execPath, [cli, file], { encoding: 'utf8' });
  if (result.status === 0) {
    process.stdout.write(`ok      ${shown}\n`);
  } else {
    failed++;
    const why = `${result.stdout}${result.stderr}${result.error ? `${result.error.message}\n` : ''}`;
    process.stdout.write(`INVALID ${shown}\n${why}`);
  }
}
process.exit(failed === 0 ? 0 : 1);
