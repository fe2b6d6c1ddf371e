// Left navigation. Pages register here; the Sync Center and bills join the list in later issues.
import { useNav, useStores } from '../stores/StoresContext';
import type { PageId } from '../stores/nav-store';
import { useT } from '../i18n/use-t';
import type { MessageKey } from '../i18n/en';
import { Icon, type IconName } from './Icon';
import type { ComponentType } from 'react';
import { SyncNavBadge } from '../pages/sync-center/SyncNavBadge';

interface NavItem {
  page: PageId;
  label: MessageKey;
  icon: IconName;
  /** A count beside the label (the Sync Center's unsent / refused items). */
  badge?: ComponentType;
}

const MAIN_ITEMS: NavItem[] = [
  { page: 'supervision', label: 'nav.supervision', icon: 'supervision' },
  { page: 'proofs', label: 'nav.proofs', icon: 'file' },
  { page: 'bills', label: 'nav.bills', icon: 'bill' },
  { page: 'sync-center', label: 'nav.syncCenter', icon: 'outbox', badge: SyncNavBadge },
];
const FOOTER_ITEMS: NavItem[] = [{ page: 'settings', label: 'nav.settings', icon: 'settings' }];

export function Sidebar() {
  const t = useT();
  const page = useNav((s) => s.page);
  const { nav, proofs } = useStores();
  const go = (target: PageId) => {
    // "Delivery proofs" while its editor is open leaves the editor for the list; the draft is saved first (P4).
    if (target === 'proofs' && page === 'proofs') void proofs.getState().close();
    nav.getState().go(target);
  };
  const item = (it: NavItem) => (
    <li key={it.page}>
      <button
        type="button"
        className={page === it.page ? 'nav-item active' : 'nav-item'}
        aria-current={page === it.page ? 'page' : undefined}
        onClick={() => go(it.page)}
        data-testid={`nav-${it.page}`}
      >
        <Icon name={it.icon} size={18} />
        <span>{t(it.label)}</span>
        {it.badge && <it.badge />}
      </button>
    </li>
  );
  return (
    <aside className="sidebar">
      <div className="brand">
        <span className="brand-mark" aria-hidden="true">
          SD
        </span>
        <span className="brand-text">
          <span className="brand-name">{t('app.name')}</span>
          <span className="brand-tagline">{t('app.tagline')}</span>
        </span>
      </div>
      <nav aria-label={t('nav.label')} className="nav">
        <ul>{MAIN_ITEMS.map(item)}</ul>
        <ul className="nav-footer">{FOOTER_ITEMS.map(item)}</ul>
      </nav>
    </aside>
  );
}
