// Every delivery-proof draft, the last edited first, and "Export SOWs of selected orders"
//: one PDF per selected order in a folder — chosen in Electron; in the browser host written under the data
// folder and downloaded as one ZIP.
import { useEffect, useState } from 'react';
import type { ProofDraftListEntry } from '../../../common/api/contract-proofs';
import { useStores } from '../../stores/StoresContext';
import { useLanguage, useT } from '../../i18n/use-t';
import { formatDateTime } from '../../lib/format';
import { StageBadge } from '../../components/Badges';
import { Icon } from '../../components/Icon';
import { downloadBase64 } from './download';
import { DraftStatePill } from './DraftStatePill';
import { useProofs } from './use-proofs';

interface Outcome {
  tone: 'good' | 'error' | 'info';
  text: string;
}

export function DraftList() {
  const t = useT();
  const lang = useLanguage();
  const { proofs, nav } = useStores();
  const all = useProofs((s) => s.all);
  const [selected, setSelected] = useState<ReadonlySet<string>>(new Set());
  const [busy, setBusy] = useState(false);
  const [outcome, setOutcome] = useState<Outcome | null>(null);

  useEffect(() => {
    void proofs.getState().loadAll();
  }, [proofs]);

  const items = all.items ?? [];
  const lines = [...new Set(items.map((d) => d.orderLineId))];
  const toggle = (id: string, on: boolean) =>
    setSelected((s) => {
      const next = new Set(s);
      if (on) next.add(id);
      else next.delete(id);
      return next;
    });
  const exportSows = async () => {
    setBusy(true);
    setOutcome(null);
    const r = await proofs.getState().exportSows([...selected]);
    setBusy(false);
    if (!r.ok) return setOutcome({ tone: 'error', text: r.error.message });
    if (r.value.canceled) return setOutcome({ tone: 'info', text: t('proofs.exportCanceled') });
    if (r.value.download)
      downloadBase64(r.value.download.fileName, r.value.download.contentType, r.value.download.dataBase64);
    const failed = r.value.failed.map((f) => `${f.orderLineId} (${f.message})`).join('; ');
    setOutcome({
      tone: failed ? 'error' : 'good',
      text: `${t('proofs.exportedSows', { n: r.value.files.length, path: r.value.path ?? '' })}${failed ? ` ${t('proofs.exportFailed', { list: failed })}` : ''}`,
    });
  };
  const open = (d: ProofDraftListEntry) => {
    void proofs.getState().open(d.id);
    nav.getState().toEditor(null);
  };

  return (
    <div className="page proofs-list-page" data-testid="proofs-page">
      <header className="page-header">
        <div>
          <h1>{t('nav.proofs')}</h1>
          <p className="page-sub">
            {all.items === null ? t('proofs.loading') : t('proofs.count', { n: items.length })} · {t('proofs.sub')}
          </p>
        </div>
        <button
          type="button"
          className="btn btn-primary"
          disabled={busy || selected.size === 0}
          onClick={() => void exportSows()}
          title={t('proofs.exportSowsHint')}
          data-testid="export-sows"
        >
          <Icon name="download" size={15} />
          {busy ? t('proofs.exporting') : `${t('proofs.exportSows')}${selected.size ? ` (${selected.size})` : ''}`}
        </button>
      </header>
      {outcome && (
        <div
          className={`notice notice-${outcome.tone}`}
          role={outcome.tone === 'error' ? 'alert' : 'status'}
          data-testid="export-outcome"
        >
          {outcome.text}
        </div>
      )}
      {all.error && (
        <div className="notice notice-error" role="alert">
          {all.error.message}
        </div>
      )}
      <div className="card proof-card draft-table-card">
        {all.items !== null && items.length === 0 ? (
          <p className="muted empty-inline">{t('proofs.empty')}</p>
        ) : (
          <table className="draft-table" data-testid="draft-table">
            <thead>
              <tr>
                <th className="check-col">
                  <input
                    type="checkbox"
                    aria-label={t('proofs.selectAll')}
                    checked={lines.length > 0 && lines.every((l) => selected.has(l))}
                    onChange={(e) => setSelected(e.target.checked ? new Set(lines) : new Set())}
                  />
                </th>
                <th>{t('proofs.col.order')}</th>
                <th>{t('proofs.col.product')}</th>
                <th>{t('proofs.col.draft')}</th>
                <th>{t('proofs.col.state')}</th>
                <th>{t('proofs.col.lastEdit')}</th>
              </tr>
            </thead>
            <tbody>
              {items.map((d) => (
                <tr key={d.id} data-testid="draft-table-row" data-order-line-id={d.orderLineId}>
                  <td className="check-col">
                    <input
                      type="checkbox"
                      aria-label={t('proofs.selectOrder', { id: d.orderLineId })}
                      checked={selected.has(d.orderLineId)}
                      onChange={(e) => toggle(d.orderLineId, e.target.checked)}
                    />
                  </td>
                  <td className="mono">{d.orderLineId}</td>
                  <td>
                    {d.order ? (
                      <span className="draft-product">
                        <span className="ellipsis" title={d.order.productName}>
                          {d.order.productName}
                        </span>
                        <StageBadge stage={d.order.stage} />
                      </span>
                    ) : (
                      <span className="muted">{t('proofs.orderGone')}</span>
                    )}
                  </td>
                  <td>
                    <button type="button" className="link" onClick={() => open(d)} data-testid="draft-open">
                      {d.label ?? t('drafts.untitled', { at: formatDateTime(d.createdAt, lang) })}
                    </button>
                    <div className="muted small">
                      {t('drafts.filled', { n: d.filledItems })} · {t('drafts.files', { n: d.attachmentCount })}
                    </div>
                  </td>
                  <td>
                    <DraftStatePill state={d.state} />
                  </td>
                  <td className="muted">{formatDateTime(d.lastEditAt, lang)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </div>
    </div>
  );
}
