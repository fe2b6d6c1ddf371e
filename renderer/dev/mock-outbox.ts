// Dev only: the channels in memory for `vite dev` without a browser host — actions are queued and "acked"
// a few seconds later, so the Sync Center and the pending badges can be looked at. Never in a production build.
import type { SellerDeskApi } from '../../common/api/bridge';
import type { OutboxChannel, OutboxEntry, OutboxCounts } from '../../common/api/contract-outbox';
import type { OutboxKind } from '../../common/api/action-payloads';
import { fail, ok } from '../../common/api/result';

type OutboxApi = Pick<SellerDeskApi, OutboxChannel>;

export function createMockOutbox(emit: (counts: OutboxCounts) => void): OutboxApi {
  const items: OutboxEntry[] = [];
  let seq = 0;
  const delay = <T>(v: T) => new Promise<T>((r) => setTimeout(() => r(v), 40));
  const counts = (): OutboxCounts => ({
    unsent: items.filter((i) => !i.discardedAt && ['queued', 'sending', 'unknown'].includes(i.state)).length,
    needsAttention: items.filter((i) => !i.discardedAt && ['rejected', 'conflict'].includes(i.state)).length,
  });
  const queue = (orderLineId: string, kind: OutboxKind, payload: unknown) => {
    const now = Date.now();
    const item: OutboxEntry = {
      id: `mock-${++seq}`, seq, orderLineId, kind, payload, idempotencyKey: `key-${seq}`, state: 'queued', attempts: 0, lastError: null,
      nextAttemptAt: now, createdAt: now, updatedAt: now, ackedAt: null, discardedAt: null, discardReason: null, upload: null, order: null,
    };
    items.push(item);
    emit(counts());
    setTimeout(() => {
      Object.assign(item, { state: 'acked', attempts: 1, ackedAt: Date.now(), updatedAt: Date.now() });
      emit(counts());
    }, 4000);
    return delay(ok(item));
  };
  const allowed = { allowed: true, reason: null, message: null, stage: null };
  return {
    'actions:available': () => delay(ok({ accept: allowed, reject: allowed, appeal: allowed, review: allowed })),
    'actions:accept-request': ({ orderLineId }) => queue(orderLineId, 'request.accept', {}),
    'actions:reject-request': ({ orderLineId, ...p }) => queue(orderLineId, 'request.reject', p),
    'actions:appeal': ({ orderLineId, ...p }) => queue(orderLineId, 'appeal', p),
    'actions:review-unsubscription': ({ orderLineId, ...p }) => queue(orderLineId, 'unsubscription.review', p),
    'attachments:add': ({ fileName, dataBase64 }) =>
      delay(ok({ sha256: (seq++).toString(16).padStart(64, 'a'), fileName, size: Math.floor((dataBase64.length * 3) / 4), contentType: 'application/pdf' })),
    'attachments:download': () => delay(fail('offline', 'No files in the mock.')),
    'outbox:list': ({ states, includeDiscarded, orderLineId } = {}) =>
      delay(ok([...items].reverse().filter((i) => (!states || states.includes(i.state)) && (includeDiscarded || !i.discardedAt) && (!orderLineId || i.orderLineId === orderLineId)))),
    'outbox:summary': () =>
      delay(ok({ ...counts(), pendingOrderLineIds: items.filter((i) => !i.discardedAt && ['queued', 'sending', 'unknown'].includes(i.state)).map((i) => i.orderLineId) })),
    'outbox:requeue': ({ id }) => {
      const item = items.find((i) => i.id === id);
      if (!item) return delay(fail('not_found', `no outbox item ${id}`));
      Object.assign(item, { state: 'queued', attempts: 0, lastError: null });
      emit(counts());
      return delay(ok(item));
    },
    'outbox:discard': ({ id, reason }) => {
      const item = items.find((i) => i.id === id);
      if (!item) return delay(fail('not_found', `no outbox item ${id}`));
      Object.assign(item, { discardedAt: Date.now(), discardReason: reason });
      emit(counts());
      return delay(ok(item));
    },
    'outbox:retry-now': () => delay(ok({ due: counts().unsent })),
  };
}
