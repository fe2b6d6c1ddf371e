// Test support: the log files a run left in a data folder (`<dataDir>/logs/*.log`, docs/diagnostics.md) and any
// credential found in them — a test that used an AK/SK ends by asserting there is none (docs/architecture.md
// "Security": never in logs).
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { logsDir } from '../settings/paths';

export function logFiles(dataDir: string): string[] {
  const dir = logsDir(dataDir);
  return existsSync(dir)
    ? readdirSync(dir)
        .filter((n) => n.endsWith('.log'))
        .sort()
        .map((n) => join(dir, n))
    : [];
}

/** `file: secret` for every secret found in a log file of `dataDir`; [] when the logs are clean. */
export function secretsInLogs(dataDir: string, secrets: readonly string[]): string[] {
  const found: string[] = [];
  for (const file of logFiles(dataDir)) {
    const text = readFileSync(file, 'utf8');
    for (const s of secrets) if (text.includes(s)) found.push(`${file}: ${s}`);
  }
  return found;
}
