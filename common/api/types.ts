// Shapes that cross the boundary between main and the renderer.
import type { Customer, OrderStatus, Stage, SupervisionProcess, WireOrderLine } from '../marketplace/wire';
import type { SavedView, TableColumns } from './contract';

/** One row of the Service Supervision list (docs/rules.md O1). */
export interface OrderRow {
  orderId: string;
  orderLineId: string;
  productName: string;
  customerName: string;
  /** Integer minor units (O3). */
  amountMinor: number;
  currency: string;
  status: OrderStatus;
  /** null when the line is not supervised (S6). */
  stage: Stage | null;
  appealOpen: boolean;
  /** UTC ms (O4). */
  placedAt: number;
  /** UTC ms when the current stage began; null when unknown or not supervised. */
  stageSince: number | null;
  imported: boolean;
  /** S5c: a refund (negotiated unsubscription) request waits for the seller's review. */
  unsubPending: boolean;
  /** S5b: requests rejected by the seller and deliveries returned by the customer, so far (S7: 3 → appeal possible). */
  requestRejections: number;
  deliveryRejections: number;
}

export interface OrderDetail extends OrderRow {
  orderType: WireOrderLine['orderType'];
  chargingMode: WireOrderLine['chargingMode'];
  periodType: WireOrderLine['periodType'];
  periodNumber: number | null;
  productId: string;
  skuCode: string | null;
  customer: Customer;
  process: SupervisionProcess | null;
  version: number;
  updatedAt: number;
  /** The order line exactly as the marketplace sent it (raw JSON parsed). */
  line: WireOrderLine;
}

export interface SyncProgress {
  phase: 'idle' | 'orders' | 'templates' | 'bills' | 'done' | 'error';
  pages: number;
  lines: number;
  /** 0–100 when the total is known, otherwise null. */
  percent: number | null;
  /** Bill revisions received so far in this run (phase `bills`, and `done` when the run pulled bills). */
  bills?: number;
  /** Feed items of this run that were malformed: reported (`sync:rejects`) and skipped (phase `done`). */
  skipped?: number;
}

export interface SyncStatus {
  configured: boolean;
  online: boolean;
  syncing: boolean;
  lastSyncAt: number | null;
  /**
   * The last exchange the marketplace answered with success — an order pull, an outbox send, a template or bills pull;
   * absent before one.
   */
  lastContactAt?: number | null;
  lastError: string | null;
  progress: SyncProgress;
  cachedLines: number;
  demo: boolean;
  /** What the last run pushed from the outbox before it pulled; absent before the first run. */
  lastPush?: PushSummary | null;
  /** Why the last run failed, for the status bar's words; null when it did not (or only the network was away). */
  failure?: SyncFailure | null;
  /** The seller the saved connection belongs to, from the latest account snapshot a sync stored; null before one. */
  account?: SellerAccount | null;
}

/** Who the marketplace says the AK/SK belong to (GET /api/seller-sync/v1/account), server text already stripped. */
export interface SellerAccount {
  sellerId: string;
  sellerName: string;
  /** When the snapshot was fetched, UTC ms. */
  fetchedAt: number;
}

/**
 * Why talking to the marketplace failed, as the window words it (docs/marketplace-api.md "Errors"): `unauthorized`
 * 401 (the AK/SK), `forbidden` 403, `refused` another 4xx, `server` 5xx/429, `unreadable` an answer that is not
 * what the API says, `unreachable` no answer, `credentials` the stored AK/SK cannot be read, `unconfigured` none set.
 */
export interface SyncFailure {
  kind:
    | 'unauthorized'
    | 'forbidden'
    | 'refused'
    | 'server'
    | 'unreadable'
    | 'unreachable'
    | 'credentials'
    | 'unconfigured'
    | 'other';
  /** The HTTP status when the marketplace answered with one. */
  status: number | null;
  /** One English line with the marketplace's own words, control characters stripped (the tooltip, the log). */
  message: string;
}

/** `settings:test`: a signed account request (GET /api/seller-sync/v1/account) with the saved connection. */
export type ConnectionTest = { ok: true; sellerName: string; sellerId: string } | { ok: false; failure: SyncFailure };

/** A feed item sync skipped because it was malformed (the Sync Center lists them); server text already stripped. */
export interface SyncRejectView {
  id: number;
  /** `order-lines` or `bills`. */
  feed: string;
  /** The order line or bill it names, with its version/revision; null when it names none. */
  itemId: string | null;
  /** Why it was skipped (which fields are wrong). */
  reason: string;
  /** The start of the item as received, one line. */
  preview: string;
  firstAt: number;
  lastAt: number;
  /** How often it was received (a re-fetched reject is kept once). */
  times: number;
}

/** One outbox push (OutboxSender.sendDue): action requests sent and how they ended; `waiting` = still unsent. */
export interface PushSummary {
  sent: number;
  acked: number;
  rejected: number;
  conflict: number;
  waiting: number;
}

export interface SettingsView {
  endpoint: string | null;
  /** The access key id (not secret). */
  ak: string | null;
  /** Whether a secret key is stored; the SK itself is never returned. */
  hasSk: boolean;
  syncIntervalMinutes: number;
  language: 'en' | 'zh-CN';
  waitingThresholdDays: number;
  /** Colour theme: follow the OS (prefers-color-scheme), or always light / dark. */
  theme: 'system' | 'light' | 'dark';
  /** The seller's saved reject reasons (quick picks in the reject dialog); absent from an older main = none. */
  cannedReasons?: string[];
  /** The supervision table's column widths and hidden columns; absent from an older main = the defaults. */
  tableColumns?: TableColumns;
  /** The seller's saved views of the supervision list; absent from an older main = none. */
  savedViews?: SavedView[];
}

export interface AppInfo {
  version: string;
  demo: boolean;
  transport: 'electron' | 'browser-host';
}

export type {
  OutboxEntry,
  OutboxSummary,
  OutboxCounts,
  OrderActions,
  AttachmentInfo,
  AppNotification,
} from './contract-outbox';
