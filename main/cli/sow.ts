// `seller-desk sow ORDER_LINE_ID --out FILE.pdf [--draft ID]`: the statement of work of an order —
// from the given draft, else its latest draft, else an empty draft view — written to FILE.pdf (temp file, fsync,
// rename). Works offline: everything comes from the local cache.
import path from 'node:path';
import { AppError } from '../../common/api/result';
import { writeFileDurably } from '../proofs/exports';
import { sowInputForOrder } from '../proofs/sow-for-order';
import { generateSow } from '../sow/generate-sow';
import { COMMON_OPTIONS, dataDirOf, parse, PROFILE_OPTION } from './args';
import { withServices } from './context';
import { CliFailure, UsageError } from './errors';
import type { CliIo } from './io';
import { COMMAND_USAGE } from './usage';

const OPTIONS = { ...COMMON_OPTIONS, ...PROFILE_OPTION, out: { type: 'string' }, draft: { type: 'string' } } as const;

/** A service failure (not cached, no template, draft of another order) as the CLI's one-line failure. */
export function cliFailure(err: unknown): unknown {
  return err instanceof AppError ? new CliFailure(err.message) : err;
}

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
    try {
      const now = Date.now();
      const sow = sowInputForOrder(services.db, orderLineId, { now, sellerName: await services.proofs.sellerName(), draftId: values.draft?.trim() || undefined });
      const pdf = await generateSow(sow.input);
      await writeFileDurably(out, pdf);
      const from = sow.draftId ? `draft ${sow.draftId} (revision ${sow.revision})` : 'no draft yet: an empty draft view of the template';
      io.out(`Wrote ${sow.input.documentId} for ${orderLineId} to ${out} (${kib(pdf.length)}; ${from}).`);
      return 0;
    } catch (err) {
      throw cliFailure(err);
    }
  });
}
