// `seller-desk diagnostics --out FILE.zip` (docs/diagnostics.md): the recent logs (redacted again), versions,
// settings without secrets, the database's quick check and table counts, and the outbox by state — one ZIP to send
// to support. A profile whose database cannot be opened still gets a ZIP: logs, versions and the reason.
import path from 'node:path';
import { exportDiagnostics, type DiagnosticsResult, type DiagnosticsSource } from '../diagnostics/export';
import { FileCredentialStore } from '../settings/credential-store';
import { profileOf, profilePaths } from '../settings/paths';
import { COMMON_OPTIONS, dataDirOf, parse, PROFILE_OPTION } from './args';
import { withReader } from './context';
import { CliFailure, oneLine, UsageError } from './errors';
import type { CliIo } from './io';
import { kib } from './sow';
import { COMMAND_USAGE } from './usage';

const OPTIONS = { ...COMMON_OPTIONS, ...PROFILE_OPTION, out: { type: 'string' } } as const;

function summary(r: DiagnosticsResult): string {
  const logs = r.entries.filter((e) => e.startsWith('logs/')).length;
  const ok = r.quickCheck?.join('; ') === 'ok';
  const check = r.quickCheck === null ? 'database not opened' : ok ? 'database check ok' : 'database check FAILED';
  const logFiles = `${logs} log file${logs === 1 ? '' : 's'}`;
  const parts = [logFiles, 'versions', 'settings without secrets', check, 'table counts', 'outbox counts'];
  return `Wrote diagnostics to ${r.file} (${kib(r.bytes)}): ${parts.join(', ')}.`;
}

export async function runDiagnostics(argv: string[], io: CliIo): Promise<number> {
  const usage = COMMAND_USAGE.diagnostics;
  const { values } = parse(argv, OPTIONS, usage);
  if (!values.out?.trim()) throw new UsageError('missing --out FILE.zip', usage);
  const out = path.resolve(io.cwd, values.out);
  const dataDir = dataDirOf(values, io.env);
  const demo = values.demo === true;
  const base = { dataDir, profile: profileOf(demo), transport: 'cli' } as const;
  const write = (source: DiagnosticsSource): number => {
    try {
      io.out(summary(exportDiagnostics(source, out)));
      return 0;
    } catch (err) {
      throw new CliFailure(`cannot write ${out}: ${err instanceof Error ? err.message : String(err)}`);
    }
  };
  let opened = false;
  try {
    return await withReader(io, { dataDir, demo }, async (reader) => {
      opened = true;
      reader.log.info(`diagnostics: writing ${out}`);
      return write({ ...base, db: reader.db, settings: reader.settings, now: Date.now() });
    });
  } catch (err) {
    // The data folder would not open (a damaged or newer database): exactly when a diagnostics ZIP is wanted.
    if (opened || !(err instanceof CliFailure)) throw err;
    // Without settings the AK/SK are still masked: read straight from the profile's 0600 file when it is there.
    let secrets: string[] = [];
    try {
      const creds = new FileCredentialStore(profilePaths(dataDir, demo).credentials).load();
      secrets = creds ? [creds.ak, creds.sk] : [];
    } catch {
      // unreadable: the redaction patterns still apply
    }
    return write({ ...base, db: null, settings: null, error: oneLine(err.message), secrets, now: Date.now() });
  }
}
