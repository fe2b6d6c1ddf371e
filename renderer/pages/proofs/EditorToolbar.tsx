// The editor's header tools: the save indicator ("Saving…" / "Saved 12:03:41"), "Export proof
// package" (a download in the browser host, a save dialog in Electron), delete, and "Deliver service".
import type { EditorSession } from '../../stores/proofs-store';
import { useStores } from '../../stores/StoresContext';
import { useT } from '../../i18n/use-t';
import { Icon } from '../../components/Icon';
import { downloadBase64 } from './download';

const time = (ms: number): string => {
  const d = new Date(ms);
  return [d.getHours(), d.getMinutes(), d.getSeconds()].map((n) => String(n).padStart(2, '0')).join(':');
};

function SaveIndicator({ editor }: { editor: EditorSession }) {
  const t = useT();
  const { status, savedAt, error } = editor.save;
  let text: string;
  if (status === 'saving') text = t('editor.saving');
  else if (status === 'pending') text = t('editor.unsaved');
  else if (status === 'error')
    text =
      error && ['validation', 'conflict', 'not_found'].includes(error.code)
        ? t('editor.saveRefused', { message: error.message })
        : t('editor.saveFailed');
  else text = savedAt === null ? '' : t('editor.saved', { time: time(savedAt) });
  return (
    <span
      className={`save-state save-${status}`}
      data-testid="save-state"
      data-status={status}
      aria-live="polite"
      title={t('editor.shortcut')}
    >
      {status === 'saved' && savedAt !== null && <Icon name="check" size={14} />}
      {status === 'saving' && <Icon name="sync" size={14} className="spin" />}
      {status === 'error' && <Icon name="alert" size={14} />}
      {text}
    </span>
  );
}

export interface EditorToolbarProps {
  editor: EditorSession;
  readOnly: boolean;
  problems: number;
  /** P1–P3, V4: problems that keep the draft from producing a package (main refuses it too). */
  blocking: number;
  onDeliver(): void;
  onDelete(): void;
}

export function EditorToolbar({ editor, readOnly, problems, blocking, onDeliver, onDelete }: EditorToolbarProps) {
  const t = useT();
  const { proofs } = useStores();
  const exportPackage = async () => {
    const r = await proofs.getState().exportPackage();
    if (r?.download) downloadBase64(r.download.fileName, r.download.contentType, r.download.dataBase64);
  };
  return (
    <div className="proof-toolbar">
      {!readOnly && <SaveIndicator editor={editor} />}
      <button
        type="button"
        className="btn"
        disabled={editor.busy !== null || blocking > 0}
        title={blocking > 0 ? t('editor.exportBlocked', { n: blocking }) : undefined}
        aria-describedby={blocking > 0 && !readOnly ? 'outputs-blocked' : undefined}
        onClick={() => void exportPackage()}
        data-testid="export-package"
        data-blocked={blocking > 0 || undefined}
      >
        <Icon name="download" size={15} />
        {editor.busy === 'export' ? t('editor.exporting') : t('editor.exportPackage')}
      </button>
      {!readOnly && (
        <>
          <button
            type="button"
            className="icon-btn"
            onClick={onDelete}
            aria-label={t('editor.delete')}
            title={t('editor.delete')}
            disabled={editor.busy !== null}
            data-testid="draft-delete"
          >
            <Icon name="trash" size={16} />
          </button>
          <button
            type="button"
            className="btn btn-primary"
            onClick={onDeliver}
            disabled={editor.busy !== null || editor.data?.draft.state === 'conflict'}
            title={problems ? t('editor.problems', { n: problems }) : t('editor.ready')}
            data-testid="deliver-service"
          >
            <Icon name="cloudUp" size={15} />
            {t('deliver.button')}
          </button>
        </>
      )}
    </div>
  );
}
