// The frame of every action dialog: a native modal <dialog> (focus stays inside, Esc closes),
// focus on the first field (or the confirm button), Ctrl/⌘+Enter submits from anywhere, plain Enter submits
// only where it cannot be a newline. Mounted only while open, so each opening starts fresh.
import { useEffect, useId, useRef, type ReactNode } from 'react';
import { useT } from '../../../i18n/use-t';
import { Icon } from '../../../components/Icon';

export interface ActionDialogProps {
  title: string;
  /** A sentence under the title: what the action does. */
  intro?: ReactNode;
  submitLabel: string;
  tone?: 'primary' | 'danger';
  busy: boolean;
  /** Why the last submit failed (shown above the buttons). */
  error?: string | null;
  wide?: boolean;
  testId: string;
  /** Show "Ctrl+Enter to submit" (dialogs with a text area). */
  submitHint?: boolean;
  onSubmit(): void;
  onClose(): void;
  children?: ReactNode;
}

export function ActionDialog(props: ActionDialogProps) {
  const t = useT();
  const id = useId();
  const ref = useRef<HTMLDialogElement>(null);
  const { onClose } = props;

  useEffect(() => {
    const dialog = ref.current;
    if (!dialog) return;
    if (!dialog.open) dialog.showModal();
    // showModal() focuses the first focusable element (the close button); the form says which one it wants.
    dialog.querySelector<HTMLElement>('[data-autofocus]')?.focus();
  }, []);

  return (
    <dialog
      ref={ref}
      className={props.wide ? 'dialog dialog-wide action-dialog' : 'dialog action-dialog'}
      onClose={onClose}
      aria-labelledby={`${id}-title`}
      aria-describedby={props.intro ? `${id}-intro` : undefined}
      data-testid={props.testId}
    >
      <form
        method="dialog"
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          if (!props.busy) props.onSubmit();
        }}
        onKeyDown={(e) => {
          if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) {
            e.preventDefault();
            if (!props.busy) props.onSubmit();
          }
        }}
      >
        <header className="dialog-header">
          <h2 id={`${id}-title`}>{props.title}</h2>
          <button type="button" className="icon-btn" onClick={onClose} aria-label={t('dialog.close')}>
            <Icon name="close" size={18} />
          </button>
        </header>
        {props.intro && (
          <p className="dialog-intro" id={`${id}-intro`}>
            {props.intro}
          </p>
        )}
        {props.children}
        {props.error && (
          <div className="notice notice-error" role="alert" data-testid="action-error">
            {props.error}
          </div>
        )}
        <footer className="dialog-footer">
          {props.submitHint && <span className="dialog-hint">{t('form.submitHint')}</span>}
          <button type="button" className="btn btn-ghost" onClick={onClose}>
            {t('dialog.cancel')}
          </button>
          <button
            type="submit"
            className={props.tone === 'danger' ? 'btn btn-danger' : 'btn btn-primary'}
            disabled={props.busy}
            aria-busy={props.busy}
            data-testid="action-submit"
            // A confirmation without fields: its button takes the focus, so Enter confirms.
            {...(props.children ? {} : { 'data-autofocus': true })}
          >
            {props.busy && <Icon name="sync" size={14} className="spin" />}
            {props.submitLabel}
          </button>
        </footer>
      </form>
    </dialog>
  );
}
