// Attachments of an appeal or an unsubscription review: files go to main's attachment store
// at once (type sniffed from the content, stored by SHA-256); each gets a category (P3). The limits are shown.
import { useId, useRef, useState } from 'react';
import { MAX_FILE_BYTES } from '../../../../common/api/contract-outbox';
import { MAX_ATTACHMENTS } from '../../../../common/api/action-payloads';
import { ATTACHMENT_CATEGORIES, type AttachmentCategory } from '../../../../common/marketplace/wire';
import { useStores } from '../../../stores/StoresContext';
import { useLanguage, useT } from '../../../i18n/use-t';
import { formatBytes } from '../../../lib/format';
import { Icon } from '../../../components/Icon';
import type { DraftFile, FilesProblem } from './drafts';

export interface AttachmentsFieldProps {
  files: DraftFile[];
  onChange(files: DraftFile[]): void;
  /** The category a new file gets. */
  defaultCategory: AttachmentCategory;
  problem: FilesProblem | null;
  showProblem: boolean;
  serverError?: string | null;
}

/** The file's bytes as base64 (what `attachments:add` takes over either transport). */
function readBase64(file: File): Promise<string> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve(String(reader.result).replace(/^data:[^,]*,/, ''));
    reader.onerror = () => reject(reader.error ?? new Error('read failed'));
    reader.readAsDataURL(file);
  });
}

export function AttachmentsField(props: AttachmentsFieldProps) {
  const t = useT();
  const lang = useLanguage();
  const id = useId();
  const { api } = useStores();
  const input = useRef<HTMLInputElement>(null);
  const [adding, setAdding] = useState(0);
  const [errors, setErrors] = useState<string[]>([]);

  const add = async (list: FileList | null) => {
    if (!list || list.length === 0) return;
    const problems: string[] = [];
    const chosen = [...list];
    // The list as it is now; files added below are appended to it one by one.
    let acc = props.files;
    setAdding(chosen.length);
    for (const file of chosen) {
      if (acc.length >= MAX_ATTACHMENTS) {
        problems.push(t('files.tooMany'));
        break;
      }
      if (file.size > MAX_FILE_BYTES) {
        problems.push(t('files.tooLarge', { name: file.name }));
        continue;
      }
      try {
        const r = await api['attachments:add']({ fileName: file.name, dataBase64: await readBase64(file) });
        if (!r.ok) {
          problems.push(t('files.failed', { name: file.name, message: r.error.message }));
          continue;
        }
        const stored = r.value;
        // The same file twice in the same category is one attachment (the contract refuses the duplicate).
        if (!acc.some((f) => f.sha256 === stored.sha256 && f.category === props.defaultCategory)) {
          acc = [...acc, { ...stored, category: props.defaultCategory }];
          props.onChange(acc);
        }
      } catch (err) {
        problems.push(
          t('files.failed', { name: file.name, message: err instanceof Error ? err.message : String(err) }),
        );
      } finally {
        setAdding((n) => n - 1);
      }
    }
    setAdding(0);
    setErrors(problems);
    if (input.current) input.current.value = '';
  };

  const setCategory = (index: number, category: AttachmentCategory) =>
    props.onChange(props.files.map((f, i) => (i === index ? { ...f, category } : f)));
  const remove = (index: number) => props.onChange(props.files.filter((_, i) => i !== index));
  const problem =
    props.showProblem && props.problem
      ? props.problem === 'tooMany'
        ? t('files.tooMany')
        : t('appeal.letterRequired')
      : (props.serverError ?? null);

  return (
    <div className="field files-field" role="group" aria-labelledby={`${id}-label`} aria-describedby={`${id}-limits`}>
      <div className="field-top">
        <span className="field-label" id={`${id}-label`}>
          {t('files.label')}
        </span>
        <span className="counter">{`${props.files.length} / ${MAX_ATTACHMENTS}`}</span>
      </div>
      {props.files.length > 0 && (
        <ul className="file-list" data-testid="action-files">
          {props.files.map((f, i) => (
            <li key={`${f.sha256}/${i}`}>
              <Icon name="file" size={16} />
              <span className="file-name" title={f.fileName}>
                {f.fileName}
              </span>
              <span className="muted small num">{f.size === null ? '' : formatBytes(f.size, lang)}</span>
              <select
                className="input input-small"
                value={f.category}
                onChange={(e) => setCategory(i, e.target.value as AttachmentCategory)}
                aria-label={t('files.category', { name: f.fileName })}
                data-testid="file-category"
              >
                {ATTACHMENT_CATEGORIES.map((c) => (
                  <option key={c} value={c}>
                    {t(`category.${c}`)}
                  </option>
                ))}
              </select>
              <button
                type="button"
                className="icon-btn"
                onClick={() => remove(i)}
                aria-label={t('files.remove', { name: f.fileName })}
              >
                <Icon name="close" size={15} />
              </button>
            </li>
          ))}
        </ul>
      )}
      <div className="files-add">
        <button
          type="button"
          className="btn btn-small"
          onClick={() => input.current?.click()}
          disabled={adding > 0 || props.files.length >= MAX_ATTACHMENTS}
        >
          {adding > 0 ? <Icon name="sync" size={13} className="spin" /> : <Icon name="plus" size={13} />}
          {adding > 0 ? t('files.adding') : t('files.add')}
        </button>
        <span className="field-hint" id={`${id}-limits`}>
          {t('files.limits')}
        </span>
        <input
          ref={input}
          type="file"
          multiple
          hidden
          accept=".pdf,.png,.jpg,.jpeg,.doc,.docx,.xls,.xlsx,.zip,application/pdf,image/png,image/jpeg"
          onChange={(e) => void add(e.target.files)}
          data-testid="file-input"
        />
      </div>
      {[...errors, ...(problem ? [problem] : [])].map((e) => (
        <span key={e} className="field-error" role="alert">
          {e}
        </span>
      ))}
    </div>
  );
}
