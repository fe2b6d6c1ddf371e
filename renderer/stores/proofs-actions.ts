// The proof editor's actions: add and remove files, generate and attach the SOW,
// deliver, export the proof package, move to another template version, resolve a conflict, delete the draft.
// Each flushes pending edits first, so main acts on exactly what the user sees.
import type { ExportedFile, ProofDraft, SowExportResult } from '../../common/api/contract-proofs';
import { detailsOf, reasonOf, type Result } from '../../common/api/result';
import { MAX_ATTACHMENTS, MAX_ATTACHMENT_BYTES } from '../../common/domain/proof-rules';
import type { AttachmentCategory } from '../../common/marketplace/wire';
import { bytesToBase64 } from '../lib/proof-view';
import type { EditorBusy, ProofNotice, StoreContext } from './proofs-store';

/** A file the user dropped or picked (the DOM File, narrowed so the store stays testable). */
export interface PickedFile {
  name: string;
  size: number;
  read(): Promise<Uint8Array>;
}

export interface EditorActions {
  addFiles(files: readonly PickedFile[], category: AttachmentCategory): Promise<void>;
  removeFile(sha256: string, category: AttachmentCategory): Promise<void>;
  generateSow(): Promise<void>;
  attachSow(): Promise<void>;
  /** Shows every problem (the local rules) before the confirmation dialog. */
  revealAll(): void;
  submit(): Promise<boolean>;
  exportPackage(): Promise<ExportedFile | null>;
  moveTemplate(version: number): Promise<void>;
  resolveConflict(): Promise<void>;
  deleteDraft(): Promise<boolean>;
  exportSows(orderLineIds: string[]): Promise<Result<SowExportResult>>;
  dismissNotice(): void;
}

