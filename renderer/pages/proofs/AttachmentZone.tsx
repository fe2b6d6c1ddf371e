// Files of one attachment category (P3): drag and drop or a file picker; main checks type and size
// by content (`attachments:add`); each file shows a thumbnail (images), its name, size and SHA-256; removing one asks
// for confirmation.
import { useEffect, useId, useRef, useState, type DragEvent } from 'react';
import type { ProofAttachmentView } from '../../../common/api/contract-proofs';
import { ATTACHMENT_CATEGORIES, type AttachmentCategory } from '../../../common/marketplace/wire';
import { useStores } from '../../stores/StoresContext';
import type { PickedFile } from '../../stores/proofs-actions';
import { useLanguage, useT } from '../../i18n/use-t';
import { formatBytes } from '../../lib/format';
import { base64ToBytes } from '../../lib/proof-view';
import { Icon } from '../../components/Icon';
import { ConfirmDialog } from './ConfirmDialog';
import { FileCategorySelect } from './FileCategorySelect';
import { useEditor } from './use-proofs';

const TYPE_LABEL: Record<string, string> = {
  'application/pdf': 'PDF',
  'image/png': 'PNG',
  'image/jpeg': 'JPEG',
  'application/zip': 'ZIP',
  'application/msword': 'DOC',
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document': 'DOCX',
  'application/vnd.ms-excel': 'XLS',
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet': 'XLSX',
};

const picked = (files: FileList | null): PickedFile[] =>
  [...(files ?? [])].map((f) => ({
    name: f.name,
    size: f.size,
    read: async () => new Uint8Array(await f.arrayBuffer()),
  }));

function Thumbnail({ file }: { file: ProofAttachmentView }) {
  const { api } = useStores();
  const [url, setUrl] = useState<string | null>(null);
  const image = file.contentType === 'image/png' || file.contentType === 'image/jpeg';
  useEffect(() => {
    if (!image) return;
    let revoked = false;
    let made: string | null = null;
    void api['proofs:file-preview']({ sha256: file.sha256 }).then((r) => {
      if (!r.ok || revoked) return;
      made = URL.createObjectURL(new Blob([base64ToBytes(r.value.dataBase64)], { type: r.value.contentType }));
      setUrl(made);
    });
    return () => {
      revoked = true;
      if (made) URL.revokeObjectURL(made);
    };
  }, [api, file.sha256, image]);
  if (image && url) return <img className="file-thumb" src={url} alt="" data-testid="file-thumbnail" />;
  return (
    <span className="file-thumb file-thumb-doc" aria-hidden="true">
      <Icon name="file" size={18} />
      <span>{TYPE_LABEL[file.contentType ?? ''] ?? '?'}</span>
    </span>
  );
}

export interface AttachmentZoneProps {
  id: string;
  category: AttachmentCategory;
  disabled: boolean;
  describedBy?: string;
  /** "Other attachments": the user picks the category of what they add; the list shows every one of `categories`. */
  categories?: readonly AttachmentCategory[];
  onCategory?(c: AttachmentCategory): void;
}

