// Desktop notifications in Electron (issue 3 item 5): a new customer request, a returned delivery, a resolved
// appeal, an unsubscription request. A click brings the window forward and shows the order (`notification:open`,
// which the renderer turns into the order's detail). The browser host shows in-app toasts instead.
import { copyFile, mkdir } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { app, Notification, shell, type BrowserWindow } from 'electron';
import type { AppNotification, NotificationKind } from '../../common/api/contract-outbox';
import type { EventBus } from '../api/events';
import type { OpenableFile } from '../api/handlers-outbox';

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

export function showDesktopNotifications(deps: { events: EventBus; window: () => BrowserWindow | null; language: () => 'en' | 'zh-CN' }): () => void {
  if (!Notification.isSupported()) return () => undefined;
  return deps.events.on('notification', (n: AppNotification) => {
    const note = new Notification({ title: TITLES[deps.language()][n.kind], body: `${n.orderLineId} · ${n.productName}` });
    note.on('click', () => {
      const win = deps.window();
      if (win) {
        if (win.isMinimized()) win.restore();
        win.show();
        win.focus();
      }
      deps.events.emit('notification:open', { orderLineId: n.orderLineId });
    });
    note.show();
  });
}

/**
 * Opens a downloaded attachment with the system viewer (issue 3 item 7). The store names files by SHA-256 without an
 * extension, so a copy under its own name (in a per-file temp folder) is what the OS opens.
 */
export async function openWithSystemViewer(file: OpenableFile): Promise<void> {
  const dir = join(app.getPath('temp'), 'seller-desk-files', basename(file.path).slice(0, 16));
  await mkdir(dir, { recursive: true });
  // Characters no file system takes (Windows' set, and control characters) become "_".
  const safeName = [...basename(file.fileName)].map((c) => (c.charCodeAt(0) < 32 || '\\/:*?"<>|'.includes(c) ? '_' : c)).join('') || 'attachment';
  const target = join(dir, safeName);
  await copyFile(file.path, target);
  const error = await shell.openPath(target);
  if (error) throw new Error(`the system could not open "${safeName}": ${error}`);
}
