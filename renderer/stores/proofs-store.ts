// Delivery proofs in the renderer: the drafts of each order (the order detail lists them), every draft (the
// Delivery proofs page), and the open proof editor — its local values, auto-saved (proofs-autosave.ts), refreshed
// when main says the draft, the order or the outbox changed. SQLite is the source of truth; this is a view. A draft
// main answers with (a save, an attach) is shown in the editor and the lists at once; `proofs:changed` names each
// changed line's drafts as they are now, so the echo of this window's own save refetches nothing.
import { createStore, type StoreApi } from 'zustand/vanilla';
import type { SellerDeskApi } from '../../common/api/bridge';
import {
  draftSummary,
  type ProofDraft,
  type ProofDraftListEntry,
  type ProofDraftStamp,
  type ProofDraftSummary,
  type ProofEditorData,
  type ProofIssueView,
  type ProofTemplateMove,
  type ProofValue,
  type SowDocument,
} from '../../common/api/contract-proofs';
import type { ApiError } from '../../common/api/result';
import type { MessageKey } from '../i18n/en';
import type { Params } from '../i18n/translate';
import { createAutosave, type Autosave, type AutosaveState, type DraftPatch } from './proofs-autosave';
import { editorActions, type EditorActions } from './proofs-actions';

export type EditorBusy = 'attach' | 'sow' | 'sow-attach' | 'submit' | 'export' | 'move' | 'resolve' | 'delete';

export interface ProofNotice {
  tone: 'good' | 'info' | 'error';
  key: MessageKey;
  params?: Params;
}

export interface EditorSession {
  draftId: string;
  data: ProofEditorData | null;
  loading: boolean;
  error: ApiError | null;
  /** What the inputs show; the autosave sends the changes. */
  content: Record<string, ProofValue>;
  enablingTime: number | null;
  label: string;
  /** Items the user changed: their problems show at once; the rest after a delivery attempt (`showAll`). */
  touched: Record<string, true>;
  showAll: boolean;
  /** Problems main reported on the last delivery attempt (cleared per key on edit). */
  serverIssues: ProofIssueView[];
  save: AutosaveState;
  busy: EditorBusy | null;
  /** File names being added. */
  adding: string[];
  sow: SowDocument | null;
  /** The draft revision the shown SOW was attached at ("Attach as SOW" done while nothing changed since). */
  sowAttachedRevision: number | null;
  notice: ProofNotice | null;
  moveResult: ProofTemplateMove | null;
  /** Bumped whenever the local values are replaced from main: inputs that keep their own text remount. */
  generation: number;
}

interface ListState<T> {
  items: T[] | null;
  loading: boolean;
  error: ApiError | null;
}

export interface ProofsState extends EditorActions {
  lists: Record<string, ListState<ProofDraftSummary>>;
  all: ListState<ProofDraftListEntry>;
  editor: EditorSession | null;
  loadList(orderLineId: string): Promise<void>;
  loadAll(): Promise<void>;
  /** "Deliver service": the order's draft being written (or in conflict), else a new one. `fresh`: always a new one. */
  openForOrder(orderLineId: string, fresh: boolean): Promise<ApiError | null>;
  open(draftId: string): Promise<void>;
  /** Saves what is pending, then closes the editor. */
  close(): Promise<void>;
  refreshEditor(): Promise<void>;
  setValue(key: string, value: ProofValue | null): void;
  setEnablingTime(ms: number | null): void;
  setLabel(label: string): void;
  flush(): Promise<void>;
  hasUnsaved(): boolean;
  /**
   * main says these order lines' drafts (or their orders / deliveries) changed. `now`: for the lines it names, their
   * drafts as they are now — what this window already shows as such is not refetched.
   */
  changed(orderLineIds: readonly string[] | null, now?: ReadonlyMap<string, readonly ProofDraftStamp[]>): void;
}

export interface ProofsStoreDeps {
  api: SellerDeskApi;
  setTimer?: (fn: () => void, ms: number) => unknown;
  clearTimer?: (handle: unknown) => void;
}

export interface StoreContext {
  api: SellerDeskApi;
  get: () => ProofsState;
  set: StoreApi<ProofsState>['setState'];
  /** Updates the open editor if it still shows `draftId`. */
  patchEditor(draftId: string, patch: Partial<EditorSession> | ((e: EditorSession) => Partial<EditorSession>)): void;
  /** Shows a draft main answered with (a save, an attach…) in the editor and the lists, without a refetch. */
  showDraft(draft: ProofDraft): void;
  autosave(): Autosave | null;
}

function session(draftId: string): EditorSession {
  return {
    draftId,
    data: null,
    loading: true,
    error: null,
    content: {},
    enablingTime: null,
    label: '',
    touched: {},
    showAll: false,
    serverIssues: [],
    save: { status: 'saved', savedAt: null, error: null },
    busy: null,
    adding: [],
    sow: null,
    sowAttachedRevision: null,
    notice: null,
    moveResult: null,
    generation: 0,
  };
}

const fromDraft = (d: ProofDraft) => ({
  content: { ...d.content },
  enablingTime: d.enablingTime,
  label: d.label ?? '',
});

