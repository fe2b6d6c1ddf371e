// An attached file's category, changeable after upload (P3): a screenshot added under the wrong category is moved to
// the right one in place — same file (same SHA-256), no second upload — and the SOW then lists it under that category.
import { useState } from 'react';
import type { ProofAttachmentView } from '../../../common/api/contract-proofs';
import type { AttachmentCategory } from '../../../common/marketplace/wire';
import { useStores } from '../../stores/StoresContext';
import { useT } from '../../i18n/use-t';
import './redelivery.css';

export function FileCategorySelect({
  file,
  categories,
  draftId,
}: {
  file: ProofAttachmentView;
  categories: readonly AttachmentCategory[];
  draftId: string;
}) {
  const t = useT();
  const { api, proofs } = useStores();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const options = categories.includes(file.category) ? categories : [file.category, ...categories];

  const change = async (to: AttachmentCategory) => {
    if (to === file.category) return;
    setBusy(true);
    setError(null);
    await proofs.getState().flush();
    const r = await api['proofs:recategorize']({ draftId, sha256: file.sha256, from: file.category, to });
    setBusy(false);
    if (!r.ok) setError(t('attach.recategorizeFailed', { name: file.fileName, message: r.error.message }));
    else await proofs.getState().refreshEditor();
  };

  return (
    <>
      <select
        className="input file-category"
        value={file.category}
        disabled={busy}
        aria-label={t('attach.categoryOf', { name: file.fileName })}
        onChange={(e) => void change(e.target.value as AttachmentCategory)}
        data-testid="file-category"
      >
        {options.map((c) => (
          <option key={c} value={c}>
            {t(`category.${c}`)}
          </option>
        ))}
      </select>
      {error && (
        <span className="field-error block" role="alert">
          {error}
        </span>
      )}
    </>
  );
}
