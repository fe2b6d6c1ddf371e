// Dev only: an in-memory `window.sellerDesk` for `vite dev` before/without the browser host.
// The end-to-end tests never use it: they drive the real host (e2e/fixtures.ts).
import type { SellerDeskApi } from '../../common/api/bridge';
import type { EventName, Events, OrderQueryParsed } from '../../common/api/contract';
import { orderQuery } from '../../common/api/contract';
import { fail, ok } from '../../common/api/result';
import type { OrderRow, SettingsView, SyncStatus } from '../../common/api/types';
import { sellerAction, urgencyOf, urgencySortKey, waitingOn } from '../../common/domain/urgency';
import { marketDayEnd, marketDayStart } from '../../common/domain/time';
import { daysWaiting } from '../lib/format';
import { mockDetail, mockRow } from './mock-data';
import { createMockOutbox } from './mock-outbox';
import { createMockProofs } from './mock-proofs';
import { createMockUpdates } from './mock-updates';
import { createMockBills } from './mock-bills';
import { createMockDb } from './mock-db';

const FILTERABLE_LIMIT = 50_000;

function matches(r: OrderRow, q: OrderQueryParsed, now: number, threshold: number): boolean {
  const has = (s: string, part?: string) => !part || s.toLowerCase().includes(part.toLowerCase());
  if (!has(r.orderLineId, q.orderNo) || !has(r.productName, q.productName)) return false;
  if (q.text && !has(`${r.orderLineId} ${r.productName} ${r.customerName}`, q.text)) return false;
  if (q.status && !q.status.includes(r.status)) return false;
  if (q.stage && !q.stage.includes(r.stage ?? 'none')) return false;
  if (q.from && r.placedAt < marketDayStart(q.from)) return false;
  if (q.to && r.placedAt >= marketDayEnd(q.to)) return false;
  // The same rules as the SQL filters (S3, S5, S5c, S7: common/domain/urgency.ts).
  if (q.quick === 'needs_action') return sellerAction(r) !== null;
  if (q.quick === 'awaiting_customer') return waitingOn(r) === 'customer';
  if (q.quick === 'waiting_long') return urgencyOf(r, now, threshold)?.overdue === true;
  if (q.quick === 'appeal_open') return r.appealOpen;
  return true;
}

function sortKey(r: OrderRow, field: OrderQueryParsed['sort']['field'], now: number): string | number {
  if (field === 'orderNo') return r.orderLineId;
  if (field === 'productName') return r.productName;
  if (field === 'amount') return `${r.currency} ${String(r.amountMinor).padStart(16, '0')}`; // O3: within a currency
  if (field === 'status') return r.status;
  if (field === 'stage') return r.stage ?? '';
  if (field === 'daysWaiting') return daysWaiting(r, now) ?? -1;
  if (field === 'urgency') return -urgencySortKey(r); // S7: desc = most urgent (smallest key) first
  return r.placedAt;
}

