// Auto-save of a delivery-proof draft (P4): every edit is merged into one pending patch, sent
// ~500 ms after the last change (so within a second), one save at a time; a failed save keeps its edits (newer
// edits win per key) and is retried. Nothing here is module state: one autosave per open draft.
import type { ApiError, Result } from '../../common/api/result';
import type { ProofDraft, ProofValue } from '../../common/api/contract-proofs';

export interface DraftPatch {
  /** Per key; null removes the key. */
  content?: Record<string, ProofValue | null>;
  enablingTime?: number | null;
  label?: string | null;
}

export type SaveStatus = 'saved' | 'pending' | 'saving' | 'error';

export interface AutosaveState {
  status: SaveStatus;
  /** The saved draft's last edit (UTC ms), for "Saved 12:03:41". */
  savedAt: number | null;
  error: ApiError | null;
}

export interface AutosaveDeps {
  save(patch: DraftPatch): Promise<Result<ProofDraft>>;
  onState(state: AutosaveState): void;
  onSaved(draft: ProofDraft): void;
  /** Injected timers (tests use fake ones). */
  setTimer(fn: () => void, ms: number): unknown;
  clearTimer(handle: unknown): void;
  debounceMs?: number;
  retryMs?: number;
}

export const DEBOUNCE_MS = 500;
export const RETRY_MS = 2_000;

/** `newer` wins per content key and per field. */
export function mergePatch(older: DraftPatch, newer: DraftPatch): DraftPatch {
  const out: DraftPatch = { ...older, ...newer };
  if (older.content || newer.content) out.content = { ...older.content, ...newer.content };
  return out;
}

const isEmpty = (p: DraftPatch): boolean => Object.keys(p).length === 0;

/** A refusal that a retry cannot fix (the draft was submitted, deleted, or the value is refused). */
const permanent = (e: ApiError): boolean => e.code === 'validation' || e.code === 'conflict' || e.code === 'not_found';

export interface Autosave {
  /** Records an edit and schedules a save. */
  edit(patch: DraftPatch): void;
  /** Sends whatever is pending now and resolves when it is saved (or failed). */
  flush(): Promise<void>;
  /** Edits not yet acknowledged by main. */
  hasUnsaved(): boolean;
  dispose(): void;
}

export function createAutosave(deps: AutosaveDeps, initialSavedAt: number | null): Autosave {
  const debounceMs = deps.debounceMs ?? DEBOUNCE_MS;
  const retryMs = deps.retryMs ?? RETRY_MS;
  let pending: DraftPatch = {};
  let inflight: Promise<void> | null = null;
  let timer: unknown = null;
  let state: AutosaveState = { status: 'saved', savedAt: initialSavedAt, error: null };
  let disposed = false;

  const setState = (next: Partial<AutosaveState>): void => {
    state = { ...state, ...next };
    deps.onState(state);
  };
  const schedule = (ms: number): void => {
    if (timer !== null) deps.clearTimer(timer);
    timer = deps.setTimer(() => {
      timer = null;
      void flush();
    }, ms);
  };

  const sendOnce = async (): Promise<boolean> => {
    const patch = pending;
    pending = {};
    setState({ status: 'saving' });
    const r = await deps.save(patch);
    if (r.ok) {
      deps.onSaved(r.value);
      setState({ status: isEmpty(pending) ? 'saved' : 'pending', savedAt: r.value.updatedAt, error: null });
      return true;
    }
    // Never lose an edit: the failed patch goes back under anything typed meanwhile.
    pending = mergePatch(patch, pending);
    setState({ status: 'error', error: r.error });
    if (!permanent(r.error) && !disposed) schedule(retryMs);
    return false;
  };

  async function flush(): Promise<void> {
    if (timer !== null) {
      deps.clearTimer(timer);
      timer = null;
    }
    while (inflight) await inflight;
    if (isEmpty(pending)) return;
    let ok = true;
    inflight = (async () => {
      while (ok && !isEmpty(pending)) ok = await sendOnce();
    })();
    try {
      await inflight;
    } finally {
      inflight = null;
    }
  }

  return {
    edit(patch) {
      pending = mergePatch(pending, patch);
      if (state.status !== 'saving') setState({ status: 'pending' });
      if (!disposed) schedule(debounceMs);
    },
    flush,
    hasUnsaved: () => !isEmpty(pending) || inflight !== null,
    dispose() {
      disposed = true;
      if (timer !== null) deps.clearTimer(timer);
      timer = null;
    },
  };
}
