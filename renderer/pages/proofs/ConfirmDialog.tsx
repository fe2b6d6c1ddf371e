// A modal confirmation (native <dialog>: focus trap, Esc closes): removing a file, deleting a draft, delivering.
import { useEffect, useId, useRef, type ReactNode } from 'react';
import { useT } from '../../i18n/use-t';
import { Icon } from '../../components/Icon';

export interface ConfirmDialogProps {
  title: string;
  children?: ReactNode;
  confirmLabel: string;
  busyLabel?: string;
  busy?: boolean;
  danger?: boolean;
  onConfirm(): void;
  onClose(): void;
  testId?: string;
  wide?: boolean;
}

export function ConfirmDialog({
  title,
  children,
  confirmLabel,
  busyLabel,
  busy,
  danger,
  onConfirm,
  onClose,
  testId,
  wide,
}: ConfirmDialogProps) {
  const t = useT();
  const id = useId();
  const ref = useRef<HTMLDialogElement>(null);
  const confirmRef = useRef<HTMLButtonElement>(null);
  useEffect(() => {
    const dialog = ref.current;
    if (dialog && !dialog.open) dialog.showModal();
    confirmRef.current?.focus();
  }, []);
  return (
    <dialog
      ref={ref}
      className={wide ? 'dialog dialog-wide' : 'dialog'}
      onClose={onClose}
      aria-labelledby={`${id}-title`}
      data-testid={testId}
    >
      <form
        method="dialog"
        onSubmit={(e) => {
          e.preventDefault();
          if (!busy) onConfirm();
        }}
      >
        <header className="dialog-header">
          <h2 id={`${id}-title`}>{title}</h2>
          <button type="button" className="icon-btn" onClick={onClose} aria-label={t('dialog.close')}>
            <Icon name="close" size={18} />
          </button>
        </header>
        {children}
        <footer className="dialog-footer">
          <button type="button" className="btn btn-ghost" onClick={onClose}>
            {t('dialog.cancel')}
          </button>
          <button
            ref={confirmRef}
            type="submit"
            className={danger ? 'btn btn-danger' : 'btn btn-primary'}
            disabled={busy}
            data-testid={testId ? `${testId}-confirm` : undefined}
          >
            {busy && busyLabel ? busyLabel : confirmLabel}
          </button>
        </footer>
      </form>
    </dialog>
  );
}