export function createMockBridge({ size }: { size: number }): SellerDeskApi {
  const now = Date.now();
  const all = size <= FILTERABLE_LIMIT ? Array.from({ length: size }, (_, i) => mockRow(i, now)) : null;
  let settings: SettingsView = {
    endpoint: 'http://127.0.0.1:8787',
    ak: 'DEMOAK0000000001',
    hasSk: true,
    syncIntervalMinutes: 15,
    language: 'en',
    waitingThresholdDays: 5,
    theme: 'system',
  };
  const status: SyncStatus = {
    configured: true,
    online: true,
    syncing: false,
    lastSyncAt: now - 120_000,
    lastError: null,
    progress: { phase: 'done', pages: 2, lines: size, percent: 100 },
    cachedLines: size,
    demo: true,
    account: { sellerId: 'DEMO-SELLER-1', sellerName: '演示服务商 Demo Seller Co., Ltd.', fetchedAt: now - 120_000 },
  };
  const listeners = new Map<EventName, Set<(p: unknown) => void>>();
  const emit = <E extends EventName>(e: E, p: Events[E]) => listeners.get(e)?.forEach((l) => l(p));
  const delay = <T>(v: T) => new Promise<T>((r) => setTimeout(() => r(v), 40));

  const api: SellerDeskApi = {
    ...createMockOutbox((e) => emit('outbox:changed', e)),
    ...createMockProofs(),
    ...createMockUpdates((s) => emit('update:status', s)),
    ...createMockBills(now),
    ...createMockDb(
      now,
      typeof location !== 'undefined' && new URLSearchParams(location.search).get('db') === 'damaged',
    ),
    'app:info': () => delay(ok({ version: '0.1.0-dev', demo: true, transport: 'browser-host' as const })),
    'orders:list': (input) => {
      const parsed = orderQuery.safeParse(input);
      if (!parsed.success)
        return delay(
          fail(
            'validation',
            'invalid query',
            parsed.error.issues.map((i) => ({ path: i.path.join('.'), message: i.message })),
          ),
        );
      const q = parsed.data;
      if (!all) {
        const rows = Array.from({ length: Math.max(0, Math.min(q.limit, size - q.offset)) }, (_, k) =>
          mockRow(q.offset + k, now),
        );
        return delay(ok({ rows, total: size }));
      }
      const dir = q.sort.dir === 'asc' ? 1 : -1;
      const hits = all.filter((r) => matches(r, q, now, settings.waitingThresholdDays));
      hits.sort((a, b) => (sortKey(a, q.sort.field, now) > sortKey(b, q.sort.field, now) ? dir : -dir));
      return delay(ok({ rows: hits.slice(q.offset, q.offset + q.limit), total: hits.length }));
    },
    'orders:get': ({ orderLineId }) => {
      const row = all?.find((r) => r.orderLineId === orderLineId) ?? mockRow(0, now);
      return delay(ok(mockDetail(row)));
    },
    // The window never asks for the marketplace's raw JSON (the CLI's --json does): nothing is stored here.
    'orders:raw': ({ orderLineIds }) => delay(ok({ lines: [], missing: orderLineIds, damaged: [] })),
    // The dev preview has no exports folder: the list's CSV is refused as the host without one would refuse it.
    'orders:export': () => delay(fail('forbidden', 'exports are not available in the preview')),
    'orders:import': ({ orderId }) =>
      delay(
        orderId.startsWith('MOCK')
          ? ok({ orderLineIds: [`${orderId}-000001`] })
          : fail('not_found', `Order ${orderId} is not known to the marketplace.`),
      ),
    'sync:run': () => {
      emit('sync:progress', {
        ...status,
        syncing: true,
        progress: { phase: 'orders', pages: 1, lines: 200, percent: null },
      });
      return new Promise((r) =>
        setTimeout(() => {
          status.lastSyncAt = Date.now();
          emit('sync:progress', status);
          emit('orders:changed', { count: 0 });
          r(ok(status));
        }, 1500),
      );
    },
    'sync:status': () => delay(ok(status)),
    'sync:rejects': () =>
      delay(
        ok([
          {
            id: 1,
            feed: 'order-lines',
            itemId: 'CS2504011200MOCK1-000001 v3',
            reason: 'amount: expected a decimal string with two decimals',
            preview: '{"orderId":"CS2504011200MOCK1","amount":"12.5",…',
            firstAt: Date.now() - 86_400_000,
            lastAt: Date.now() - 600_000,
            times: 4,
          },
        ]),
      ),
    'settings:get': () => delay(ok(settings)),
    'settings:test': () =>
      delay(ok({ ok: true as const, sellerName: '演示服务商 Demo Seller Co., Ltd.', sellerId: 'DEMO-SELLER-1' })),
    'settings:set': (patch) => {
      const { sk, ...rest } = patch;
      settings = {
        ...settings,
        ...Object.fromEntries(Object.entries(rest).filter(([, v]) => v !== undefined)),
        hasSk: sk ? true : settings.hasSk,
      };
      return delay(ok(settings));
    },
    on: (event, listener) => {
      const set = listeners.get(event) ?? new Set();
      listeners.set(event, set);
      const l = listener as (p: unknown) => void;
      set.add(l);
      return () => set.delete(l);
    },
  };
  return api;
}
