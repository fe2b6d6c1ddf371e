// `--attach CATEGORY=PATH` (appeal, unsubscription review): each file is added to the attachment
// store (type sniffed from its content, 20 MiB, stored once by SHA-256 — P3) before the action is queued with them.
import { readFile, stat } from 'node:fs/promises';
import { basename, resolve } from 'node:path';
import { ATTACHMENT_CATEGORIES, type AttachmentCategory } from '../../common/marketplace/wire';
import type { AttachmentInput } from '../../common/api/action-payloads';
import type { OutboxEntry } from '../../common/api/contract-outbox';
import { AppError } from '../../common/api/result';
import { checkSize, checkSubmissionCount } from '../files/store';
import type { Services } from '../services';
import { dataDirOf } from './args';
import { call, withServices } from './context';
import { CliFailure, UsageError } from './errors';
import type { CliIo } from './io';
import { queuedLine } from './outbox';

export interface AttachArg {
  category: AttachmentCategory;
  path: string;
}

/** Parses the repeated flag (bad usage on a malformed one), before anything is opened. */
export function parseAttach(raw: string | string[] | undefined, usage: string): AttachArg[] {
  const list = raw === undefined ? [] : Array.isArray(raw) ? raw : [raw];
  return list.map((arg) => {
    const eq = arg.indexOf('=');
    const category = eq > 0 ? arg.slice(0, eq).trim() : '';
    const path = eq > 0 ? arg.slice(eq + 1).trim() : '';
    if (!category || !path) throw new UsageError(`--attach expects CATEGORY=PATH, got '${arg}'`, usage);
    if (!(ATTACHMENT_CATEGORIES as readonly string[]).includes(category)) {
      throw new UsageError(
        `--attach: unknown category '${category}' (one of ${ATTACHMENT_CATEGORIES.join(', ')})`,
        usage,
      );
    }
    return { category: category as AttachmentCategory, path };
  });
}

/**
 * Adds the files through the same `attachments:add` channel the window uses (the store sniffs the type and enforces
 * P3); a file it refuses (type, size, unreadable) fails the command with its reason, before anything is queued.
 */
export async function addAttachments(services: Services, args: AttachArg[], cwd: string): Promise<AttachmentInput[]> {
  const out: AttachmentInput[] = [];
  try {
    checkSubmissionCount(args.length);
    for (const a of args) {
      const file = resolve(cwd, a.path);
      const fileName = basename(a.path);
      let size: number;
      try {
        size = (await stat(file)).size;
      } catch {
        throw new CliFailure(`cannot read "${file}"`);
      }
      // P3 before reading: a 2 GB file is refused by its size, not after it was loaded.
      checkSize(fileName, size);
      const stored = await call(services, 'attachments:add', {
        fileName,
        dataBase64: (await readFile(file)).toString('base64'),
      });
      out.push({ sha256: stored.sha256, category: a.category, fileName });
    }
  } catch (err) {
    if (err instanceof AppError) throw new CliFailure(err.message);
    throw err;
  }
  return out;
}

/**
 * Opens the profile, adds the files to the store, then queues the action with them (`queue` calls the channel) and
 * prints the queued item's id: the files are stored before anything is queued.
 */
export function queueWithAttachments(
  io: CliIo,
  values: { 'data-dir'?: string; demo?: boolean },
  files: AttachArg[],
  queue: (services: Services, attachments: AttachmentInput[]) => Promise<OutboxEntry>,
): Promise<number> {
  return withServices(io, { dataDir: dataDirOf(values, io.env), demo: values.demo === true }, async (services) => {
    const attachments = await addAttachments(services, files, io.cwd);
    io.out(queuedLine(await queue(services, attachments)));
    return 0;
  });
}