const sameDraft = (
  st: ProofDraftStamp,
  d: { revision: number; state: string },
  conflictMessage: string | null,
): boolean => st.revision === d.revision && st.state === d.state && st.conflictMessage === conflictMessage;

/** Whether a list's rows of one line are exactly the drafts main names (none more, none fewer, none older). */
function listShows(rows: readonly ProofDraftSummary[], stamps: readonly ProofDraftStamp[]): boolean {
  return (
    rows.length === stamps.length &&
    stamps.every((st) => rows.some((r) => r.id === st.id && sameDraft(st, r, r.conflictMessage)))
  );
}

export function createProofsStore(deps: ProofsStoreDeps) {
  const { api } = deps;
  const setTimer = deps.setTimer ?? ((fn: () => void, ms: number) => setTimeout(fn, ms));
  const clearTimer = deps.clearTimer ?? ((h: unknown) => clearTimeout(h as ReturnType<typeof setTimeout>));
  let autosave: Autosave | null = null;

  return createStore<ProofsState>()((set, get) => {
    const patchEditor: StoreContext['patchEditor'] = (draftId, patch) =>
      set((s) =>
        s.editor && s.editor.draftId === draftId
          ? { editor: { ...s.editor, ...(typeof patch === 'function' ? patch(s.editor) : patch) } }
          : {},
      );
    const showDraft = (draft: ProofDraft): void => {
      patchEditor(draft.id, (e) => (e.data ? { data: { ...e.data, draft } } : {}));
      // Every list field but the row's own created-at (which a save never changes).
      const { createdAt: _created, ...row } = draftSummary(draft);
      set((s) => {
        const list = s.lists[draft.orderLineId];
        const inList = list?.items?.some((i) => i.id === draft.id) ?? false;
        const inAll = s.all.items?.some((i) => i.id === draft.id) ?? false;
        return {
          ...(list?.items && inList
            ? {
                lists: {
                  ...s.lists,
                  [draft.orderLineId]: {
                    ...list,
                    items: list.items.map((i) => (i.id === draft.id ? { ...i, ...row } : i)),
                  },
                },
              }
            : {}),
          ...(s.all.items && inAll
            ? {
                all: {
                  ...s.all,
                  // The Delivery proofs page lists the last edited first (editor-view.ts listAllDrafts).
                  items: s.all.items
                    .map((i) => (i.id === draft.id ? { ...i, ...row } : i))
                    .sort((a, b) => b.lastEditAt - a.lastEditAt || a.id.localeCompare(b.id)),
                },
              }
            : {}),
        };
      });
    };
    const ctx: StoreContext = { api, get, set, patchEditor, showDraft, autosave: () => autosave };

    const edit = (patch: DraftPatch, touchedKey: string): void => {
      const e = get().editor;
      if (!e || !autosave) return;
      patchEditor(e.draftId, (cur) => ({
        touched: { ...cur.touched, [touchedKey]: true },
        serverIssues: cur.serverIssues.filter((i) => i.key !== touchedKey),
      }));
      autosave.edit(patch);
    };

    const loadEditor = async (draftId: string, keepLocal: boolean): Promise<void> => {
      const r = await api['proofs:get']({ draftId });
      const e = get().editor;
      if (!e || e.draftId !== draftId) return;
      if (!r.ok) {
        patchEditor(draftId, { loading: false, error: r.error });
        return;
      }
      const d = r.value.draft;
      // Edits made elsewhere (another window) replace the local values only when nothing here is unsaved.
      const replace =
        !keepLocal || (!autosave?.hasUnsaved() && (e.data === null || d.revision > e.data.draft.revision));
      patchEditor(draftId, (cur) => ({
        data: r.value,
        loading: false,
        error: null,
        ...(replace ? { ...fromDraft(d), generation: cur.generation + 1 } : {}),
      }));
    };

    return {
      lists: {},
      all: { items: null, loading: false, error: null },
      editor: null,

      loadList: async (orderLineId) => {
        set((s) => ({
          lists: {
            ...s.lists,
            [orderLineId]: { items: s.lists[orderLineId]?.items ?? null, loading: true, error: null },
          },
        }));
        const r = await api['proofs:list']({ orderLineId });
        set((s) => ({
          lists: {
            ...s.lists,
            [orderLineId]: r.ok
              ? { items: r.value, loading: false, error: null }
              : { items: s.lists[orderLineId]?.items ?? null, loading: false, error: r.error },
          },
        }));
      },

      loadAll: async () => {
        set((s) => ({ all: { ...s.all, loading: true, error: null } }));
        const r = await api['proofs:list-all']({});
        set((s) => ({
          all: r.ok
            ? { items: r.value, loading: false, error: null }
            : { items: s.all.items, loading: false, error: r.error },
        }));
      },

      openForOrder: async (orderLineId, fresh) => {
        let draftId: string | null = null;
        if (!fresh) {
          const list = await api['proofs:list']({ orderLineId });
          if (list.ok) draftId = list.value.find((d) => d.state === 'editing' || d.state === 'conflict')?.id ?? null;
        }
        if (!draftId) {
          const created = await api['proofs:create']({ orderLineId });
          if (!created.ok) return created.error;
          draftId = created.value.id;
          void get().loadList(orderLineId);
        }
        await get().open(draftId);
        return null;
      },

      open: async (draftId) => {
        if (get().editor?.draftId === draftId) return;
        await get().close();
        set({ editor: session(draftId) });
        autosave = createAutosave(
          {
            save: (patch) => api['proofs:save']({ draftId, patch }),
            onState: (state) => patchEditor(draftId, { save: state }),
            onSaved: showDraft,
            setTimer,
            clearTimer,
          },
          null,
        );
        await loadEditor(draftId, false);
        const e = get().editor;
        if (e?.draftId === draftId && e.data)
          patchEditor(draftId, { save: { status: 'saved', savedAt: e.data.draft.updatedAt, error: null } });
      },

      close: async () => {
        const current = autosave;
        if (current) {
          await current.flush();
          current.dispose();
        }
        if (autosave === current) autosave = null;
        set({ editor: null });
      },

      refreshEditor: async () => {
        const e = get().editor;
        if (e) await loadEditor(e.draftId, true);
      },

      setValue: (key, value) => {
        const e = get().editor;
        if (!e) return;
        const content = { ...e.content };
        if (value === null) delete content[key];
        else content[key] = value;
        patchEditor(e.draftId, { content });
        edit({ content: { [key]: value } }, key);
      },

      setEnablingTime: (ms) => {
        const e = get().editor;
        if (!e) return;
        patchEditor(e.draftId, { enablingTime: ms });
        edit({ enablingTime: ms }, 'enablingTime');
      },

      setLabel: (label) => {
        const e = get().editor;
        if (!e) return;
        patchEditor(e.draftId, { label });
        edit({ label: label.trim() || null }, 'label');
      },

      flush: async () => {
        await autosave?.flush();
      },
      hasUnsaved: () => autosave?.hasUnsaved() ?? false,

      changed: (orderLineIds, now) => {
        const s = get();
        const touched = (line: string): boolean => !orderLineIds || orderLineIds.includes(line);
        for (const [id, list] of Object.entries(s.lists)) {
          if (!touched(id)) continue;
          const stamps = now?.get(id);
          if (!stamps || !list.items || !listShows(list.items, stamps)) void s.loadList(id);
        }
        const all = s.all.items;
        if (all !== null) {
          const lines = orderLineIds ?? null;
          const fresh =
            lines !== null &&
            lines.every((line) => {
              const stamps = now?.get(line);
              return (
                !!stamps &&
                listShows(
                  all.filter((i) => i.orderLineId === line),
                  stamps,
                )
              );
            });
          if (!fresh) void s.loadAll();
        }
        const e = s.editor;
        if (e?.data && touched(e.data.draft.orderLineId)) {
          const d = e.data.draft;
          const shown =
            now?.get(d.orderLineId)?.some((st) => st.id === d.id && sameDraft(st, d, d.conflict?.message ?? null)) ??
            false;
          if (!shown) void s.refreshEditor();
        }
      },

      ...editorActions(ctx),
    };
  });
}
export type ProofsStore = ReturnType<typeof createProofsStore>;

