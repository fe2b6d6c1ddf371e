// What one user step costs in API calls, pinned: an "Accept request" and an autosave are answered with what they
// changed, and main's event about the same change (its echo, same revision / same draft stamps) refetches nothing.
// A change made elsewhere still refetches, and only what it touched. The fake api counts every channel called.
import { describe, expect, it } from 'vitest';
import type { SellerDeskApi } from '../../common/api/bridge';
import type { Channel, EventName, Events } from '../../common/api/contract';
import type {
  ActionAvailability,
  OrderActions,
  OutboxChanged,
  OutboxEntry,
  OutboxSummary,
  OutboxWrite,
} from '../../common/api/contract-outbox';
import type { ProofDraft, ProofDraftStamp, ProofDraftSummary, ProofEditorData } from '../../common/api/contract-proofs';
import { ok, type Result } from '../../common/api/result';
import { createStores } from './create-stores';
import { startOutboxEvents } from './outbox-events';
import { connectProofs, createProofsStore } from './proofs-store';

type Impl = {
  [C in Channel]?: (
    input: Parameters<SellerDeskApi[C]>[0],
  ) => Result<Awaited<ReturnType<SellerDeskApi[C]>> extends Result<infer T> ? T : never>;
};

/** A bridge whose channels answer from `impl` and are counted; `emit` plays main's events. */
function countingApi(impl: Impl) {
  const calls: string[] = [];
  const listeners = new Map<string, Set<(p: unknown) => void>>();
  const on = <E extends EventName>(event: E, listener: (payload: Events[E]) => void): (() => void) => {
    const set = listeners.get(event) ?? new Set();
    const l = (p: unknown) => listener(p as Events[E]);
    set.add(l);
    listeners.set(event, set);
    return () => set.delete(l);
  };
  const api = new Proxy({ on } as SellerDeskApi, {
    get(target, name) {
      if (name === 'on') return target.on;
      return async (input: unknown) => {
        calls.push(String(name));
        const fn = (impl as Record<string, ((i: unknown) => unknown) | undefined>)[String(name)];
        if (!fn) throw new Error(`unexpected call ${String(name)}`);
        return fn(input);
      };
    },
  });
  const emit = <E extends EventName>(event: E, payload: Events[E]): void =>
    listeners.get(event)?.forEach((l) => l(payload));
  return { api, calls, emit };
}

const settle = async () => {
  for (let i = 0; i < 10; i++) await new Promise((r) => setTimeout(r, 0));
};

const allowed: ActionAvailability = { allowed: true, reason: null, message: null, stage: null };
const refused: ActionAvailability = { allowed: false, reason: 'stage', message: 'queued', stage: 'awaiting_delivery' };

/** main's outbox for two order lines, with a revision counted as main counts it. */
function fakeOutbox() {
  const items: OutboxEntry[] = [];
  let revision = 7;
  const unsent = () => items.filter((i) => i.state === 'queued');
  const summary = (): OutboxSummary => ({
    unsent: unsent().length,
    needsAttention: 0,
    pendingOrderLineIds: unsent().map((i) => i.orderLineId),
    revision,
  });
  const actions = (line: string): OrderActions =>
    items.some((i) => i.orderLineId === line)
      ? { accept: refused, reject: refused, appeal: allowed, review: refused }
      : { accept: allowed, reject: allowed, appeal: allowed, review: refused };
  const impl: Impl = {
    'outbox:summary': () => ok(summary()),
    'actions:available': ({ orderLineId }) => ok(actions(orderLineId)),
    'outbox:list': (q) => ok(items.filter((i) => !q?.orderLineId || i.orderLineId === q.orderLineId)),
    'actions:accept-request': ({ orderLineId }) => {
      const item = {
        id: `item-${items.length + 1}`,
        orderLineId,
        state: 'queued',
        kind: 'request.accept',
      } as OutboxEntry;
      items.unshift(item);
      revision++;
      const write: OutboxWrite = {
        ...item,
        update: {
          revision,
          summary: summary(),
          order: {
            orderLineId,
            actions: actions(orderLineId),
            items: items.filter((i) => i.orderLineId === orderLineId),
          },
        },
      };
      return ok(write);
    },
  };
  /** What main's coalesced event says after the changes so far. */
  const event = (orderLineIds: string[] | null): OutboxChanged => ({
    unsent: unsent().length,
    needsAttention: 0,
    revision,
    orderLineIds,
  });
  return { impl, event, bump: () => revision++ };
}

