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
} from './index';
import { requireDraft } from './drafts-repo';
import { draftView, editorData, listAllDrafts } from './editor-view';
import { MAX_DOWNLOAD_BYTES, exportSows, safeFileName, stamp } from './exports';
import { sowInputForOrder } from './sow-for-order';
import { generateSow } from '../sow/generate-sow';
import type { Clock, MarketplaceClient } from '../sync/client';
import { recategorizeFile } from './recategorize';
import { earlierDeliveries, lastDeliveryOf, prefillDraft, type PrefillDeps } from './redelivery';
import type { Handlers } from '../api/dispatch';

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
  /** A delivery of this order line was queued or a refused one discarded: the outbox's counts and a prompt send. */
  outboxChanged: (orderLineId: string, kick: boolean) => void;
  newKey?: () => string;
  /** The marketplace client, to fetch a delivered file this computer lacks (re-delivery); null while not configured. */
  client?: () => MarketplaceClient | null;
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

  const prefillDeps: PrefillDeps = {
    clock,
    store,
    fetchAttachment: async (attachmentId) => {
      const client = deps.client?.();
      if (!client) throw new AppError('not_configured', 'no marketplace account is set');
      return client.getAttachment(attachmentId);
    },
  };

  const download = (fileName: string, contentType: string, bytes: Uint8Array) =>
    deps.dialogs || bytes.length > MAX_DOWNLOAD_BYTES
      ? null
      : { fileName, contentType, dataBase64: Buffer.from(bytes).toString('base64') };

  return {
    'proofs:list': ({ orderLineId }) => listDrafts(db, orderLineId),
    'proofs:list-all': () => listAllDrafts(db),

    'proofs:create': async ({ orderLineId, label }) => {
      const d = createDraft(db, { orderLineId, label }, { clock });
      // P5: the line's other drafts are judged against the order as cached now (reads never write).
      reconcileDrafts(db, orderLineId, { clock });
      deps.changed([orderLineId]);
      // S2/S5b: after the customer returned a delivery, the new draft starts from it (the editor shows the reason).
      if (requireDraft(db, d.id).baseStage !== 'delivery_returned' || !lastDeliveryOf(db, orderLineId)) return view(d);
      try {
        const filled = await prefillDraft(db, d.id, orderLineId, prefillDeps);
        deps.changed([orderLineId]);
        return view(filled.draft);
      } catch {
        // The draft exists either way (P4): a pre-fill that could not be made leaves it blank, the return reason still
        // shows, and "Start from an earlier delivery of this product" can try again.
        return view(requireDraft(db, d.id));
      }
    },

    // Only reads: drafts are judged against the order (P5) where they or the order change — after a pull or an
    // outbox answer (service.ts), on create and on save — so opening a draft never writes.
    'proofs:get': ({ draftId }) => editorData(db, draftId),

    'proofs:save': ({ draftId, patch }) => {
      const saved = saveDraft(db, draftId, patch, { clock });
      // P5: a save after the order moved on (and before a pull noticed) marks the draft in conflict at once.
      const moved = reconcileDrafts(db, saved.orderLineId, { clock }).some((t) => t.draftId === draftId);
      deps.changed([saved.orderLineId]);
      return view(moved ? requireDraft(db, draftId) : saved);
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
        deps.outboxChanged(draft.orderLineId, true);
        return { draft: view(draft), outboxItemId: outboxItem.id, idempotencyKey: outboxItem.idempotencyKey };
      } finally {
        // A refusal may still have marked the draft in conflict (P5): the editor shows it.
        if (before) deps.changed([before.orderLineId]);
      }
    },

    'proofs:move-template': ({ draftId, templateVersion }) => {
      const r = moveDraftToTemplate(db, draftId, templateVersion, { clock });
      deps.changed([r.draft.orderLineId]);
      if (r.conflictCleared) deps.outboxChanged(r.draft.orderLineId, false);
      return { ...r, draft: view(r.draft) };
    },

    'proofs:resolve-conflict': ({ draftId }) => {
      const d = resolveConflict(db, draftId, { clock });
      deps.changed([d.orderLineId]);
      deps.outboxChanged(d.orderLineId, false);
      return view(d);
    },

    'proofs:earlier-deliveries': ({ draftId }) => earlierDeliveries(db, draftId),

    'proofs:prefill': async ({ draftId, fromOrderLineId }) => {
      const r = await prefillDraft(db, draftId, fromOrderLineId, prefillDeps);
      deps.changed([r.draft.orderLineId]);
      return { draft: view(r.draft), basis: r.basis };
    },

    'proofs:recategorize': ({ draftId, sha256, from, to }) => {
      const d = recategorizeFile(db, draftId, { sha256, from, to }, { clock });
      deps.changed([d.orderLineId]);
      return view(d);
    },

    'proofs:file-preview': async ({ sha256 }) => {
      const stored = store.get(sha256);
      if (!stored)
        throw new AppError('not_found', 'that file is not in the attachment store', { reason: 'missing_file' });
      // Thumbnails only (P3 images); other types are shown by name, size and SHA-256.
      if (!IMAGE_TYPES.has(stored.contentType))
        throw new AppError('validation', `no preview for ${stored.contentType}`, { reason: 'not_an_image' });
      const bytes = await readFile(store.pathOf(sha256));
      return { sha256, contentType: stored.contentType, dataBase64: bytes.toString('base64') };
    },

    'proofs:export-package': async ({ draftId, withSow }) => {
      const d = requireDraft(db, draftId);
      // P1–P3, V4: an invalid draft is never packed — refused before anyone is asked where to save it.
      requireProducible(db, d.id, {
        now: clock.now(),
        output: 'package',
        withSow: withSow || d.attachments.some((a) => a.category === 'sow'),
      });
      const fileName = `proof-${safeFileName(d.orderLineId)}-r${d.revision}.zip`;
      const target = deps.dialogs
        ? await deps.dialogs.saveFile({ title: 'Export proof package', defaultName: fileName, extension: 'zip' })
        : path.join(deps.exportsDir, fileName);
      const packed = { draftId: d.id, revision: d.revision };
      if (!target) return { canceled: true, path: null, fileName, bytes: 0, download: null, ...packed, files: 0 };
      await mkdir(path.dirname(target), { recursive: true });
      // The draft's own SOW attachment is in the package already; otherwise a freshly generated one goes in.
      const sow =
        withSow && !d.attachments.some((a) => a.category === 'sow') ? (await generate(draftId)).pdf : undefined;
      const r = await exportProofPackage(db, draftId, { filesDir: store.dir, outFile: target, sow, now: clock.now() });
      const bytes = deps.dialogs ? null : await readFile(r.outFile);
      return {
        canceled: false,
        path: r.outFile,
        fileName: path.basename(r.outFile),
        bytes: r.bytes,
        download: bytes && download(fileName, 'application/zip', bytes),
        ...packed,
        files: r.manifest.files.length,
      };
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
      const folder = deps.dialogs
        ? await deps.dialogs.pickFolder({ title: 'Export statements of work to a folder' })
        : path.join(deps.exportsDir, `SOW-export-${stamp(now)}`);
      if (!folder) return { canceled: true, path: null, fileName: '', bytes: 0, download: null, files: [], failed: [] };
      return exportSows(db, orderLineIds, { folder, now, sellerName: await deps.sellerName(), zip: !deps.dialogs });
    },
  };
}

function sowDoc(
  fileName: string,
  documentId: string,
  generatedAt: number,
  pdf: Uint8Array,
  draftId: string | null,
  revision: number | null,
): SowDocument {
  return {
    fileName,
    documentId,
    generatedAt,
    bytes: pdf.length,
    dataBase64: Buffer.from(pdf).toString('base64'),
    draftId,
    revision,
  };
}
