// The order detail panel: every order field, customer contact, timeline, request,
// validity, rejection counts (S5b), appeal flag (S5a), how long it has been waiting (S5).
import { useEffect, useRef } from 'react';
import { useDetail, useNow, useOrders, useSettings, useStores } from '../../stores/StoresContext';
import { DEFAULT_WAITING_DAYS } from '../../stores/settings-store';
import { StageBadge, StatusBadge, Pill } from '../../components/Badges';
import { Icon } from '../../components/Icon';
import { daysWaiting, isLongUnaccepted } from '../../lib/format';
import { useT } from '../../i18n/use-t';
import { OrderFacts, CustomerSection, SupervisionSection, RequestSection, DeliverySection } from './DetailSections';
import { Timeline } from './Timeline';
import { BillingSection } from './BillingSection';
import { ActionsSection } from './actions/ActionsSection';
import { PendingSyncPill } from './actions/PendingSyncPill';
import { DraftsSection } from '../proofs/DraftsSection';
import { errorText } from '../../lib/error-text';

export function DetailPanel() {
  const t = useT();
  const { detail: store, orders } = useStores();
  const detail = useDetail((s) => s.detail);
  const loading = useDetail((s) => s.loading);
  const error = useDetail((s) => s.error);
  const now = useNow();
  const threshold = useSettings((s) => s.settings?.waitingThresholdDays ?? DEFAULT_WAITING_DAYS);
  const closeRef = useRef<HTMLButtonElement>(null);
  const openId = useDetail((s) => s.orderLineId);
  // The shown line has left the filtered list (e.g. just rejected): say so here rather than highlight another row.
  const notInList = useOrders((s) => s.selectionGone && s.selectedId !== null && s.selectedId === openId);
  const clear = () => {
    store.getState().close();
    orders.getState().selectId(null);
  };

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      const target = e.target as HTMLElement | null;
      if (e.key !== 'Escape' || target?.closest('input, textarea, select, dialog')) return;
      store.getState().close();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [store]);

  const days = detail ? daysWaiting(detail, now) : null;
  return (
    <aside
      className="detail"
      aria-label={t('detail.label')}
      data-testid="detail-panel"
      data-order-line-id={openId ?? undefined}
      aria-busy={loading}
    >
      <header className="detail-header">
        <div className="detail-title">
          {detail ? (
            <>
              <h2 title={detail.productName}>{detail.productName}</h2>
              <div className="detail-sub mono">{detail.orderLineId}</div>
            </>
          ) : (
            <h2>{loading ? t('detail.loading') : t('detail.label')}</h2>
          )}
        </div>
        <button
          ref={closeRef}
          type="button"
          className="icon-btn"
          onClick={() => store.getState().close()}
          aria-label={t('detail.close')}
          title={t('detail.close')}
        >
          <Icon name="close" size={18} />
        </button>
      </header>
      {error && (
        <div className={error.code === 'offline' ? 'notice' : 'notice notice-error'} role="alert">
          {error.code === 'offline'
            ? t('detail.offline')
            : error.code === 'not_found'
              ? t('detail.notFound')
              : errorText(t, error)}
        </div>
      )}
      {notInList && (
        <div className="notice notice-left" role="status" data-testid="detail-not-in-list">
          <span>{t('detail.notInList')}</span>
          <button type="button" className="link small" onClick={clear} data-testid="detail-clear-selection">
            {t('detail.clearSelection')}
          </button>
        </div>
      )}
      {detail && (
        <div className="detail-body">
          <div className="detail-badges">
            <StatusBadge status={detail.status} />
            <StageBadge stage={detail.stage} />
            {detail.appealOpen && <Pill tone="danger">{t('order.appealOpen')}</Pill>}
            {detail.imported && <Pill tone="info">{t('order.imported')}</Pill>}
            <PendingSyncPill orderLineId={detail.orderLineId} />
          </div>
          {days !== null && (
            <div
              className={days > threshold ? 'waiting-banner overdue' : 'waiting-banner'}
              data-testid="detail-waiting"
            >
              <Icon name="clock" size={16} />
              <span>{t('detail.waiting', { n: days })}</span>
              {isLongUnaccepted(detail, now) && <Pill tone="danger">{t('order.longUnaccepted')}</Pill>}
            </div>
          )}
          <ActionsSection detail={detail} />
          <DraftsSection detail={detail} />
          <OrderFacts detail={detail} />
          <CustomerSection customer={detail.customer} />
          <SupervisionSection detail={detail} />
          <BillingSection detail={detail} />
          {detail.line.supervision?.request && (
            <RequestSection request={detail.line.supervision.request} orderLineId={detail.orderLineId} />
          )}
          {detail.line.supervision?.delivery && (
            <DeliverySection delivery={detail.line.supervision.delivery} orderLineId={detail.orderLineId} />
          )}
          {detail.line.supervision && <Timeline events={detail.line.supervision.events} />}
        </div>
      )}
      {!detail && loading && (
        <div className="detail-body">
          {Array.from({ length: 6 }, (_, i) => (
            <span key={i} className="skeleton block" />
          ))}
        </div>
      )}
    </aside>
  );
}
