// Runs npm scripts side by side and fails if any fails: `node scripts/parallel.mjs typecheck lint build` in
// `npm test`. tsc and ESLint each keep one core busy for part of their time, and the build needs neither: on two
// cores the three take about as long together as the slowest alone plus a little.
// Each script's output is held and printed whole when it ends, so the two logs do not interleave.
import { Buffer } from 'node:buffer';
import { spawn } from 'node:child_process';
import process from 'node:process';

const names = process.argv.slice(2);
if (names.length === 0) {
  process.stderr.write('usage: node scripts/parallel.mjs SCRIPT…\n');
  process.exit(2);
}

// Under npm, npm_execpath is npm's own CLI script: run it with this Node (no shell, the same on every platform).
const npm = process.env.npm_execpath;
const command = (name) =>
  npm
    ? [process.execPath, [npm, 'run', '--silent', name], {}]
    : ['npm', ['run', '--silent', name], { shell: process.platform === 'win32' }];

const runs = names.map(
  (name) =>
    new Promise((resolve) => {
      const [cmd, args, opts] = command(name);
      const started = Date.now();
      const child = spawn(cmd, args, { ...opts, stdio: ['ignore', 'pipe', 'pipe'] });
      const chunks = [];
      child.stdout.on('data', (c) => chunks.push(c));
      child.stderr.on('data', (c) => chunks.push(c));
      let ended = false;
      const done = (code) => {
        if (ended) return;
        ended = true;
        const seconds = ((Date.now() - started) / 1000).toFixed(1);
        process.stdout.write(`\n> npm run ${name} (${code === 0 ? 'ok' : `failed, exit ${code}`}, ${seconds} s)\n`);
        process.stdout.write(Buffer.concat(chunks));
        resolve(code === 0);
      };
      child.on('error', (err) => {
        chunks.push(Buffer.from(`${err.message}\n`));
        done(1);
      });
      child.on('close', (code, signal) => done(code ?? (signal ? 1 : 0)));
    }),
);

const ok = await Promise.all(runs);
process.exit(ok.every(Boolean) ? 0 : 1);
