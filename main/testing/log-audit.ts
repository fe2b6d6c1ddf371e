// Global set-up for the vitest and Playwright runs: every log file any process of the run creates is hard-linked into
// one audit folder (SELLER_DESK_LOG_AUDIT_DIR, main/log-file.ts), and at the end every line logged by the whole run
// is searched for the test accounts' AK and SK (docs/architecture.md "Security": credentials never in logs). A hit
// fails the run, naming the file and the secret.
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** The simulator's test seller (marketplace-sim) — the account the tests connect with. */
export const TEST_CREDENTIALS = ['AKTESTSELLER0001', 'sk-test-0123456789abcdef'] as const;

export interface LogAudit {
  files: number;
  bytes: number;
  hits: string[];
}

export function auditLogs(dir: string, secrets: readonly string[] = TEST_CREDENTIALS): LogAudit {
  const audit: LogAudit = { files: 0, bytes: 0, hits: [] };
  for (const name of readdirSync(dir)) {
    const file = join(dir, name);
    if (!statSync(file).isFile()) continue;
    const text = readFileSync(file, 'utf8');
    audit.files += 1;
    audit.bytes += Buffer.byteLength(text);
    for (const s of secrets) if (text.includes(s)) audit.hits.push(`${name}: ${s}`);
  }
  return audit;
}

export default function setup(): () => void {
  const dir = mkdtempSync(join(tmpdir(), 'sd-log-audit-'));
  process.env.SELLER_DESK_LOG_AUDIT_DIR = dir;
  return () => {
    const audit = auditLogs(dir);
    rmSync(dir, { recursive: true, force: true });
    const summary = `log audit: ${audit.files} log files (${audit.bytes} bytes) written by this run, searched for the test AK and SK: ${audit.hits.length} hits`;
    process.stdout.write(`${summary}\n`);
    if (audit.hits.length > 0) throw new Error(`${summary}\n${audit.hits.join('\n')}`);
  };
}
