// Handlers (delivery-proof drafts, delivering, the statement of work), spread into the handler table by
// services.ts. The work is done by main/proofs (one transaction per save, P4; submit = validate + queue in one
// transaction, P4/P5); these turn it into the contract's shapes and tell the renderer what changed.
import { mkdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import type { ProofsChannel, SowDocument } from '../../common/api/contract-proofs';
import { AppError } from '../../common/api/result';
import type { Db } from '../db/connection';
import type { AttachmentStore } from '../files/store';
import {
  attachFile,
  attachSow,
  buildSowInput,
  createDraft,
  deleteDraft,
  detachFile,
  exportProofPackage,
  getDraft,
  listDrafts,
  moveDraftToTemplate,
  reconcileDrafts,
  requireProducible,
  resolveConflict,
  saveDraft,
  sowFileName,
  submitDraft,
  validateDraft,
} from '../proofs/index';
import { requireDraft } from '../proofs/drafts-repo';
import { draftView, editorData, listAllDrafts } from '../proofs/editor-view';
import { MAX_DOWNLOAD_BYTES, exportSows, safeFileName, stamp } from '../proofs/exports';
import { sowInputForOrder } from '../proofs/sow-for-order';
import { generateSow } from '../sow/generate-sow';
import type { Clock } from '../sync/client';
import type { Handlers } from './dispatch';

export type ProofsHandlers = Pick<Handlers, ProofsChannel>;

/** Electron asks the user where an export goes; absent in the browser host (it writes under `exportsDir`). */
export interface ExportDialogs {
  saveFile(o: { title: string; defaultName: string; extension: string }): Promise<string | null>;
  pickFolder(o: { title: string }): Promise<string | null>;
}

export interface ProofsHandlerDeps {
  db: Db;
  clock: Clock;
  store: AttachmentStore;
  /** The browser host's export folder (the profile's `exports/`). */
  exportsDir: string;
  dialogs?: ExportDialogs;
  /** The seller's name for the SOW (GET account, cached). */
  sellerName: () => Promise<string>;
  /** Drafts of these lines changed: tell the renderer. */
  changed: (orderLineIds: string[]) => void;
  /** A delivery was queued or a refused one discarded: the outbox's counts and a prompt send. */
  outboxChanged: (kick: boolean) => void;
  newKey?: () => string;
}

const IMAGE_TYPES = new Set(['image/png', 'image/jpeg']);

export function createProofsHandlers(deps: ProofsHandlerDeps): ProofsHandlers {
  const { db, clock, store } = deps;
  const view = (d: Parameters<typeof draftView>[1]) => draftView(db, d);
  // The last SOW generated per draft: "Attach as SOW" attaches exactly the previewed bytes when the draft is unchanged.
  const lastSow = new Map<string, { revision: number; pdf: Uint8Array }>();

  const generate = async (draftId: string): Promise<{ doc: SowDocument; pdf: Uint8Array }> => {
    const d = requireDraft(db, draftId);
    const now = clock.now();
    // P1–P3, V4: no SOW of an invalid draft (the problems the SOW itself resolves aside).
    requireProducible(db, d.id, { now, output: 'sow', withSow: true });
    const input = buildSowInput(db, d.id, { now, sellerName: await deps.sellerName() });
    const pdf = await generateSow(input);
    lastSow.set(d.id, { revision: d.revision, pdf });
    const orderId = input.order.orderId;
    return { pdf, doc: sowDoc(sowFileName(orderId), input.documentId, now, pdf, d.id, d.revision) };
  };

  const download = (fileName: string, contentType: string, bytes: Uint8Array) =>
    deps.dialogs || bytes.length > MAX_DOWNLOAD_BYTES ? null : { fileName, contentType, dataBase64: Buffer.from(bytes).toString('base64') };

  return {
    'proofs:list': ({ orderLineId }) => listDrafts(db, orderLineId),
    'proofs:list-all': () => listAllDrafts(db),

    'proofs:create': ({ orderLineId, label }) => {
      const d = createDraft(db, { orderLineId, label }, { clock });
      deps.changed([orderLineId]);
      return view(d);
    },

    'proofs:get': ({ draftId }) => {
      // P5: judge the draft against the order as cached now before showing it.
      const d = requireDraft(db, draftId);
      if (reconcileDrafts(db, d.orderLineId, { clock }).length > 0) deps.changed([d.orderLineId]);
      return editorData(db, draftId);
    },

    'proofs:save': ({ draftId, patch }) => {
      const d = saveDraft(db, draftId, patch, { clock });
      deps.changed([d.orderLineId]);
      return view(d);
    },

    'proofs:attach': ({ draftId, sha256, category, fileName }) => {
      const d = attachFile(db, draftId, { sha256, category, fileName }, { clock });
      deps.changed([d.orderLineId]);
      return view(d);
    },

    'proofs:detach': ({ draftId, sha256, category }) => {
      const d = detachFile(db, draftId, { sha256, category }, { clock });
      deps.changed([d.orderLineId]);
      return view(d);
    },

    'proofs:delete': ({ draftId, reason }) => {
      const d = deleteDraft(db, draftId, { clock, reason });
      lastSow.delete(draftId);
      deps.changed([d.orderLineId]);
      return { draftId };
    },

    'proofs:validate': ({ draftId }) => validateDraft(db, draftId, { now: clock.now() }),

    'proofs:submit': ({ draftId }) => {
      const before = getDraft(db, draftId);
      try {
        const { draft, outboxItem } = submitDraft(db, draftId, { clock, newKey: deps.newKey });
        deps.outboxChanged(true);
        return { draft: view(draft), outboxItemId: outboxItem.id, idempotencyKey: outboxItem.idempotencyKey };
      } finally {
        // A refusal may still have marked the draft in conflict (P5): the editor shows it.
        if (before) deps.changed([before.orderLineId]);
      }
    },

    'proofs:move-template': ({ draftId, templateVersion }) => {
      const r = moveDraftToTemplate(db, draftId, templateVersion, { clock });
      deps.changed([r.draft.orderLineId]);
      if (r.conflictCleared) deps.outboxChanged(false);
      return { ...r, draft: view(r.draft) };
    },

    'proofs:resolve-conflict': ({ draftId }) => {
      const d = resolveConflict(db, draftId, { clock });
      deps.changed([d.orderLineId]);
      deps.outboxChanged(false);
      return view(d);
    },

    'proofs:file-preview': async ({ sha256 }) => {
      const stored = store.get(sha256);
      if (!stored) throw new AppError('not_found', 'that file is not in the attachment store', { reason: 'missing_file' });
      // Thumbnails only (P3 images); other types are shown by name, size and SHA-256.
      if (!IMAGE_TYPES.has(stored.contentType)) throw new AppError('validation', `no preview for ${stored.contentType}`, { reason: 'not_an_image' });
      const bytes = await readFile(store.pathOf(sha256));
      return { sha256, contentType: stored.contentType, dataBase64: bytes.toString('base64') };
    },

    'proofs:export-package': async ({ draftId, withSow }) => {
      const d = requireDraft(db, draftId);
      // P1–P3, V4: an invalid draft is never packed — refused before anyone is asked where to save it.
      requireProducible(db, d.id, { now: clock.now(), output: 'package', withSow: withSow || d.attachments.some((a) => a.category === 'sow') });
      const fileName = `proof-${safeFileName(d.orderLineId)}-r${d.revision}.zip`;
      const target = deps.dialogs
        ? await deps.dialogs.saveFile({ title: 'Export proof package', defaultName: fileName, extension: 'zip' })
        : path.join(deps.exportsDir, fileName);
      if (!target) return { canceled: true, path: null, fileName, bytes: 0, download: null };
      await mkdir(path.dirname(target), { recursive: true });
      // The draft's own SOW attachment is in the package already; otherwise a freshly generated one goes in.
      const sow = withSow && !d.attachments.some((a) => a.category === 'sow') ? (await generate(draftId)).pdf : undefined;
      const r = await exportProofPackage(db, draftId, { filesDir: store.dir, outFile: target, sow, now: clock.now() });
      return { canceled: false, path: r.outFile, fileName: path.basename(r.outFile), bytes: r.bytes, download: download(fileName, 'application/zip', await readFile(r.outFile)) };
    },

    'sow:generate': async ({ draftId, orderLineId }) => {
      if (orderLineId === undefined) return (await generate(draftId as string)).doc;
      const now = clock.now();
      const sow = sowInputForOrder(db, orderLineId, { now, sellerName: await deps.sellerName(), draftId });
      const pdf = await generateSow(sow.input);
      return sowDoc(sowFileName(sow.input.order.orderId), sow.input.documentId, now, pdf, sow.draftId, sow.revision);
    },

    'sow:attach': async ({ draftId }) => {
      const d = requireDraft(db, draftId);
      // P1–P3, V4: the previewed SOW is attached only while the draft is still valid.
      requireProducible(db, d.id, { now: clock.now(), output: 'sow', withSow: true });
      const cached = lastSow.get(draftId);
      const pdf = cached && cached.revision === d.revision ? cached.pdf : (await generate(draftId)).pdf;
      const attached = await attachSow(db, draftId, pdf, { store, clock });
      lastSow.delete(draftId);
      deps.changed([attached.orderLineId]);
      return view(attached);
    },

    'sow:export': async ({ orderLineIds }) => {
      const now = clock.now();
      const folder = deps.dialogs ? await deps.dialogs.pickFolder({ title: 'Export statements of work to a folder' }) : path.join(deps.exportsDir, `SOW-export-${stamp(now)}`);
      if (!folder) return { canceled: true, path: null, fileName: '', bytes: 0, download: null, files: [], failed: [] };
      return exportSows(db, orderLineIds, { folder, now, sellerName: await deps.sellerName(), zip: !deps.dialogs });
    },
  };
}

function sowDoc(fileName: string, documentId: string, generatedAt: number, pdf: Uint8Array, draftId: string | null, revision: number | null): SowDocument {
  return { fileName, documentId, generatedAt, bytes: pdf.length, dataBase64: Buffer.from(pdf).toString('base64'), draftId, revision };
}

