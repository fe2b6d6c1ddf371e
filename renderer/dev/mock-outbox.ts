// Dev only: the channels in memory for `vite dev` without a browser host — actions are queued and "acked"
// a few seconds later, so the Sync Center and the pending badges can be looked at. Never in a production build.
import type { SellerDeskApi } from '../../common/api/bridge';
import type {
  OrderActions,
  OutboxChanged,
  OutboxChannel,
  OutboxEntry,
  OutboxSummary,
  OutboxWrite,
} from '../../common/api/contract-outbox';
import type { OutboxKind } from '../../common/api/action-payloads';
import { fail, ok } from '../../common/api/result';

type OutboxApi = Pick<SellerDeskApi, OutboxChannel>;

export function createMockOutbox(emitChanged: (e: OutboxChanged) => void): OutboxApi {
  const items: OutboxEntry[] = [];
  let seq = 0;
  let revision = 0;
  const delay = <T>(v: T) => new Promise<T>((r) => setTimeout(() => r(v), 40));
  const allowed = { allowed: true, reason: null, message: null, stage: null };
  const actions: OrderActions = { accept: allowed, reject: allowed, appeal: allowed, review: allowed };
  const summary = (): OutboxSummary => ({
    unsent: items.filter((i) => !i.discardedAt && ['queued', 'sending', 'unknown'].includes(i.state)).length,
    needsAttention: items.filter((i) => !i.discardedAt && ['rejected', 'conflict'].includes(i.state)).length,
    pendingOrderLineIds: items
      .filter((i) => !i.discardedAt && ['queued', 'sending', 'unknown'].includes(i.state))
      .map((i) => i.orderLineId),
    revision,
  });
  const emit = (orderLineId: string | null): void => {
    revision++;
    const { unsent, needsAttention } = summary();
    emitChanged({ unsent, needsAttention, revision, orderLineIds: orderLineId === null ? null : [orderLineId] });
  };
  const written = (item: OutboxEntry): OutboxWrite => {
    emit(item.orderLineId);
    const lineItems = [...items].reverse().filter((i) => i.orderLineId === item.orderLineId && !i.discardedAt);
    return {
      ...item,
      update: { revision, summary: summary(), order: { orderLineId: item.orderLineId, actions, items: lineItems } },
    };
  };
  const queue = (orderLineId: string, kind: OutboxKind, payload: unknown) => {
    const now = Date.now();
    const item: OutboxEntry = {
      id: `mock-${++seq}`,
      seq,
      orderLineId,
      kind,
      payload,
      idempotencyKey: `key-${seq}`,
      state: 'queued',
      attempts: 0,
      lastError: null,
      nextAttemptAt: now,
      createdAt: now,
      updatedAt: now,
      ackedAt: null,
      discardedAt: null,
      discardReason: null,
      upload: null,
      order: null,
    };
    items.push(item);
    setTimeout(() => {
      Object.assign(item, { state: 'acked', attempts: 1, ackedAt: Date.now(), updatedAt: Date.now() });
      emit(orderLineId);
    }, 4000);
    return delay(ok(written(item)));
  };
  return {
    'actions:available': () => delay(ok(actions)),
    'actions:accept-request': ({ orderLineId }) => queue(orderLineId, 'request.accept', {}),
    'actions:reject-request': ({ orderLineId, ...p }) => queue(orderLineId, 'request.reject', p),
    'actions:appeal': ({ orderLineId, ...p }) => queue(orderLineId, 'appeal', p),
    'actions:review-unsubscription': ({ orderLineId, ...p }) => queue(orderLineId, 'unsubscription.review', p),
    'attachments:add': ({ fileName, dataBase64 }) =>
      delay(
        ok({
          sha256: (seq++).toString(16).padStart(64, 'a'),
          fileName,
          size: Math.floor((dataBase64.length * 3) / 4),
          contentType: 'application/pdf',
        }),
      ),
    'attachments:download': () => delay(fail('offline', 'No files in the mock.')),
    'outbox:list': ({ states, includeDiscarded, orderLineId } = {}) =>
      delay(
        ok(
          [...items]
            .reverse()
            .filter(
              (i) =>
                (!states || states.includes(i.state)) &&
                (includeDiscarded || !i.discardedAt) &&
                (!orderLineId || i.orderLineId === orderLineId),
            ),
        ),
      ),
    'outbox:summary': () => delay(ok(summary())),
    'outbox:requeue': ({ id }) => {
      const item = items.find((i) => i.id === id);
      if (!item) return delay(fail('not_found', `no outbox item ${id}`));
      Object.assign(item, { state: 'queued', attempts: 0, lastError: null });
      return delay(ok(written(item)));
    },
    'outbox:discard': ({ id, reason }) => {
      const item = items.find((i) => i.id === id);
      if (!item) return delay(fail('not_found', `no outbox item ${id}`));
      Object.assign(item, { discardedAt: Date.now(), discardReason: reason });
      return delay(ok(written(item)));
    },
    'outbox:retry-now': () => {
      emit(null);
      return delay(ok({ due: summary().unsent, update: { revision, summary: summary(), order: null } }));
    },
  };
}