export function AttachmentZone({ id, category, disabled, describedBy, categories, onCategory }: AttachmentZoneProps) {
  const t = useT();
  const lang = useLanguage();
  const { proofs } = useStores();
  const selectId = useId();
  const inputRef = useRef<HTMLInputElement>(null);
  const [over, setOver] = useState(false);
  const [removing, setRemoving] = useState<ProofAttachmentView | null>(null);
  const shown = categories ?? [category];
  const files = useEditor((e) => e.data?.draft.attachments) ?? [];
  const mine = files.filter((f) => shown.includes(f.category));
  const adding = useEditor((e) => e.adding) ?? [];
  const draftId = useEditor((e) => e.draftId);

  const add = (list: PickedFile[]) => {
    if (list.length && !disabled) void proofs.getState().addFiles(list, category);
  };
  const onDrop = (e: DragEvent) => {
    e.preventDefault();
    setOver(false);
    add(picked(e.dataTransfer.files));
  };

  return (
    <div className="attach">
      {!disabled && (
        <div
          className={over ? 'dropzone over' : 'dropzone'}
          onDragOver={(e) => {
            e.preventDefault();
            setOver(true);
          }}
          onDragLeave={() => setOver(false)}
          onDrop={onDrop}
          data-testid={`dropzone-${category}`}
        >
          <Icon name="cloudUp" size={20} />
          <span>
            {t('attach.drop')}{' '}
            <button
              type="button"
              className="link"
              id={id}
              aria-describedby={describedBy}
              onClick={() => inputRef.current?.click()}
            >
              {t('attach.choose')}
            </button>
          </span>
          <span className="muted small">{t('attach.types')}</span>
          {categories && onCategory && (
            <label className="dropzone-category" htmlFor={selectId}>
              <span className="field-label">{t('editor.category')}</span>
              <select
                id={selectId}
                className="input"
                value={category}
                onChange={(e) => onCategory(e.target.value as AttachmentCategory)}
                data-testid="other-category"
              >
                {categories.map((c) => (
                  <option key={c} value={c}>
                    {t(`category.${c}`)}
                  </option>
                ))}
              </select>
            </label>
          )}
          <input
            ref={inputRef}
            type="file"
            multiple
            className="file-input-hidden"
            tabIndex={-1}
            aria-hidden="true"
            accept=".pdf,.png,.jpg,.jpeg,.doc,.docx,.xls,.xlsx,.zip"
            onChange={(e) => {
              add(picked(e.target.files));
              e.target.value = '';
            }}
            data-testid={`attach-input-${categories ? 'other' : category}`}
          />
        </div>
      )}
      {adding.length > 0 && (
        <p className="muted small" aria-live="polite">
          {adding.map((n) => t('attach.adding', { name: n })).join(' ')}
        </p>
      )}
      {mine.length > 0 ? (
        <ul className="proof-files" data-testid={`files-${categories ? 'other' : category}`}>
          {mine.map((f) => (
            <li
              key={`${f.sha256}/${f.category}`}
              className="proof-file"
              data-testid="proof-file"
              data-sha256={f.sha256}
              data-category={f.category}
            >
              <Thumbnail file={f} />
              <span className="proof-file-main">
                <span className="file-name" title={f.fileName}>
                  {f.fileName}
                </span>
                <span className="muted small">
                  {categories &&
                    (disabled || !draftId ? (
                      `${t(`category.${f.category}`)} · `
                    ) : (
                      <>
                        <FileCategorySelect file={f} categories={OTHER_CATEGORIES} draftId={draftId} />
                        {' · '}
                      </>
                    ))}
                  {f.size === null ? <span className="danger">{t('attach.missing')}</span> : formatBytes(f.size, lang)}
                </span>
                <span className="sha mono" title={`SHA-256 ${f.sha256}`} data-testid="proof-file-sha">
                  SHA-256 {f.sha256}
                </span>
              </span>
              {!disabled && (
                <button
                  type="button"
                  className="icon-btn"
                  onClick={() => setRemoving(f)}
                  aria-label={t('attach.remove', { name: f.fileName })}
                  title={t('attach.remove', { name: f.fileName })}
                  data-testid="proof-file-remove"
                >
                  <Icon name="trash" size={16} />
                </button>
              )}
            </li>
          ))}
        </ul>
      ) : (
        disabled && <p className="muted small">{t('attach.none')}</p>
      )}
      {removing && (
        <ConfirmDialog
          title={t('attach.removeTitle', { name: removing.fileName })}
          confirmLabel={t('attach.removeConfirm')}
          danger
          onClose={() => setRemoving(null)}
          onConfirm={() => {
            void proofs.getState().removeFile(removing.sha256, removing.category);
            setRemoving(null);
          }}
          testId="remove-file-dialog"
        >
          <p className="muted">{t('attach.removeBody')}</p>
        </ConfirmDialog>
      )}
    </div>
  );
}

/**
 * Categories offered under "Other attachments": every P3 category but the appeal-only commitment letter, the one a
 * file gets unless the user picks another first — "Other", never the customer's "Request document" (which the seller
 * rarely delivers), then the ones sellers add most.
 */
const OTHER_ORDER: readonly AttachmentCategory[] = [
  'other',
  'deployment',
  'license_validity',
  'receipt',
  'acceptance',
  'sow',
  'request',
];
export const OTHER_CATEGORIES: readonly AttachmentCategory[] = [
  ...OTHER_ORDER,
  ...ATTACHMENT_CATEGORIES.filter((c) => c !== 'commitment_letter' && !OTHER_ORDER.includes(c)),
];
