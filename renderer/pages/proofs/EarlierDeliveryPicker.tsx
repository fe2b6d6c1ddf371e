// "Start from an earlier delivery of this product": lists the deliveries of the draft's product known on this
// computer (order, customer, when delivered, how much it held) and fills the draft from the chosen one — its items
// (P1), enabling time (P2, kept only within this order's bounds, V4) and files by their SHA-256 (P3). A draft that
// already holds something is replaced only after the user confirms.
import { useEffect, useId, useRef, useState } from 'react';
import type { ProofEarlierDelivery, ProofEditorData } from '../../../common/api/contract-proofs';
import { isEmptyValue } from '../../../common/domain/proof-rules';
import { useStores } from '../../stores/StoresContext';
import { useLanguage, useT } from '../../i18n/use-t';
import { formatDateTime } from '../../lib/format';
import { Icon } from '../../components/Icon';
import { errorText } from '../../lib/error-text';
import { ConfirmDialog } from './ConfirmDialog';
import { useEditor } from './use-proofs';
import './redelivery.css';

type Listing =
  { state: 'loading' } | { state: 'failed'; message: string } | { state: 'ready'; items: ProofEarlierDelivery[] };

export function EarlierDeliveryPicker({ data }: { data: ProofEditorData }) {
  const t = useT();
  const lang = useLanguage();
  const id = useId();
  const { api, proofs } = useStores();
  const ref = useRef<HTMLDialogElement>(null);
  const [open, setOpen] = useState(false);
  const [listing, setListing] = useState<Listing>({ state: 'loading' });
  const [chosen, setChosen] = useState<ProofEarlierDelivery | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const content = useEditor((e) => e.content);
  const enablingTime = useEditor((e) => e.enablingTime);
  const draftId = data.draft.id;
  const editable = data.draft.state === 'editing' || data.draft.state === 'conflict';

  useEffect(() => {
    if (!open) return;
    const dialog = ref.current;
    if (dialog && !dialog.open) dialog.showModal();
    let live = true;
    void api['proofs:earlier-deliveries']({ draftId }).then((r) => {
      if (live) setListing(r.ok ? { state: 'ready', items: r.value } : { state: 'failed', message: r.error.message });
    });
    return () => {
      live = false;
    };
  }, [open, api, draftId]);

  if (!editable) return null;
  const holdsSomething =
    Object.values(content ?? {}).some((v) => !isEmptyValue(v)) ||
    data.draft.attachments.length > 0 ||
    (enablingTime ?? null) !== null;
  const when = (ms: number | null) => (ms === null ? t('redelivery.unknownDate') : formatDateTime(ms, lang));

  const close = () => {
    ref.current?.close();
    setOpen(false);
    setChosen(null);
    setError(null);
  };
  const fill = async (from: ProofEarlierDelivery) => {
    setBusy(true);
    setError(null);
    // Pending edits first, so the replacement is judged against exactly what the user sees.
    await proofs.getState().flush();
    const r = await api['proofs:prefill']({ draftId, fromOrderLineId: from.orderLineId });
    setBusy(false);
    if (!r.ok) {
      setChosen(null);
      setError(t('earlier.failed', { message: errorText(t, r.error) }));
      return;
    }
    await proofs.getState().refreshEditor();
    close();
  };
  const use = (d: ProofEarlierDelivery) => {
    if (holdsSomething) setChosen(d);
    else void fill(d);
  };

  return (
    <>
      <button
        type="button"
        className="btn btn-small earlier-open"
        onClick={() => {
          setListing({ state: 'loading' });
          setOpen(true);
        }}
        data-testid="earlier-delivery-open"
      >
        <Icon name="retry" size={14} />
        {t('earlier.open')}
      </button>
      {open && (
        <dialog
          ref={ref}
          className="dialog dialog-wide"
          onClose={close}
          aria-labelledby={`${id}-title`}
          data-testid="earlier-delivery-dialog"
        >
          <header className="dialog-header">
            <h2 id={`${id}-title`}>{t('earlier.title')}</h2>
            <button type="button" className="icon-btn" onClick={close} aria-label={t('dialog.close')}>
              <Icon name="close" size={18} />
            </button>
          </header>
          <p className="muted small">{t('earlier.hint')}</p>
          {error && (
            <p className="notice notice-error" role="alert" data-testid="earlier-error">
              {error}
            </p>
          )}
          {listing.state === 'loading' && <p className="muted">{t('earlier.loading')}</p>}
          {listing.state === 'failed' && (
            <p className="notice notice-error" role="alert">
              {t('earlier.loadFailed', { message: listing.message })}
            </p>
          )}
          {listing.state === 'ready' && listing.items.length === 0 && (
            <p className="muted" data-testid="earlier-none">
              {t('earlier.none')}
            </p>
          )}
          {listing.state === 'ready' && listing.items.length > 0 && (
            <div className="earlier-list">
              <table className="earlier-table">
                <thead>
                  <tr>
                    <th scope="col">{t('earlier.order')}</th>
                    <th scope="col">{t('earlier.customer')}</th>
                    <th scope="col">{t('earlier.delivered')}</th>
                    <th scope="col">{t('earlier.contents')}</th>
                    <th scope="col">
                      <span className="visually-hidden">{t('earlier.use')}</span>
                    </th>
                  </tr>
                </thead>
                <tbody>
                  {listing.items.map((d) => (
                    <tr key={d.orderLineId} data-testid="earlier-delivery" data-order-line-id={d.orderLineId}>
                      <td className="mono">
                        {d.orderId}
                        {d.sameOrder && <span className="muted small"> · {t('earlier.thisOrder')}</span>}
                      </td>
                      <td>{d.customerName}</td>
                      <td>{when(d.deliveredAt)}</td>
                      <td className="muted small">
                        {t('earlier.items', { n: d.itemCount })} · {t('earlier.files', { n: d.fileCount })}
                      </td>
                      <td>
                        <button
                          type="button"
                          className="btn btn-small btn-primary"
                          disabled={busy}
                          onClick={() => use(d)}
                          aria-label={t('earlier.useLabel', { orderId: d.orderId })}
                          data-testid="earlier-use"
                        >
                          {busy && !chosen ? t('earlier.filling') : t('earlier.use')}
                        </button>
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
          <footer className="dialog-footer">
            <button type="button" className="btn btn-ghost" onClick={close}>
              {t('dialog.cancel')}
            </button>
          </footer>
          {chosen && (
            <ConfirmDialog
              title={t('earlier.confirmTitle')}
              confirmLabel={t('earlier.confirm')}
              busyLabel={t('earlier.filling')}
              busy={busy}
              danger
              onClose={() => setChosen(null)}
              onConfirm={() => void fill(chosen)}
              testId="earlier-confirm"
            >
              <p className="muted">
                {t('earlier.confirmBody', { orderId: chosen.orderId, at: when(chosen.deliveredAt) })}
              </p>
            </ConfirmDialog>
          )}
        </dialog>
      )}
    </>
  );
}
