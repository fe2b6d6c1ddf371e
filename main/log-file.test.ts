// The rotating log file (docs/diagnostics.md): created only by the first line, 0700 folder and 0600 files, rotated
// at its size limit keeping a few old files, and fed the same redacted lines as stderr (docs/architecture.md
// "Security": the AK/SK never in logs).
import { afterAll, describe, expect, it, vi } from 'vitest';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import electronLog from 'electron-log/node';
import { createLogger } from './log';
import { LOG_FILES_KEPT, LOG_MAX_BYTES, openLogFile, rotatedPath } from './log-file';

const AK = 'AKLOGFILETEST0000001';
const SK = 'sk-log-file-test-0123456789';
const root = mkdtempSync(join(tmpdir(), 'sd-log-file-'));
let n = 0;
const freshDir = (): string => join(root, `d${++n}`, 'logs');
const mode = (p: string): number => statSync(p).mode & 0o777;
const posix = process.platform !== 'win32';

afterAll(() => rmSync(root, { recursive: true, force: true }));

describe('log file', () => {
  it('rotates at 5 MiB and keeps 3 old files by default', () => {
    expect(LOG_MAX_BYTES).toBe(5 * 1024 * 1024);
    expect(LOG_FILES_KEPT).toBe(3);
    expect(rotatedPath('/d/logs/main.log', 2)).toBe(join('/d/logs', 'main.2.log'));
  });

  it('creates nothing until the first line, then a 0700 folder and a 0600 file', () => {
    const dir = freshDir();
    const file = openLogFile({ dir, name: 'cli.log' });
    expect(existsSync(dir)).toBe(false);
    file.write('first line');
    expect(readFileSync(join(dir, 'cli.log'), 'utf8').trim()).toBe('first line');
    if (posix) {
      expect(mode(dir)).toBe(0o700);
      expect(mode(join(dir, 'cli.log'))).toBe(0o600);
    }
  });

  it('writing past the size limit rotates the file: main.log → main.1.log → main.2.log, the oldest dropped', () => {
    const dir = freshDir();
    const file = openLogFile({ dir, name: 'main.log', maxBytes: 1000, keep: 2 });
    const line = (i: number): string => `line ${String(i).padStart(4, '0')} ${'x'.repeat(90)}`; // ~100 bytes
    for (let i = 0; i < 45; i++) file.write(line(i));
    expect(readdirSync(dir).sort()).toEqual(['main.1.log', 'main.2.log', 'main.log']);
    for (const name of ['main.log', 'main.1.log', 'main.2.log']) {
      // A file is rotated once it is past the limit: at most one line over it.
      expect(statSync(join(dir, name)).size).toBeLessThanOrEqual(1000 + 110);
      if (posix) expect(mode(join(dir, name))).toBe(0o600);
    }
    const current = readFileSync(join(dir, 'main.log'), 'utf8');
    const previous = readFileSync(join(dir, 'main.1.log'), 'utf8');
    const oldest = readFileSync(join(dir, 'main.2.log'), 'utf8');
    expect(current).toContain(line(44));
    // Order is kept across the files, and what fell off the end is gone.
    const firstOf = (text: string): number => Number(/line (\d+)/.exec(text)?.[1]);
    expect(firstOf(oldest)).toBeLessThan(firstOf(previous));
    expect(firstOf(previous)).toBeLessThan(firstOf(current));
    expect(oldest).not.toContain(line(0));
  });

  it('gets every line the logger writes, redacted, while a silent stderr gets none', () => {
    const dir = freshDir();
    const stderr: string[] = [];
    const log = createLogger({
      level: 'silent',
      sink: (l) => stderr.push(l),
      file: openLogFile({ dir, name: 'cli.log' }),
      now: () => 0,
    });
    log.addSecret(AK);
    log.addSecret(SK);
    log.debug(`signing with ${AK}`, { sk: SK });
    log.warn('request failed', new Error(`Authorization: SDK-HMAC-SHA256 Access=${AK}, Signature=abcdef0123`));
    expect(stderr).toEqual([]);
    const text = readFileSync(join(dir, 'cli.log'), 'utf8');
    expect(text).toContain('1970-01-01T00:00:00.000Z DEBUG signing with [redacted]');
    expect(text).toContain('WARN request failed');
    expect(text).not.toContain(AK);
    expect(text).not.toContain(SK);
  });

  it('a folder that cannot be created costs the file, not the app', () => {
    const dir = freshDir();
    openLogFile({ dir, name: 'cli.log' }).write('a line');
    // A file stands where the logs folder would have to be.
    const file = openLogFile({ dir: join(dir, 'cli.log', 'logs'), name: 'cli.log' });
    expect(() => file.write('lost')).not.toThrow();
    expect(readFileSync(join(dir, 'cli.log'), 'utf8').trim()).toBe('a line');
  });

  it('a folder removed under a running logger loses the line quietly: nothing on the console, the CLI stderr', () => {
    const dir = freshDir();
    const file = openLogFile({ dir, name: 'host.log' });
    file.write('before');
    rmSync(dir, { recursive: true, force: true });
    // Where electron-log sends its own errors: its default logger's console transport.
    const spy = vi.spyOn(electronLog.transports.console, 'writeFn').mockImplementation(() => undefined);
    try {
      expect(() => file.write('after')).not.toThrow();
      expect(spy).not.toHaveBeenCalled();
    } finally {
      spy.mockRestore();
    }
    expect(existsSync(dir)).toBe(false); // not re-created behind the back of whoever removed it
  });
});
