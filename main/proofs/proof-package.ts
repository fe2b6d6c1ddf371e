// "Export proof package": a ZIP with the SOW PDF, every attachment and manifest.json (order,
// template version, content, enabling time, SHA-256 of each file) for sellers who upload by hand through the
// marketplace's web console. Written with fflate (no hand-rolled ZIP), to a temp file renamed into place, so a
// failed export never leaves a half-written package under the requested name.
import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { strToU8, Zip, ZipDeflate, ZipPassThrough } from 'fflate';
import { AppError } from '../../common/api/result';
import { moneyToWire } from '../../common/domain/money';
import { wireContent } from '../../common/domain/proof-rules';
import { formatValidity } from '../../common/domain/validity';
import type { AttachmentCategory } from '../../common/marketplace/wire';
import type { Db } from '../db/connection';
import { getAttachment } from '../files/store';
import { requireOrder, requireTemplate, validityFor } from './draft-context';
import { writeViaTemp } from './durable-file';
import { requireDraft } from './drafts-repo';
import { sowFileName } from './sow-input';

export interface ProofPackageOptions {
  /** The attachment store's folder (AttachmentStore.dir): files named by their SHA-256. */
  filesDir: string;
  outFile: string;
  /** The generated statement of work (generateSow(buildSowInput(…))); omitted → only the draft's own files. */
  sow?: Uint8Array;
  /** Written into the manifest and as every entry's time. Default: now. */
  now?: number;
}

export interface PackageFile {
  /** Path inside the ZIP. */
  path: string;
  /** `sow` for the generated statement of work, `attachment` for the draft's files. */
  role: 'sow' | 'attachment';
  category: AttachmentCategory;
  fileName: string;
  contentType: string;
  size: number;
  sha256: string;
}

export interface ProofManifest {
  format: 'seller-desk/proof-package';
  formatVersion: 1;
  generatedAt: string;
  draft: { id: string; revision: number; state: string; lastEditAt: string };
  order: {
    orderId: string;
    orderLineId: string;
    productId: string;
    productName: string;
    customerName: string;
    amount: string;
    currency: string;
    placedAt: string;
    stage: string | null;
  };
  templateVersion: number;
  items: Array<{ key: string; title: string; kind: string; required: boolean; attachmentCategory: string | null }>;
  content: Record<string, unknown>;
  enablingTime: string | null;
  validity: string | null;
  files: PackageFile[];
}

export interface ProofPackageResult {
  outFile: string;
  manifest: ProofManifest;
  bytes: number;
}

