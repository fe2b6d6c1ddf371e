// Every channel, declared once (docs/architecture.md): name `domain:verb`, a zod input schema, the result type.
import { z } from 'zod';
import { ORDER_STATUSES, STAGES } from '../marketplace/wire';
import { isCalendarDate } from '../domain/time';
import { EVENT_NAME_LIST } from './channels';
import type { AppInfo, ConnectionTest, OrderDetail, OrderRow, SettingsView, SyncRejectView, SyncStatus } from './types';
import { channel, result, type ResultOf } from './channel';
import { charCount, MAX_TEXT } from './action-payloads';
import { outboxContract, type OutboxEvents } from './contract-outbox';
import { proofsContract, type ProofsEvents } from './contract-proofs';
import { updatesContract, type UpdatesEvents } from './contract-updates';
import { billsContract, type BillExportProgress, type BillExportResult, type BillsEvents } from './contract-bills';
import { dbContract, type DbEvents, type DbRowProblem } from './contract-db';

// A well-formed but impossible date (2025-13-45) is a validation error naming its field, never a failure further in.
const date = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'expected a date YYYY-MM-DD')
  .refine(isCalendarDate, 'not a calendar date: the month must be 01–12 and the day one that month has');

export const QUICK_FILTERS = ['needs_action', 'awaiting_customer', 'waiting_long', 'appeal_open'] as const;
export type QuickFilter = (typeof QUICK_FILTERS)[number];
/** `urgency` desc = "Most urgent first" (S7). */
export const SORT_FIELDS = [
  'orderNo',
  'productName',
  'amount',
  'status',
  'stage',
  'placedAt',
  'daysWaiting',
  'urgency',
] as const;
export type SortField = (typeof SORT_FIELDS)[number];
/** The stage filter's options: every stage, and `none` for lines not under supervision (S6). */
export const STAGE_FILTERS = [...STAGES, 'none'] as const;
export type StageFilter = (typeof STAGE_FILTERS)[number];

/** The list's filters alone (no sort, no window): what a saved view keeps and what the CSV export takes. */
const orderFilterFields = {
  /** Order No. (order id or order line id), exact or partial. */
  orderNo: z.string().trim().max(100).optional(),
  /** Customer name, partial (the search box's "Customer" chip). */
  customerName: z.string().trim().max(200).optional(),
  /** Product name, partial. */
  productName: z.string().trim().max(200).optional(),
  status: z.array(z.enum(ORDER_STATUSES)).max(ORDER_STATUSES.length).optional(),
  stage: z.array(z.enum(STAGE_FILTERS)).max(STAGE_FILTERS.length).optional(),
  /** Placement date range, inclusive, as UTC+8 dates (O4). */
  from: date.optional(),
  to: date.optional(),
  /** Free text across order No., product and customer. */
  text: z.string().trim().max(200).optional(),
  quick: z.enum(QUICK_FILTERS).optional(),
};
const fromNotAfterTo = (q: { from?: string; to?: string }): boolean => !q.from || !q.to || q.from <= q.to;
const fromNotAfterToIssue = { message: '"from" must not be after "to"', path: ['to'] };
const orderSort = z.object({ field: z.enum(SORT_FIELDS), dir: z.enum(['asc', 'desc']) });

export const orderFilter = z.object(orderFilterFields).strict().refine(fromNotAfterTo, fromNotAfterToIssue);
export type OrderFilter = z.input<typeof orderFilter>;

export const orderQuery = z
  .object({
    ...orderFilterFields,
    sort: orderSort.default({ field: 'placedAt', dir: 'desc' }),
    offset: z.number().int().min(0).default(0),
    limit: z.number().int().min(1).max(500).default(50),
    /**
     * Count every match even when that costs more than the page (the list's "count exactly"); otherwise a costly total
     * is estimated.
     */
    exactTotal: z.boolean().optional(),
  })
  .strict()
  .refine(fromNotAfterTo, fromNotAfterToIssue);