/** Subscribes the store to main's events; returns the cleanup (called by startStores). */
export function connectProofs(store: ProofsStore, api: SellerDeskApi, coalesceMs = 300): () => void {
  // Per line in the burst: its drafts as the newest event named them, or null when something else about it changed
  // (its order, its delivery) and it must be read again.
  let pending = new Map<string, ProofDraftStamp[] | null>();
  let timer: ReturnType<typeof setTimeout> | null = null;
  const flush = (): void => {
    timer = null;
    const burst = pending;
    pending = new Map();
    const now = new Map<string, ProofDraftStamp[]>();
    for (const [line, stamps] of burst) if (stamps) now.set(line, stamps);
    store.getState().changed([...burst.keys()], now);
  };
  const queue = (ids: readonly string[], drafts: readonly ProofDraftStamp[] | null): void => {
    for (const id of ids) {
      const before = pending.get(id);
      pending.set(id, before === null || drafts === null ? null : drafts.filter((d) => d.orderLineId === id));
    }
    if (timer === null) timer = setTimeout(flush, coalesceMs);
  };
  const editorLine = (): string | null => store.getState().editor?.data?.draft.orderLineId ?? null;
  const offs = [
    api.on('proofs:changed', (p) => queue(p.orderLineIds, p.drafts)),
    // A delivery acked or refused (the outbox), a pull that moved the order on: the editor shows the new state.
    api.on('orders:changed', () => {
      const line = editorLine();
      if (line) queue([line], null);
    }),
    api.on('outbox:changed', (e) => {
      const line = editorLine();
      if (line && (e.orderLineIds === null || e.orderLineIds.includes(line))) queue([line], null);
    }),
  ];
  return () => {
    for (const off of offs) off();
    if (timer !== null) clearTimeout(timer);
  };
}