export function editorActions(ctx: StoreContext): EditorActions {
  const { api, get, patchEditor } = ctx;
  const current = () => {
    const e = get().editor;
    return e?.data ? { e, draftId: e.draftId, data: e.data } : null;
  };
  const withDraft = (draft: ProofDraft) => ctx.showDraft(draft);
  /** Runs one action at a time per editor, after saving pending edits. */
  const busy = async <T>(what: EditorBusy, fn: (draftId: string) => Promise<T>): Promise<T | null> => {
    const c = current();
    if (!c || c.e.busy) return null;
    patchEditor(c.draftId, { busy: what, notice: null });
    try {
      await ctx.autosave()?.flush();
      return await fn(c.draftId);
    } finally {
      patchEditor(c.draftId, { busy: null });
    }
  };

  const addOne = async (draftId: string, file: PickedFile, category: AttachmentCategory): Promise<void> => {
    if (file.size > MAX_ATTACHMENT_BYTES) {
      patchEditor(draftId, {
        notice: {
          tone: 'error',
          key: 'attach.tooLarge',
          params: { name: file.name, size: `${(file.size / 1024 / 1024).toFixed(1)} MB` },
        },
      });
      return;
    }
    patchEditor(draftId, (e) => ({ adding: [...e.adding, file.name] }));
    try {
      const added = await api['attachments:add']({ fileName: file.name, dataBase64: bytesToBase64(await file.read()) });
      if (!added.ok) {
        const notice: ProofNotice =
          reasonOf(added.error) === 'type_not_allowed'
            ? { tone: 'error', key: 'attach.notAllowed', params: { name: file.name } }
            : { tone: 'error', key: 'attach.failed', params: { name: file.name, message: added.error.message } };
        patchEditor(draftId, { notice });
        return;
      }
      const r = await api['proofs:attach']({ draftId, sha256: added.value.sha256, category, fileName: file.name });
      if (r.ok) withDraft(r.value);
      else
        patchEditor(draftId, {
          notice: { tone: 'error', key: 'attach.failed', params: { name: file.name, message: r.error.message } },
        });
    } finally {
      patchEditor(draftId, (e) => {
        const i = e.adding.indexOf(file.name);
        return { adding: i < 0 ? e.adding : [...e.adding.slice(0, i), ...e.adding.slice(i + 1)] };
      });
    }
  };

  return {
    addFiles: async (files, category) => {
      const c = current();
      if (!c) return;
      if (c.data.draft.attachments.length + files.length > MAX_ATTACHMENTS) {
        patchEditor(c.draftId, { notice: { tone: 'error', key: 'attach.tooMany' } });
        return;
      }
      patchEditor(c.draftId, (e) => ({ touched: { ...e.touched, attachments: true }, notice: null }));
      // One at a time: each is a small transaction, and the order of the list is the order of picking.
      for (const f of files) await addOne(c.draftId, f, category);
    },

    removeFile: async (sha256, category) => {
      const c = current();
      if (!c) return;
      const r = await api['proofs:detach']({ draftId: c.draftId, sha256, category });
      if (r.ok) withDraft(r.value);
      else
        patchEditor(c.draftId, {
          notice: {
            tone: 'error',
            key: 'attach.failed',
            params: { name: sha256.slice(0, 12), message: r.error.message },
          },
        });
    },

    generateSow: async () => {
      await busy('sow', async (draftId) => {
        const r = await api['sow:generate']({ draftId });
        patchEditor(
          draftId,
          r.ok
            ? { sow: r.value, sowAttachedRevision: null }
            : { notice: { tone: 'error', key: 'sow.failed', params: { message: r.error.message } } },
        );
      });
    },

    attachSow: async () => {
      await busy('sow-attach', async (draftId) => {
        const r = await api['sow:attach']({ draftId });
        if (r.ok) {
          withDraft(r.value);
          patchEditor(draftId, (e) => ({
            notice: { tone: 'good', key: 'sow.attached' },
            sow: e.sow ? { ...e.sow, revision: r.value.revision } : null,
            sowAttachedRevision: r.value.revision,
          }));
        } else
          patchEditor(draftId, { notice: { tone: 'error', key: 'sow.failed', params: { message: r.error.message } } });
      });
    },

    revealAll: () => {
      const c = current();
      if (c) patchEditor(c.draftId, { showAll: true });
    },

    submit: async () =>
      (await busy('submit', async (draftId) => {
        const r = await api['proofs:submit']({ draftId });
        if (r.ok) {
          withDraft(r.value.draft);
          patchEditor(draftId, { notice: { tone: 'good', key: 'deliver.queued' }, serverIssues: [] });
          await get().refreshEditor();
          return true;
        }
        const issues = detailsOf(r.error).issues;
        patchEditor(draftId, {
          showAll: true,
          serverIssues: Array.isArray(issues) ? (issues as never[]) : [],
          notice: { tone: 'error', key: 'deliver.refused', params: { message: r.error.message } },
        });
        // A refusal may have marked the draft in conflict (P5): show it.
        await get().refreshEditor();
        return false;
      })) ?? false,

    exportPackage: async () =>
      busy('export', async (draftId) => {
        const r = await api['proofs:export-package']({ draftId, withSow: true });
        if (!r.ok) {
          patchEditor(draftId, {
            notice: { tone: 'error', key: 'editor.exportFailed', params: { message: r.error.message } },
          });
          return null;
        }
        if (!r.value.canceled && r.value.path) {
          const key = r.value.download ? 'editor.exportDownloaded' : 'editor.exported';
          patchEditor(draftId, {
            notice: { tone: 'good', key, params: { path: r.value.path, name: r.value.fileName } },
          });
        }
        return r.value;
      }),

    moveTemplate: async (version) => {
      await busy('move', async (draftId) => {
        const r = await api['proofs:move-template']({ draftId, templateVersion: version });
        if (!r.ok) {
          patchEditor(draftId, {
            notice: { tone: 'error', key: 'deliver.refused', params: { message: r.error.message } },
          });
          return;
        }
        patchEditor(draftId, (e) => ({
          moveResult: r.value,
          content: { ...r.value.draft.content },
          touched: {},
          serverIssues: [],
          generation: e.generation + 1,
        }));
        await get().refreshEditor();
      });
    },

    resolveConflict: async () => {
      await busy('resolve', async (draftId) => {
        const r = await api['proofs:resolve-conflict']({ draftId });
        if (!r.ok)
          patchEditor(draftId, {
            notice: { tone: 'error', key: 'deliver.refused', params: { message: r.error.message } },
          });
        await get().refreshEditor();
      });
    },

    deleteDraft: async () =>
      (await busy('delete', async (draftId) => {
        const orderLineId = current()?.data.draft.orderLineId;
        const r = await api['proofs:delete']({ draftId });
        if (!r.ok) {
          patchEditor(draftId, {
            notice: { tone: 'error', key: 'deliver.refused', params: { message: r.error.message } },
          });
          return false;
        }
        ctx.autosave()?.dispose();
        ctx.set({ editor: null });
        if (orderLineId) get().changed([orderLineId]);
        return true;
      })) ?? false,

    exportSows: (orderLineIds) => api['sow:export']({ orderLineIds }),

    dismissNotice: () => {
      const c = get().editor;
      if (c) patchEditor(c.draftId, { notice: null, moveResult: null });
    },
  };
}
