// `seller-desk sow ORDER_LINE_ID --out FILE.pdf [--draft ID]`: the statement of work of an order —
// from the given draft, else its latest draft, else an empty draft view — written to FILE.pdf (temp file, fsync,
// rename). Works offline: everything comes from the local cache. It runs the window's own channel (sow:generate).
import path from 'node:path';
import { writeFileDurably } from '../proofs/exports';
import { COMMON_OPTIONS, dataDirOf, parse, PROFILE_OPTION } from './args';
import { call, withServices } from './context';
import { UsageError } from './errors';
import type { CliIo } from './io';
import { COMMAND_USAGE } from './usage';

const OPTIONS = { ...COMMON_OPTIONS, ...PROFILE_OPTION, out: { type: 'string' }, draft: { type: 'string' } } as const;

export function kib(bytes: number): string {
  return `${(bytes / 1024).toFixed(1)} KB`;
}

export async function runSow(argv: string[], io: CliIo): Promise<number> {
  const usage = COMMAND_USAGE.sow;
  const { values, positionals } = parse(argv, OPTIONS, usage, 1);
  const orderLineId = positionals[0]?.trim();
  if (!orderLineId) throw new UsageError('missing ORDER_LINE_ID', usage);
  if (!values.out?.trim()) throw new UsageError('missing --out FILE.pdf', usage);
  const out = path.resolve(io.cwd, values.out);
  return withServices(io, { dataDir: dataDirOf(values, io.env), demo: values.demo === true }, async (services) => {
    // The same sow:generate channel the window's preview uses (its draft, else the latest, else an empty view).
    const doc = await call(services, 'sow:generate', { orderLineId, draftId: values.draft?.trim() || undefined });
    await writeFileDurably(out, Buffer.from(doc.dataBase64, 'base64'));
    const from = doc.draftId
      ? `draft ${doc.draftId} (revision ${doc.revision})`
      : 'no draft yet: an empty draft view of the template';
    io.out(`Wrote ${doc.documentId} for ${orderLineId} to ${out} (${kib(doc.bytes)}; ${from}).`);
    return 0;
  });
}
