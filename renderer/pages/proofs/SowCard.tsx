// The statement of work in the editor: generate it from the order, the template and this draft,
// preview the PDF in the app (a blob: URL in a frame — the CSP allows `frame-src blob:`), attach it as the draft's
// `sow` attachment, open it full size (SowViewer: pages, zoom), or download it.
import { useEffect, useId, useMemo, useState } from 'react';
import type { SowDocument } from '../../../common/api/contract-proofs';
import { useStores } from '../../stores/StoresContext';
import { useLanguage, useT } from '../../i18n/use-t';
import { formatBytes, formatDateTime } from '../../lib/format';
import { base64ToBytes } from '../../lib/proof-view';
import { Icon } from '../../components/Icon';
import { SowViewer } from './SowViewer';

function usePdfUrl(doc: SowDocument | null): string | null {
  const url = useMemo(
    () => (doc ? URL.createObjectURL(new Blob([base64ToBytes(doc.dataBase64)], { type: 'application/pdf' })) : null),
    [doc],
  );
  useEffect(
    () => () => {
      if (url) URL.revokeObjectURL(url);
    },
    [url],
  );
  return url;
}

export interface SowCardProps {
  doc: SowDocument | null;
  revision: number;
  attached: boolean;
  busy: string | null;
  disabled: boolean;
  /**
   * P1–P3, V4: problems that keep the draft from producing a SOW (main refuses it too); shown with the way to the
   * first.
   */
  blocking: number;
  onShowProblem(): void;
}

export function SowCard({ doc, revision, attached, busy, disabled, blocking, onShowProblem }: SowCardProps) {
  const t = useT();
  const lang = useLanguage();
  const id = useId();
  const { proofs } = useStores();
  const url = usePdfUrl(doc);
  const stale = doc !== null && doc.revision !== null && doc.revision !== revision;
  const [viewing, setViewing] = useState(false);

  return (
    <section className="card proof-side-card" aria-labelledby={`${id}-title`} data-testid="sow-card">
      <h2 id={`${id}-title`}>
        <Icon name="file" size={16} />
        {t('sow.title')}
      </h2>
      <p className="field-hint">{t('sow.hint')}</p>
      <div className="sow-actions">
        <button
          type="button"
          className="btn"
          disabled={busy !== null || blocking > 0}
          aria-describedby={blocking > 0 ? `${id}-blocked` : undefined}
          onClick={() => void proofs.getState().generateSow()}
          data-testid="sow-generate"
        >
          <Icon name={busy === 'sow' ? 'sync' : 'file'} size={15} className={busy === 'sow' ? 'spin' : undefined} />
          {busy === 'sow' ? t('sow.generating') : doc ? t('sow.regenerate') : t('sow.generate')}
        </button>
        {doc && !disabled && (
          <button
            type="button"
            className="btn btn-primary"
            disabled={busy !== null || attached || blocking > 0}
            onClick={() => void proofs.getState().attachSow()}
            data-testid="sow-attach"
          >
            <Icon name={attached ? 'check' : 'plus'} size={15} />
            {busy === 'sow-attach' ? t('sow.attaching') : attached ? t('sow.attachedShort') : t('sow.attach')}
          </button>
        )}
      </div>
      {blocking > 0 && (
        <p className="field-error" id={`${id}-blocked`} data-testid="sow-blocked">
          {t('sow.blocked', { n: blocking })}{' '}
          <button type="button" className="link" onClick={onShowProblem} data-testid="sow-first-problem">
            {t('editor.firstProblem')}
          </button>
        </p>
      )}
      {doc && url && (
        <div className="sow-preview">
          <div className="sow-meta">
            <span className="muted small" data-testid="sow-meta">
              {t('sow.meta', { id: doc.documentId, size: formatBytes(doc.bytes, lang) })} ·{' '}
              {formatDateTime(doc.generatedAt, lang)}
            </span>
            <button
              type="button"
              className="btn btn-ghost btn-small"
              onClick={() => setViewing(true)}
              title={t('viewer.openHint')}
              data-testid="sow-full-size"
            >
              <Icon name="file" size={14} />
              {t('viewer.open')}
            </button>
            <a className="btn btn-ghost btn-small" href={url} download={doc.fileName} data-testid="sow-download">
              <Icon name="download" size={14} />
              {t('sow.download')}
            </a>
          </div>
          {stale && <p className="notice small">{t('sow.stale')}</p>}
          <iframe className="sow-frame" src={url} title={t('sow.preview')} data-testid="sow-preview" />
        </div>
      )}
      {doc && viewing && <SowViewer doc={doc} onClose={() => setViewing(false)} />}
    </section>
  );
}
