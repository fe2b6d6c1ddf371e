// Comments and docs name files so a reader can go and look: every path they name must exist (a file moved or
// deleted without its mentions leaves the reader at a dead end). Checked over every tracked text file.
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = path.resolve(__dirname, '../..');
const TOP = [
  'main',
  'common',
  'renderer',
  'preload',
  'marketplace-sim',
  'e2e',
  'e2e-docs',
  'e2e-electron',
  'bench',
  'scripts',
  'docs',
  'resources',
];
// A repository path as comments write it: a top-level folder, then segments, ending in a file extension.
const MENTION = new RegExp(
  `(?<![\\w./-])(?:\\.\\./)*((?:${TOP.join('|')})/[\\w@./-]*\\.(?:ts|tsx|mjs|cjs|md|sql|json|css|html|yml))(?![\\w/-])`,
  'g',
);

function trackedTextFiles(): string[] {
  const out = execFileSync('git', ['ls-files', '-co', '--exclude-standard'], { cwd: ROOT, encoding: 'utf8' });
  return out.split('\n').filter((f) => /\.(ts|tsx|mjs|md|css|yml)$/.test(f) && existsSync(path.join(ROOT, f)));
}

export function danglingMentions(
  files: readonly string[],
  read: (f: string) => string,
  exists: (p: string) => boolean,
): string[] {
  const missing: string[] = [];
  for (const file of files) {
    const text = read(file);
    for (const m of text.matchAll(MENTION)) {
      const target = m[1].replace(/[.)]+$/, '');
      // Globs and placeholders (`main/**/*.test.ts`, `docs/<name>.md`, `NNNN-…sql`) name no single file.
      if (/[*<>]|NNNN/.test(target)) continue;
      if (!exists(target)) missing.push(`${file}: ${target}`);
    }
  }
  return missing;
}

describe('paths named in comments and docs', () => {
  it('finds a mention of a file that does not exist, and not one that does', () => {
    const gone = ['main', 'db', 'gone.ts'].join('/'); // spelt apart so this file does not mention it itself
    const files = { 'a.ts': `// see main/db/connection.ts and ${gone}, or main/**/*.test.ts` };
    expect(
      danglingMentions(
        ['a.ts'],
        (f) => files[f as 'a.ts'],
        (p) => p === 'main/db/connection.ts',
      ),
    ).toEqual([`a.ts: ${gone}`]);
  });

  it('every file a comment or a doc names exists', () => {
    expect(
      danglingMentions(
        trackedTextFiles(),
        (f) => readFileSync(path.join(ROOT, f), 'utf8'),
        (p) => existsSync(path.join(ROOT, p)),
      ),
    ).toEqual([]);
  });
});
