// P4: the editor's auto-save — a burst of edits becomes one save within a second, saves never
// overlap, and a failed save loses no edit (it is retried, newer values win per key).
import { describe, expect, it } from 'vitest';
import type { ProofDraft } from '../../common/api/contract-proofs';
import { fail, ok, type Result } from '../../common/api/result';
import { createAutosave, mergePatch, type AutosaveState, type DraftPatch } from './proofs-autosave';

/** Timers driven by hand: `run()` fires whatever is due. */
function fakeTimers() {
  let now = 0;
  const timers = new Map<number, { at: number; fn: () => void }>();
  let next = 1;
  return {
    setTimer: (fn: () => void, ms: number) => {
      const id = next++;
      timers.set(id, { at: now + ms, fn });
      return id;
    },
    clearTimer: (id: unknown) => void timers.delete(id as number),
    async advance(ms: number) {
      now += ms;
      for (const [id, t] of [...timers]) {
        if (t.at <= now) {
          timers.delete(id);
          t.fn();
        }
      }
      for (let i = 0; i < 5; i++) await Promise.resolve();
    },
    pending: () => timers.size,
  };
}

const draft = (revision: number): ProofDraft => ({
  id: 'd1',
  orderLineId: 'L1',
  productId: 'P',
  templateVersion: 1,
  label: null,
  content: {},
  enablingTime: null,
  attachments: [],
  state: 'editing',
  conflict: null,
  outboxId: null,
  revision,
  createdAt: 0,
  updatedAt: 1000 + revision,
  submittedAt: null,
});

function harness(answers: Array<'ok' | 'offline' | 'conflict'>) {
  const timers = fakeTimers();
  const sent: DraftPatch[] = [];
  const states: AutosaveState[] = [];
  let active = 0;
  let maxActive = 0;
  let revision = 0;
  const save = async (patch: DraftPatch): Promise<Result<ProofDraft>> => {
    sent.push(patch);
    active++;
    maxActive = Math.max(maxActive, active);
    await Promise.resolve();
    active--;
    const a = answers.shift() ?? 'ok';
    if (a === 'offline') return fail('offline', 'host down');
    if (a === 'conflict') return fail('conflict', 'submitted');
    return ok(draft(++revision));
  };
  const autosave = createAutosave(
    {
      save,
      onState: (s) => states.push(s),
      onSaved: () => undefined,
      setTimer: timers.setTimer,
      clearTimer: timers.clearTimer,
    },
    null,
  );
  return { timers, sent, states, autosave, maxActive: () => maxActive };
}

describe('proof draft auto-save (P4)', () => {
  it('a burst of edits is one save about 500 ms after the last one', async () => {
    const h = harness([]);
    h.autosave.edit({ content: { scope: 'E' } });
    await h.timers.advance(300);
    h.autosave.edit({ content: { scope: 'ERP' } });
    h.autosave.edit({ content: { gb: 12 } });
    await h.timers.advance(300);
    expect(h.sent).toHaveLength(0);
    await h.timers.advance(250);
    expect(h.sent).toEqual([{ content: { scope: 'ERP', gb: 12 } }]);
    expect(h.states.at(-1)).toMatchObject({ status: 'saved', savedAt: 1001 });
    expect(h.autosave.hasUnsaved()).toBe(false);
  });

  it('P4: a failed save keeps its edits, newer values win, and it is retried', async () => {
    const h = harness(['offline']);
    h.autosave.edit({ content: { scope: 'old', gb: 1 }, enablingTime: 5 });
    await h.autosave.flush();
    expect(h.states.at(-1)?.status).toBe('error');
    expect(h.autosave.hasUnsaved()).toBe(true);
    h.autosave.edit({ content: { scope: 'new' } });
    await h.autosave.flush();
    expect(h.sent[1]).toEqual({ content: { scope: 'new', gb: 1 }, enablingTime: 5 });
    expect(h.states.at(-1)?.status).toBe('saved');
  });

  it('retries by itself after an offline failure, and stops on a refusal it cannot fix', async () => {
    const h = harness(['offline', 'ok']);
    h.autosave.edit({ label: 'site' });
    await h.timers.advance(500);
    expect(h.sent).toHaveLength(1);
    await h.timers.advance(2000);
    expect(h.sent).toHaveLength(2);
    expect(h.states.at(-1)?.status).toBe('saved');

    const r = harness(['conflict']);
    r.autosave.edit({ label: 'x' });
    await r.timers.advance(500);
    await r.timers.advance(10_000);
    expect(r.sent).toHaveLength(1);
    expect(r.states.at(-1)).toMatchObject({ status: 'error', error: { code: 'conflict' } });
  });

  it('flush sends at once and saves never overlap', async () => {
    const h = harness([]);
    h.autosave.edit({ content: { a: 'x' } });
    const first = h.autosave.flush();
    h.autosave.edit({ content: { b: 'y' } });
    await Promise.all([first, h.autosave.flush()]);
    expect(h.maxActive()).toBe(1);
    expect(h.sent).toEqual([{ content: { a: 'x' } }, { content: { b: 'y' } }]);
    expect(h.timers.pending()).toBe(0);
  });

  it('mergePatch: content merges per key, null (remove) is kept', () => {
    expect(
      mergePatch({ content: { a: 'x', b: 'y' }, enablingTime: 1 }, { content: { b: null }, enablingTime: null }),
    ).toEqual({ content: { a: 'x', b: null }, enablingTime: null });
  });
});
