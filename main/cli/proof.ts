// `seller-desk proof export|submit`.
//   export ORDER_LINE_ID --out FILE.zip [--draft ID]: the proof package (SOW PDF, every attachment, manifest.json)
//     of the given draft or the order's latest one, for an upload by hand through the marketplace's web console.
//   submit ORDER_LINE_ID --from proof.json: a draft from the JSON (files through the attachment store, P3), validated
//     by the same rules as the app (every problem on its own line, exit 1, nothing queued) and queued through the
//     outbox; `seller-desk sync` delivers it.
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { AppError } from '../../common/api/result';
import { submitProofJson } from '../proofs/index';
import type { ExportDialogs } from '../proofs/handlers';
import type { Clock } from '../sync/client';
import { COMMON_OPTIONS, dataDirOf, parse, PROFILE_OPTION } from './args';
import { call, withServices } from './context';
import { CliFailure, oneLine, UsageError } from './errors';
import type { CliIo } from './io';
import { kib } from './sow';
import { COMMAND_USAGE } from './usage';

const EXPORT_OPTIONS = {
  ...COMMON_OPTIONS,
  ...PROFILE_OPTION,
  out: { type: 'string' },
  draft: { type: 'string' },
} as const;
const SUBMIT_OPTIONS = { ...COMMON_OPTIONS, ...PROFILE_OPTION, from: { type: 'string' } } as const;

const clock: Clock = { now: () => Date.now() };

/** Thrown after the problems were printed: exit 1 with nothing more to say. */
class ReportedFailure extends Error {}

async function exportPackage(argv: string[], io: CliIo): Promise<number> {
  const usage = COMMAND_USAGE['proof export'];
  const { values, positionals } = parse(argv, EXPORT_OPTIONS, usage, 1);
  const orderLineId = positionals[0]?.trim();
  if (!orderLineId) throw new UsageError('missing ORDER_LINE_ID', usage);
  if (!values.out?.trim()) throw new UsageError('missing --out FILE.zip', usage);
  const out = path.resolve(io.cwd, values.out);
  // The window's own channel (proofs:export-package) writes the package; the CLI only answers its "where to?" with
  // --out.
  const dialogs: ExportDialogs = { saveFile: async () => out, pickFolder: async () => null };
  return withServices(
    io,
    { dataDir: dataDirOf(values, io.env), demo: values.demo === true, dialogs },
    async (services) => {
      const drafts = await call(services, 'proofs:list', { orderLineId });
      const draftId = values.draft?.trim() || drafts[0]?.id;
      if (!draftId)
        throw new CliFailure(
          `order line ${orderLineId} has no delivery-proof draft; start one in the app or with \`seller-desk proof submit\``,
        );
      if (!drafts.some((d) => d.id === draftId))
        throw new CliFailure(`draft ${draftId} is not a delivery-proof draft of order line ${orderLineId}`);
      // P1–P3, V4: the handler refuses an invalid draft before anything is written; the package always carries a SOW.
      const r = await call(services, 'proofs:export-package', { draftId, withSow: true });
      io.out(
        `Wrote the proof package of ${orderLineId} (draft ${r.draftId}, revision ${r.revision}) to ${r.path ?? out}: ${r.files} files and manifest.json, ${kib(r.bytes)}.`,
      );
      return 0;
    },
  );
}

/**
 * The problems a refusal carries: the proof's (submitDraft: `{ issues: [{ key, message }] }`) or the file's shape (`[{
 * path, message }]`).
 */
function issuesOf(err: AppError): Array<{ key: string; message: string }> {
  const details = err.details as { issues?: unknown } | unknown[] | undefined;
  if (Array.isArray(details))
    return (details as Array<{ path: string; message: string }>).map((i) => ({ key: i.path, message: i.message }));
  return Array.isArray(details?.issues) ? (details.issues as Array<{ key: string; message: string }>) : [];
}

async function submit(argv: string[], io: CliIo): Promise<number> {
  const usage = COMMAND_USAGE['proof submit'];
  const { values, positionals } = parse(argv, SUBMIT_OPTIONS, usage, 1);
  const orderLineId = positionals[0]?.trim();
  if (!orderLineId) throw new UsageError('missing ORDER_LINE_ID', usage);
  if (!values.from?.trim()) throw new UsageError('missing --from proof.json', usage);
  const file = path.resolve(io.cwd, values.from);
  let json: unknown;
  try {
    json = JSON.parse(await readFile(file, 'utf8'));
  } catch (err) {
    throw new CliFailure(`cannot read ${file} as JSON: ${err instanceof Error ? err.message : String(err)}`);
  }
  try {
    return await withServices(
      io,
      { dataDir: dataDirOf(values, io.env), demo: values.demo === true },
      async (services) => {
        const { db } = services;
        try {
          // P4: a complete queued delivery or nothing, even if the process is killed; a refusal keeps no draft.
          const { draft, outboxItem } = await submitProofJson(db, orderLineId, json, {
            store: services.outbox.attachments,
            clock,
            baseDir: path.dirname(file),
            label: path.basename(file),
          });
          io.out(
            `Queued the delivery of ${orderLineId} (draft ${draft.id}, ${draft.attachments.length} files, idempotency key ${outboxItem.idempotencyKey}); run \`seller-desk sync\` to deliver it.`,
          );
          return 0;
        } catch (err) {
          if (!(err instanceof AppError)) throw err;
          const issues = issuesOf(err);
          if (issues.length === 0) throw new CliFailure(err.message);
          io.err(
            `seller-desk: ${file}: the delivery proof has ${issues.length} problem${issues.length === 1 ? '' : 's'}; nothing was queued:`,
          );
          for (const i of issues) io.err(`  ${i.key}: ${oneLine(i.message)}`);
          throw new ReportedFailure();
        }
      },
    );
  } catch (err) {
    if (err instanceof ReportedFailure) return 1;
    throw err;
  }
}

export async function runProof(argv: string[], io: CliIo): Promise<number> {
  const [sub, ...rest] = argv;
  if (sub === 'export') return exportPackage(rest, io);
  if (sub === 'submit') return submit(rest, io);
  throw new UsageError(
    sub ? `unknown proof command '${sub}'` : 'missing proof command (export or submit)',
    COMMAND_USAGE['proof submit'],
  );
}
