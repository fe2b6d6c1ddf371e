// Desktop notifications in Electron: a new customer request, a returned delivery, a resolved
// appeal, an unsubscription request — a click brings the window forward and shows the order (`notification:open`,
// which the renderer turns into the order's detail); and a new bill or revision (B5), whose click shows the bill
// (`bills:open`). The browser host shows in-app toasts instead.
import { copyFile, mkdir } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { app, Notification, shell, type BrowserWindow } from 'electron';
import type { AppNotification, NotificationKind } from '../../common/api/contract-outbox';
import type { BillChange } from '../../common/api/contract-bills';
import type { EventBus } from '../api/events';
import type { OpenableFile } from '../outbox/handlers';

const TITLES: Record<'en' | 'zh-CN', Record<NotificationKind, string>> = {
  en: {
    request_submitted: 'New customer request',
    delivery_returned: 'Delivery returned by the customer',
    appeal_resolved: 'Appeal resolved',
    unsubscription_requested: 'Unsubscription requested',
  },
  'zh-CN': {
    request_submitted: '客户提交了新需求',
    delivery_returned: '客户退回了交付',
    appeal_resolved: '申诉已处理',
    unsubscription_requested: '客户申请退订',
  },
};

export function showDesktopNotifications(deps: {
  events: EventBus;
  window: () => BrowserWindow | null;
  language: () => 'en' | 'zh-CN';
}): () => void {
  if (!Notification.isSupported()) return () => undefined;
  const focus = (): void => {
    const win = deps.window();
    if (win) {
      if (win.isMinimized()) win.restore();
      win.show();
      win.focus();
    }
  };
  const offOrders = deps.events.on('notification', (n: AppNotification) => {
    const note = new Notification({
      title: TITLES[deps.language()][n.kind],
      body: `${n.orderLineId} · ${n.productName}`,
    });
    note.on('click', () => {
      focus();
      deps.events.emit('notification:open', { orderLineId: n.orderLineId });
    });
    note.show();
  });
  // B5: a pull stored a new bill or a new revision of one; a click shows it (or the Bills page, for several).
  const offBills = deps.events.on('bills:changed', ({ bills }) => {
    if (bills.length === 0) return;
    const text = billsNotificationText(bills, deps.language());
    const note = new Notification(text);
    note.on('click', () => {
      focus();
      deps.events.emit('bills:open', { billId: bills.length === 1 ? bills[0].billId : null });
    });
    note.show();
  });
  return () => {
    offOrders();
    offBills();
  };
}

/** The desktop notification's words for what one pull stored (B5). */
export function billsNotificationText(
  bills: readonly BillChange[],
  language: 'en' | 'zh-CN',
): { title: string; body: string } {
  const zh = language === 'zh-CN';
  const fresh = bills.filter((b) => b.isNew).length;
  const revised = bills.length - fresh;
  const title = fresh > 0 ? (zh ? '新账单' : 'New bill') : zh ? '账单已修订' : 'Bill revised';
  if (bills.length === 1) {
    const b = bills[0];
    const period = `${b.billingPeriod.slice(0, 4)}-${b.billingPeriod.slice(4)}`;
    return {
      title,
      body: `${b.billId} · ${period} · ${b.currency} · ${zh ? `版本 ${b.revision}` : `revision ${b.revision}`}`,
    };
  }
  const parts = zh
    ? [fresh > 0 ? `${fresh} 张新账单` : null, revised > 0 ? `${revised} 张账单已修订` : null]
    : [
        fresh > 0 ? `${fresh} new bill${fresh === 1 ? '' : 's'}` : null,
        revised > 0 ? `${revised} revised bill${revised === 1 ? '' : 's'}` : null,
      ];
  return { title, body: parts.filter(Boolean).join(zh ? '、' : ', ') };
}

/**
 * Opens a downloaded attachment with the system viewer. The store names files by SHA-256 without an
 * extension, so a copy under its own name (in a per-file temp folder) is what the OS opens.
 */
export async function openWithSystemViewer(file: OpenableFile): Promise<void> {
  const dir = join(app.getPath('temp'), 'seller-desk-files', basename(file.path).slice(0, 16));
  await mkdir(dir, { recursive: true });
  // Characters no file system takes (Windows' set, and control characters) become "_".
  const safeName =
    [...basename(file.fileName)].map((c) => (c.charCodeAt(0) < 32 || '\\/:*?"<>|'.includes(c) ? '_' : c)).join('') ||
    'attachment';
  const target = join(dir, safeName);
  await copyFile(file.path, target);
  const error = await shell.openPath(target);
  if (error) throw new Error(`the system could not open "${safeName}": ${error}`);
}