/** A name safe inside a ZIP on every OS: no folders, no `..`, no characters Windows refuses. */
function safeName(name: string): string {
  const visible = [...name].map((c) => (c.charCodeAt(0) < 0x20 ? '_' : c)).join('');
  const cleaned = visible
    .replace(/[\\/:*?"<>|]/g, '_')
    .replace(/^\.+/, '_')
    .trim();
  return cleaned.slice(0, 180) || 'file';
}

function uniquePath(taken: Set<string>, dir: string, name: string): string {
  const ext = path.extname(name);
  const stem = name.slice(0, name.length - ext.length);
  let candidate = `${dir}/${name}`;
  for (let n = 2; taken.has(candidate.toLowerCase()); n++) candidate = `${dir}/${stem} (${n})${ext}`;
  taken.add(candidate.toLowerCase());
  return candidate;
}

export async function exportProofPackage(
  db: Db,
  draftId: string,
  opts: ProofPackageOptions,
): Promise<ProofPackageResult> {
  const d = requireDraft(db, draftId);
  const order = requireOrder(db, d.orderLineId);
  const template = requireTemplate(db, d.productId, d.templateVersion);
  const now = opts.now ?? Date.now();
  const taken = new Set<string>(['manifest.json']);

  // Every file is read and re-hashed before anything is written: a damaged store file fails the export.
  const entries: Array<{ file: PackageFile; bytes: Uint8Array }> = [];
  if (opts.sow) {
    entries.push({
      file: {
        path: uniquePath(taken, 'sow', safeName(sowFileName(order.orderId))),
        role: 'sow',
        category: 'sow',
        fileName: sowFileName(order.orderId),
        contentType: 'application/pdf',
        size: opts.sow.length,
        sha256: createHash('sha256').update(opts.sow).digest('hex'),
      },
      bytes: opts.sow,
    });
  }
  for (const a of d.attachments) {
    const stored = getAttachment(db, a.sha256);
    let bytes: Buffer;
    try {
      bytes = await readFile(path.join(opts.filesDir, a.sha256));
    } catch {
      throw new AppError('not_found', `"${a.fileName}" is missing from the attachment store; attach it again`, {
        reason: 'missing_attachment',
        sha256: a.sha256,
      });
    }
    const sha256 = createHash('sha256').update(bytes).digest('hex');
    if (sha256 !== a.sha256) {
      throw new AppError(
        'internal',
        `the stored copy of "${a.fileName}" is damaged (its SHA-256 no longer matches); attach the file again`,
        { reason: 'corrupt_file', sha256: a.sha256 },
      );
    }
    entries.push({
      file: {
        path: uniquePath(taken, `attachments/${a.category}`, safeName(a.fileName)),
        role: 'attachment',
        category: a.category,
        fileName: a.fileName,
        contentType: stored?.contentType ?? 'application/octet-stream',
        size: bytes.length,
        sha256,
      },
      bytes,
    });
  }

  const validity = validityFor(order, d.enablingTime);
  const manifest: ProofManifest = {
    format: 'seller-desk/proof-package',
    formatVersion: 1,
    generatedAt: new Date(now).toISOString(),
    draft: { id: d.id, revision: d.revision, state: d.state, lastEditAt: new Date(d.updatedAt).toISOString() },
    order: {
      orderId: order.orderId,
      orderLineId: order.orderLineId,
      productId: order.productId,
      productName: order.productName,
      customerName: order.customerName,
      amount: moneyToWire(order.amountMinor),
      currency: order.currency,
      placedAt: new Date(order.placedAt).toISOString(),
      stage: order.stage,
    },
    templateVersion: template.templateVersion,
    items: template.items.map((i) => ({
      key: i.key,
      title: i.title,
      kind: i.kind,
      required: i.required,
      attachmentCategory: i.attachmentCategory ?? null,
    })),
    content: wireContent(template, d.content),
    enablingTime: d.enablingTime === null ? null : new Date(d.enablingTime).toISOString(),
    validity: validity ? formatValidity(validity) : null,
    files: entries.map((e) => e.file),
  };

  const bytes = await writeZip(opts.outFile, now, [
    { name: 'manifest.json', bytes: strToU8(`${JSON.stringify(manifest, null, 2)}\n`), deflate: true },
    // PDFs, images, DOCX/XLSX and ZIPs are compressed already: stored as they are.
    ...entries.map((e) => ({ name: e.file.path, bytes: e.bytes, deflate: false })),
  ]);
  return { outFile: opts.outFile, manifest, bytes };
}

/** Streams the entries through fflate into `<outFile>.<uuid>.tmp`, fsyncs, then renames it into place. */
async function writeZip(
  outFile: string,
  mtime: number,
  files: Array<{ name: string; bytes: Uint8Array; deflate: boolean }>,
): Promise<number> {
  return writeViaTemp(outFile, async (fh) => {
    let written = 0;
    let pending: Uint8Array[] = [];
    let failure: Error | null = null;
    const zip = new Zip((err, chunk) => {
      if (err) failure = err;
      else pending.push(chunk);
    });
    const flush = async () => {
      if (failure) throw failure;
      const chunks = pending;
      pending = [];
      for (const c of chunks) {
        await fh.write(c);
        written += c.length;
      }
    };
    for (const f of files) {
      const entry = f.deflate ? new ZipDeflate(f.name, { level: 6 }) : new ZipPassThrough(f.name);
      entry.mtime = mtime;
      // "Made by Unix" with plain file permissions: Info-ZIP's unzip otherwise treats the (UTF-8 flagged) names of an
      // MS-DOS-made entry as a DOS code page and garbles Chinese file names.
      entry.os = 3;
      entry.attrs = 0o100644 << 16;
      zip.add(entry);
      entry.push(f.bytes, true);
      await flush();
    }
    zip.end();
    await flush();
    return written;
  });
}