describe('one "Accept request" (the detail panel shows the order)', () => {
  async function setup() {
    const main = fakeOutbox();
    const { api, calls, emit } = countingApi(main.impl);
    const stores = createStores(api, { now: () => 0 }, 'en');
    const off = startOutboxEvents(stores);
    const offProofs = connectProofs(stores.proofs, api, 0);
    const outbox = stores.outbox;
    // The panel opens H-REQ-1 (use-order-actions.ts): it watches the order and reads it.
    const unwatch = outbox.getState().watchOrder('H-REQ-1');
    await outbox.getState().loadOrder('H-REQ-1');
    await settle();
    calls.length = 0;
    return { main, calls, emit, outbox, api, stop: () => (unwatch(), off(), offProofs()) };
  }

  it('costs 1 call (was 7): the answer shows the queued item, the badge and the new actions; its own event is ignored', async () => {
    const { main, calls, emit, outbox, api, stop } = await setup();
    const r = await outbox.getState().write(() => api['actions:accept-request']({ orderLineId: 'H-REQ-1' }));
    expect(r.ok).toBe(true);
    emit('outbox:changed', main.event(['H-REQ-1'])); // main's event for this very write, 150 ms later
    await settle();
    expect(calls).toEqual(['actions:accept-request']);
    const s = outbox.getState();
    expect(s.pending.has('H-REQ-1')).toBe(true);
    expect(s.counts).toEqual({ unsent: 1, needsAttention: 0 });
    expect(s.orders['H-REQ-1']?.items.map((i) => i.id)).toEqual(['item-1']);
    expect(s.orders['H-REQ-1']?.actions?.accept.allowed).toBe(false);
    stop();
  });

  it('a change made elsewhere to the shown order refetches its counts and that order once', async () => {
    const { main, calls, emit, stop } = await setup();
    main.bump(); // the sender (or another window) changed H-REQ-1
    emit('outbox:changed', main.event(['H-REQ-1']));
    await settle();
    expect(calls.sort()).toEqual(['actions:available', 'outbox:list', 'outbox:summary']);
    stop();
  });

  it('a change elsewhere to another order refetches only the counts', async () => {
    const { main, calls, emit, stop } = await setup();
    main.bump();
    emit('outbox:changed', main.event(['H-REQ-2']));
    await settle();
    expect(calls).toEqual(['outbox:summary']);
    stop();
  });
});

describe("one autosave of the open proof editor (its order's draft list and the Delivery proofs page loaded)", () => {
  const draftAt = (revision: number, content: ProofDraft['content'] = {}): ProofDraft =>
    ({
      id: 'D1',
      orderLineId: 'L1',
      productId: 'P',
      templateVersion: 1,
      label: null,
      content,
      enablingTime: null,
      attachments: [],
      state: 'editing',
      conflict: null,
      outboxId: null,
      revision,
      createdAt: 0,
      updatedAt: 1_000 + revision,
      submittedAt: null,
    }) as ProofDraft;
  const rowOf = (d: ProofDraft): ProofDraftSummary => ({
    id: d.id,
    orderLineId: d.orderLineId,
    label: d.label,
    templateVersion: d.templateVersion,
    state: d.state,
    revision: d.revision,
    filledItems: Object.keys(d.content).length,
    attachmentCount: 0,
    enablingTime: null,
    conflictMessage: null,
    createdAt: 0,
    lastEditAt: d.updatedAt,
  });
  const stampOf = (d: ProofDraft): ProofDraftStamp => ({
    id: d.id,
    orderLineId: d.orderLineId,
    revision: d.revision,
    state: d.state,
    conflictMessage: null,
  });

  async function setup() {
    let draft = draftAt(3);
    const { api, calls, emit } = countingApi({
      'proofs:get': () => ok({ draft } as ProofEditorData),
      'proofs:list': () => ok([rowOf(draft)]),
      'proofs:list-all': () => ok([{ ...rowOf(draft), order: null }]),
      'proofs:save': ({ patch }) => {
        draft = draftAt(draft.revision + 1, { ...draft.content, ...patch.content } as ProofDraft['content']);
        return ok(draft);
      },
    });
    const timers: Array<() => void> = [];
    const store = createProofsStore({ api, setTimer: (fn) => timers.push(fn), clearTimer: () => undefined });
    const off = connectProofs(store, api, 0);
    await store.getState().loadList('L1');
    await store.getState().loadAll();
    await store.getState().open('D1');
    calls.length = 0;
    // main's event after a save: the line's drafts as they are now (main/proofs/service.ts).
    const changed = () => emit('proofs:changed', { orderLineIds: ['L1'], drafts: [stampOf(draft)] });
    const elsewhere = () => {
      draft = draftAt(draft.revision + 1, { scope: 'typed in another window' });
    };
    return { store, calls, changed, elsewhere, fire: () => timers.splice(0).forEach((fn) => fn()), stop: off };
  }

  it('costs 1 call (was 4): proofs:save; its own proofs:changed refetches neither the lists nor the editor', async () => {
    const { store, calls, changed, fire, stop } = await setup();
    store.getState().setValue('scope', 'ERP → cloud');
    fire(); // the autosave's debounce ends
    await settle();
    changed();
    await settle();
    expect(calls).toEqual(['proofs:save']);
    const s = store.getState();
    expect(s.editor?.data?.draft.revision).toBe(4);
    expect(s.lists.L1?.items?.[0]).toMatchObject({ revision: 4, filledItems: 1 });
    expect(s.all.items?.[0]).toMatchObject({ revision: 4 });
    stop();
  });

  it('a save made in another window refetches the list, the Delivery proofs page and the editor', async () => {
    const { calls, changed, elsewhere, stop } = await setup();
    elsewhere();
    changed();
    await settle();
    expect(calls.sort()).toEqual(['proofs:get', 'proofs:list', 'proofs:list-all']);
    stop();
  });
});
