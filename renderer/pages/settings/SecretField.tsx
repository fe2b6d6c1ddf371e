// The SK field: write-only. Once stored it is never shown again — only "stored"
// and a "Replace" action that opens an empty password input.
import { useId } from 'react';
import { useT } from '../../i18n/use-t';
import { Icon } from '../../components/Icon';
import type { AppInfo } from '../../../common/api/types';

interface Props {
  label: string;
  stored: boolean;
  replacing: boolean;
  value: string;
  error?: string;
  /** Where the SK is kept depends on who runs main (main/settings/credential-store.ts); null while unknown. */
  transport: AppInfo['transport'] | null;
  onReplace(replacing: boolean): void;
  onChange(value: string): void;
}

export function SecretField({ label, stored, replacing, value, error, transport, onReplace, onChange }: Props) {
  const t = useT();
  const id = useId();
  const editing = !stored || replacing;
  return (
    <div className="field">
      <label className="field-label" htmlFor={id}>
        {label}
      </label>
      {editing ? (
        <div className="secret-edit">
          <input
            id={id}
            type="password"
            className={error ? 'input invalid' : 'input'}
            value={value}
            autoComplete="new-password"
            spellCheck={false}
            placeholder={stored ? t('settings.skReplacePlaceholder') : t('settings.skPlaceholder')}
            aria-invalid={error ? true : undefined}
            aria-describedby={error ? `${id}-error` : `${id}-hint`}
            onChange={(e) => onChange(e.target.value)}
            data-testid="settings-sk"
          />
          {stored && (
            <button type="button" className="btn btn-ghost" onClick={() => onReplace(false)}>
              {t('dialog.cancel')}
            </button>
          )}
        </div>
      ) : (
        <div className="secret-stored" data-testid="settings-sk-stored">
          <span className="pill pill-good">
            <Icon name="lock" size={13} /> {t('settings.skStored')}
          </span>
          <button
            type="button"
            className="btn btn-small"
            onClick={() => onReplace(true)}
            data-testid="settings-sk-replace"
          >
            {t('settings.skReplace')}
          </button>
        </div>
      )}
      {error ? (
        <span className="field-error" id={`${id}-error`} role="alert">
          {error}
        </span>
      ) : (
        <span className="field-hint" id={`${id}-hint`} data-testid="settings-sk-hint">
          {/* Electron: safeStorage (the system keychain); the browser host and the CLI: a 0600 file in the data
              folder. */}
          {transport === 'electron'
            ? t('settings.skHintElectron')
            : transport === 'browser-host'
              ? t('settings.skHintFile')
              : t('settings.skHintUnknown')}
        </span>
      )}
    </div>
  );
}
