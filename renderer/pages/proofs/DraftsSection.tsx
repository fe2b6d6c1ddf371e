// The order detail's delivery-proof section: "Deliver service" for an order the seller can
// deliver now (S3: awaiting_delivery or delivery_returned, not frozen by an appeal, S5a), "New draft", and the
// order's drafts with their last edit. Opening one shows the proof editor.
import { useEffect, useState } from 'react';
import type { OrderDetail } from '../../../common/api/types';
import type { ProofDraftSummary } from '../../../common/api/contract-proofs';
import { useStores } from '../../stores/StoresContext';
import { useLanguage, useT } from '../../i18n/use-t';
import { formatDateTime } from '../../lib/format';
import { Icon } from '../../components/Icon';
import { DraftStatePill } from './DraftStatePill';
import { ReturnReasonNote } from './ReturnReasonBanner';
import { useProofs } from './use-proofs';
import './proofs.css';

const DELIVERABLE = ['awaiting_delivery', 'delivery_returned'];

export function DraftsSection({ detail }: { detail: OrderDetail }) {
  const t = useT();
  const lang = useLanguage();
  const { proofs, nav } = useStores();
  const list = useProofs((s) => s.lists[detail.orderLineId]);
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<{ orderLineId: string; text: string } | null>(null);
  const orderLineId = detail.orderLineId;

  useEffect(() => {
    void proofs.getState().loadList(orderLineId);
  }, [proofs, orderLineId, detail.version]);

  // A failure belongs to the order it happened on (the panel may show another one since).
  const error = failure?.orderLineId === orderLineId ? failure.text : null;
  const drafts = list?.items ?? [];
  // A delivery already queued from a draft (pending sync) is the one that goes out: no second one meanwhile (P4).
  const deliverable =
    detail.stage !== null && DELIVERABLE.includes(detail.stage) && !drafts.some((d) => d.state === 'queued');
  if (!detail.line.supervision || (!deliverable && drafts.length === 0)) return null;

  const start = async (fresh: boolean) => {
    setBusy(true);
    setFailure(null);
    const err = await proofs.getState().openForOrder(orderLineId, fresh);
    setBusy(false);
    if (err) setFailure({ orderLineId, text: t('drafts.openFailed', { message: err.message }) });
    else nav.getState().toEditor(orderLineId);
  };
  const open = (d: ProofDraftSummary) => {
    void proofs.getState().open(d.id);
    nav.getState().toEditor(orderLineId);
  };

  return (
    <section className="detail-section drafts-section" data-testid="detail-drafts" aria-label={t('drafts.title')}>
      <h3>{t('drafts.title')}</h3>
      {deliverable && <ReturnReasonNote detail={detail} />}
      {deliverable && (
        <div className="drafts-actions">
          <button
            type="button"
            className="btn btn-primary"
            disabled={busy || detail.appealOpen}
            onClick={() => void start(false)}
            data-testid="deliver-service-open"
          >
            <Icon name="cloudUp" size={15} />
            {t('drafts.deliver')}
          </button>
          <button
            type="button"
            className="btn"
            disabled={busy || detail.appealOpen}
            onClick={() => void start(true)}
            data-testid="draft-new"
          >
            <Icon name="plus" size={15} />
            {t('drafts.new')}
          </button>
        </div>
      )}
      {deliverable && detail.appealOpen && <p className="muted small">{t('drafts.frozen')}</p>}
      {error && (
        <p className="field-error" role="alert">
          {error}
        </p>
      )}
      {drafts.length === 0 ? (
        <p className="muted small">{t('drafts.none')}</p>
      ) : (
        <ul className="draft-list" data-testid="draft-list">
          {drafts.map((d) => (
            <li key={d.id}>
              <button
                type="button"
                className="draft-row"
                onClick={() => open(d)}
                data-testid="draft-row"
                data-draft-id={d.id}
                data-state={d.state}
              >
                <Icon name="file" size={16} />
                <span className="draft-row-main">
                  <span className="draft-row-title">
                    {d.label ?? t('drafts.untitled', { at: formatDateTime(d.createdAt, lang) })}
                  </span>
                  <span className="muted small">
                    {t('drafts.lastEdit', { at: formatDateTime(d.lastEditAt, lang) })} ·{' '}
                    {t('drafts.filled', { n: d.filledItems })} · {t('drafts.files', { n: d.attachmentCount })}
                  </span>
                </span>
                <DraftStatePill state={d.state} />
              </button>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