export type OrderQuery = z.input<typeof orderQuery>;
export type OrderQueryParsed = z.output<typeof orderQuery>;

export interface OrderPage {
  rows: OrderRow[];
  /** Matching lines in all (for the virtualized table's height); an estimate when `totalEstimated`. */
  total: number;
  /**
   * True when counting every match would have cost more than the page: `total` is then an estimate ("about"), exact on
   * request (`exactTotal`).
   */
  totalEstimated?: boolean;
}

const empty = z.object({}).strict();

/** `orders:export`: the list's filters and sort, without a window (every matching line). */
export const ordersExport = z
  .object({
    ...orderFilterFields,
    sort: orderSort.default({ field: 'placedAt', dir: 'desc' }),
    /** Echoed in `orders:export-progress` events. */
    exportId: z.string().trim().min(1).max(100).optional(),
  })
  .strict()
  .refine(fromNotAfterTo, fromNotAfterToIssue);
export type OrdersExportQuery = z.input<typeof ordersExport>;
/** Where the export went: the same shape as a bill export (a path, or bytes for a browser download). */
export type OrdersExportResult = BillExportResult;

/** `orders:raw` answers at most this many lines a call. */
export const ORDERS_RAW_MAX = 500;
/** `orders:raw`: the order lines' JSON exactly as the marketplace sent it (docs/marketplace-api.md field names). */
export interface OrderLinesRaw {
  /** The stored texts, not re-serialized, in the order asked. */
  lines: Array<{ orderLineId: string; rawJson: string }>;
  /** Asked for but not in the local cache. */
  missing: string[];
  /** Whose stored JSON no longer parses: left out of `lines` and reported as row problems (`db:status`). */
  damaged: DbRowProblem[];
}

/** At most this many saved reject reasons. */
export const MAX_CANNED_REASONS = 30;
/** A saved reject reason is what a reject reason may be: 1–2000 characters (docs/marketplace-api.md), trimmed. */
export const cannedReason = z
  .string()
  .trim()
  .min(1)
  .refine((s) => charCount(s) <= MAX_TEXT, { message: `a reason may be at most ${MAX_TEXT} characters` });

/**
 * Column ids of the supervision table (renderer/pages/supervision/columns.ts): a word, so new columns need no contract
 * change.
 */
const columnId = z.string().regex(/^[a-zA-Z][a-zA-Z0-9]{0,39}$/, 'expected a column id');
export const MIN_COLUMN_WIDTH = 48;
export const MAX_COLUMN_WIDTH = 1200;
/** The supervision table's layout: widths the user dragged (px, absent = the default) and the columns hidden. */
export const tableColumns = z
  .object({
    widths: z.record(columnId, z.number().int().min(MIN_COLUMN_WIDTH).max(MAX_COLUMN_WIDTH)),
    hidden: z.array(columnId).max(40),
  })
  .strict();
export type TableColumns = z.infer<typeof tableColumns>;

export const MAX_SAVED_VIEWS = 30;
/** A saved view of the supervision list: a name with a filter, a sort and a column layout, applied with one click. */
export const savedView = z
  .object({
    name: z.string().trim().min(1).max(60),
    filter: orderFilter,
    sort: orderSort,
    columns: tableColumns,
  })
  .strict();
export type SavedView = z.infer<typeof savedView>;
const savedViews = z
  .array(savedView)
  .max(MAX_SAVED_VIEWS)
  .refine((views) => new Set(views.map((v) => v.name.toLowerCase())).size === views.length, {
    message: 'two saved views have the same name',
  });

