// Every channel, declared once (docs/architecture.md): name `domain:verb`, a zod input schema, the result type.
import { z } from 'zod';
import { ORDER_STATUSES, STAGES } from '../marketplace/wire';
import { isCalendarDate } from '../domain/time';
import { CHANNEL_NAMES, EVENT_NAME_LIST, type ChannelName } from './channels';
import type { AppInfo, ConnectionTest, OrderDetail, OrderRow, SettingsView, SyncRejectView, SyncStatus } from './types';
import { channel, result } from './channel';
import { charCount, MAX_TEXT } from './action-payloads';
import { outboxContract, type OutboxEvents } from './contract-outbox';
import { proofsContract, type ProofsEvents } from './contract-proofs';
import { updatesContract, type UpdatesEvents } from './contract-updates';
import { billsContract, type BillsEvents } from './contract-bills';
import { dbContract, type DbEvents } from './contract-db';

// A well-formed but impossible date (2025-13-45) is a validation error naming its field, never a failure further in.
const date = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'expected a date YYYY-MM-DD')
  .refine(isCalendarDate, 'not a calendar date: the month must be 01–12 and the day one that month has');

export const QUICK_FILTERS = ['needs_action', 'awaiting_customer', 'waiting_long', 'appeal_open'] as const;
export type QuickFilter = (typeof QUICK_FILTERS)[number];
export const SORT_FIELDS = ['orderNo', 'productName', 'amount', 'status', 'stage', 'placedAt', 'daysWaiting'] as const;
export type SortField = (typeof SORT_FIELDS)[number];

export const orderQuery = z
  .object({
    /** Order No. (order id or order line id), exact or partial. */
    orderNo: z.string().trim().max(100).optional(),
    /** Product name, partial. */
    productName: z.string().trim().max(200).optional(),
    status: z.array(z.enum(ORDER_STATUSES)).max(ORDER_STATUSES.length).optional(),
    stage: z.array(z.enum(STAGES)).max(STAGES.length).optional(),
    /** Placement date range, inclusive, as UTC+8 dates (O4). */
    from: date.optional(),
    to: date.optional(),
    /** Free text across order No., product and customer. */
    text: z.string().trim().max(200).optional(),
    quick: z.enum(QUICK_FILTERS).optional(),
    sort: z.object({ field: z.enum(SORT_FIELDS), dir: z.enum(['asc', 'desc']) }).default({ field: 'placedAt', dir: 'desc' }),
    offset: z.number().int().min(0).default(0),
    limit: z.number().int().min(1).max(500).default(50),
  })
  .strict()
  .refine((q) => !q.from || !q.to || q.from <= q.to, { message: '"from" must not be after "to"', path: ['to'] });
export type OrderQuery = z.input<typeof orderQuery>;
export type OrderQueryParsed = z.output<typeof orderQuery>;

export interface OrderPage {
  rows: OrderRow[];
  /** Matching lines in all (for the virtualized table's height). */
  total: number;
}

const empty = z.object({}).strict();

/** At most this many saved reject reasons. */
export const MAX_CANNED_REASONS = 30;
/** A saved reject reason is what a reject reason may be: 1–2000 characters (docs/marketplace-api.md), trimmed. */
export const cannedReason = z
  .string()
  .trim()
  .min(1)
  .refine((s) => charCount(s) <= MAX_TEXT, { message: `a reason may be at most ${MAX_TEXT} characters` });

export const settingsPatch = z
  .object({
    endpoint: z.string().trim().url('expected a URL like https://… or http://127.0.0.1:PORT').max(500).nullable().optional(),
    ak: z.string().trim().min(1).max(200).nullable().optional(),
    sk: z.string().min(1).max(500).nullable().optional(),
    syncIntervalMinutes: z.number().int().min(1).max(1440).optional(),
    language: z.enum(['en', 'zh-CN']).optional(),
    waitingThresholdDays: z.number().int().min(1).max(365).optional(),
    theme: z.enum(['system', 'light', 'dark']).optional(),
    /** The seller's own reject reasons, offered as quick picks in the reject dialog; the whole list each time. */
    cannedReasons: z.array(cannedReason).max(MAX_CANNED_REASONS).optional(),
  })
  .strict();
export type SettingsPatch = z.infer<typeof settingsPatch>;

/** The channel table. `result` is a phantom type carrier: never read at run time. */
export const contract = {
  'app:info': channel(empty, result<AppInfo>()),
  'orders:list': channel(orderQuery, result<OrderPage>()),
  'orders:get': channel(z.object({ orderLineId: z.string().min(1).max(100) }).strict(), result<OrderDetail>()),
  'orders:import': channel(z.object({ orderId: z.string().trim().min(1).max(100) }).strict(), result<{ orderLineIds: string[] }>()),
  'sync:run': channel(empty, result<SyncStatus>()),
  'sync:status': channel(empty, result<SyncStatus>()),
  /** The feed items sync reported and skipped (malformed), newest first, each once with how often it came. */
  'sync:rejects': channel(z.object({ limit: z.number().int().min(1).max(500).optional() }).strict(), result<SyncRejectView[]>()),
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
export type ChannelResult<C extends Channel> = Contract[C]['result'];
// Compile-time proof that channels.ts lists exactly the contract's channels (both directions).
type SameSet<A, B> = [A] extends [B] ? ([B] extends [A] ? true : never) : never;
const _channelsMatch: SameSet<Channel, ChannelName> = true;
void _channelsMatch;
export const CHANNELS: readonly Channel[] = CHANNEL_NAMES;

/** Events main pushes to the renderer. */
export interface Events extends OutboxEvents, ProofsEvents, UpdatesEvents, BillsEvents, DbEvents {
  'orders:changed': { count: number };
  'sync:progress': SyncStatus;
}
export type EventName = keyof Events;
const _eventsMatch: SameSet<EventName, (typeof EVENT_NAME_LIST)[number]> = true;
void _eventsMatch;
export const EVENT_NAMES: readonly EventName[] = EVENT_NAME_LIST;
