// Shapes that cross the boundary between main and the renderer.
import type { Customer, OrderStatus, Stage, SupervisionProcess, WireOrderLine } from '../marketplace/wire';

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
  phase: 'idle' | 'orders' | 'templates' | 'done' | 'error';
  pages: number;
  lines: number;
  /** 0–100 when the total is known, otherwise null. */
  percent: number | null;
}

export interface SyncStatus {
  configured: boolean;
  online: boolean;
  syncing: boolean;
  lastSyncAt: number | null;
  lastError: string | null;
  progress: SyncProgress;
  cachedLines: number;
  demo: boolean;
  /** What the last run pushed from the outbox before it pulled (issue 3 item 6); absent before the first run. */
  lastPush?: PushSummary | null;
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
}

export interface AppInfo {
  version: string;
  demo: boolean;
  transport: 'electron' | 'browser-host';
}

export type { OutboxEntry, OutboxSummary, OutboxCounts, OrderActions, AttachmentInfo, AppNotification } from './contract-outbox';