export const settingsPatch = z
  .object({
    endpoint: z
      .string()
      .trim()
      .url('expected a URL like https://… or http://127.0.0.1:PORT')
      .max(500)
      .nullable()
      .optional(),
    ak: z.string().trim().min(1).max(200).nullable().optional(),
    sk: z.string().min(1).max(500).nullable().optional(),
    syncIntervalMinutes: z.number().int().min(1).max(1440).optional(),
    language: z.enum(['en', 'zh-CN']).optional(),
    waitingThresholdDays: z.number().int().min(1).max(365).optional(),
    theme: z.enum(['system', 'light', 'dark']).optional(),
    /** The seller's own reject reasons, offered as quick picks in the reject dialog; the whole list each time. */
    cannedReasons: z.array(cannedReason).max(MAX_CANNED_REASONS).optional(),
    /** The supervision table's column widths and hidden columns, kept across restarts. */
    tableColumns: tableColumns.optional(),
    /** The seller's saved views of the supervision list; the whole list each time. */
    savedViews: savedViews.optional(),
  })
  .strict();
export type SettingsPatch = z.infer<typeof settingsPatch>;

/** The channel table. `result` is a phantom type carrier: never read at run time. */
export const contract = {
  'app:info': channel(empty, result<AppInfo>()),
  'orders:list': channel(orderQuery, result<OrderPage>()),
  'orders:get': channel(z.object({ orderLineId: z.string().min(1).max(100) }).strict(), result<OrderDetail>()),
  /** The stored marketplace JSON of up to ORDERS_RAW_MAX lines (read-only; the CLI's `--json`). */
  'orders:raw': channel(
    z
      .object({
        orderLineIds: z
          .array(z.string().min(1).max(100))
          .min(1)
          .max(ORDERS_RAW_MAX, `at most ${ORDERS_RAW_MAX} order lines a call`),
      })
      .strict(),
    result<OrderLinesRaw>(),
  ),
  'orders:import': channel(
    z.object({ orderId: z.string().trim().min(1).max(100) }).strict(),
    result<{ orderLineIds: string[] }>(),
  ),
  /**
   * The filtered list as CSV (every matching line, in the list's sort): a save dialog in Electron, a download in the
   * browser host.
   */
  'orders:export': channel(ordersExport, result<OrdersExportResult>()),
  'sync:run': channel(empty, result<SyncStatus>()),
  'sync:status': channel(empty, result<SyncStatus>()),
  /** The feed items sync reported and skipped (malformed), newest first, each once with how often it came. */
  'sync:rejects': channel(
    z.object({ limit: z.number().int().min(1).max(500).optional() }).strict(),
    result<SyncRejectView[]>(),
  ),
  'settings:get': channel(empty, result<SettingsView>()),
  'settings:set': channel(settingsPatch, result<SettingsView>()),
  /** Settings' "Test connection": a signed GET account with the saved endpoint and AK/SK, answered in words. */
  'settings:test': channel(empty, result<ConnectionTest>()),
  ...outboxContract,
  ...proofsContract,
  ...updatesContract,
  ...billsContract,
  ...dbContract,
} as const;

export type Contract = typeof contract;
export type Channel = keyof Contract;
export type ChannelInput<C extends Channel> = z.input<Contract[C]['input']>;
export type ChannelParsedInput<C extends Channel> = z.output<Contract[C]['input']>;
export type ChannelResult<C extends Channel> = Contract[C]['result'] extends ResultOf<infer R> ? R : never;
/** Every channel, declared once: the contract's keys (Object.keys is typed string[], hence the one `as`). */
export const CHANNELS: readonly Channel[] = Object.keys(contract) as Channel[];
// Compile-time proof that channels.ts lists exactly the events of `Events` (both directions).
type SameSet<A, B> = [A] extends [B] ? ([B] extends [A] ? true : never) : never;

/** Events main pushes to the renderer. */
export interface Events extends OutboxEvents, ProofsEvents, UpdatesEvents, BillsEvents, DbEvents {
  'orders:changed': { count: number };
  /** A running `orders:export` wrote `done` of `total` lines; `exportId` is the one the request carried. */
  'orders:export-progress': BillExportProgress;
  'sync:progress': SyncStatus;
}
export type EventName = keyof Events;
const _eventsMatch: SameSet<EventName, (typeof EVENT_NAME_LIST)[number]> = true;
void _eventsMatch;
export const EVENT_NAMES: readonly EventName[] = EVENT_NAME_LIST;
