// Settings: marketplace endpoint, AK, SK (write-only), sync interval, waiting threshold,
// language. Errors appear beside their fields, from the contract's own schema and from main's answer.
import { useId, useState, type ReactNode } from 'react';
import { settingsPatch } from '../../../common/api/contract';
import type { SettingsView } from '../../../common/api/types';
import { useSettings, useStores } from '../../stores/StoresContext';
import { fieldErrors, type FieldErrors } from '../../lib/field-errors';
import { issueText } from '../../lib/issue-text';
import { LANGUAGES, type Language } from '../../i18n/languages';
import { useLanguage, useT } from '../../i18n/use-t';
import { SecretField } from './SecretField';
import { ConnectionTest } from './ConnectionTest';
import { canSave, draftIssues, draftOf, patchOf, type Draft } from '../../lib/settings-draft';
import { AccountFacts } from './AccountFacts';
import { CannedReasonsCard } from './CannedReasonsCard';
import { BackupsCard } from '../recovery/BackupsCard';
import { THEME_PREFERENCES, type ThemePreference } from '../../lib/theme';

function Field({
  label,
  error,
  hint,
  children,
}: {
  label: string;
  error?: string;
  hint?: string;
  children(id: string, describedBy: string): ReactNode;
}) {
  const id = useId();
  return (
    <div className="field">
      <label className="field-label" htmlFor={id}>
        {label}
      </label>
      {children(id, `${id}-note`)}
      {error ? (
        <span className="field-error" id={`${id}-note`} role="alert">
          {error}
        </span>
      ) : (
        hint && (
          <span className="field-hint" id={`${id}-note`}>
            {hint}
          </span>
        )
      )}
    </div>
  );
}

export function SettingsPage() {
  const t = useT();
  const saved = useSettings((s) => s.settings);
  if (!saved) return <div className="page settings">{t('table.loading')}</div>;
  return <SettingsForm saved={saved} />;
}

function SettingsForm({ saved }: { saved: SettingsView }) {
  const t = useT();
  const lang = useLanguage();
  const { settings: store } = useStores();
  const info = useSettings((s) => s.info);
  const [draft, setDraft] = useState<Draft>(() => draftOf(saved));
  const [replacingSk, setReplacingSk] = useState(false);
  // Main's refusals stay until their field is edited; the draft's own issues are worked out again on every render.
  const [refused, setRefused] = useState<FieldErrors>({});
  const [notice, setNotice] = useState<'saved' | 'failed' | null>(null);
  const [busy, setBusy] = useState(false);

  const patch = patchOf(draft, saved);
  const dirty = Object.keys(patch).length > 0;
  const errors: FieldErrors = { ...refused, ...draftIssues(draft, saved) };
  const edit = (p: Partial<Draft>) => {
    setDraft({ ...draft, ...p });
    setRefused((r) => Object.fromEntries(Object.entries(r).filter(([field]) => field !== '_' && !(field in p))));
    setNotice(null);
  };

  const save = async () => {
    const local = settingsPatch.safeParse(patch);
    if (!local.success) return; // the issues are already shown beside their fields and Save is off
    setBusy(true);
    const result = await store.getState().save(local.data);
    setBusy(false);
    if (!result.ok) {
      setRefused(fieldErrors(result.error));
      setNotice('failed');
      return;
    }
    setRefused({});
    setReplacingSk(false);
    setDraft(draftOf(result.value)); // the SK leaves the form as soon as it is stored
    setNotice('saved');
  };

  return (
    <div className="page settings">
      <header className="page-header">
        <div>
          <h1>{t('nav.settings')}</h1>
          <p className="page-sub">{t('settings.sub')}</p>
        </div>
      </header>
      <div className="settings-scroll">
        <form
          className="settings-form"
          onSubmit={(e) => {
            e.preventDefault();
            void save();
          }}
          noValidate
        >
          <section className="card">
            <h2>{t('settings.connection')}</h2>
            {info?.demo && <p className="notice">{t('settings.demoNotice')}</p>}
            <Field
              label={t('settings.endpoint')}
              error={issueText(errors.endpoint, t)}
              hint={t('settings.endpointHint')}
            >
              {(id, note) => (
                <input
                  id={id}
                  className={errors.endpoint ? 'input invalid' : 'input'}
                  value={draft.endpoint}
                  onChange={(e) => edit({ endpoint: e.target.value })}
                  placeholder="https://…"
                  aria-describedby={note}
                  spellCheck={false}
                  data-testid="settings-endpoint"
                />
              )}
            </Field>
            <Field label={t('settings.ak')} error={issueText(errors.ak, t)}>
              {(id, note) => (
                <input
                  id={id}
                  className={errors.ak ? 'input invalid' : 'input'}
                  value={draft.ak}
                  onChange={(e) => edit({ ak: e.target.value })}
                  aria-describedby={note}
                  spellCheck={false}
                  autoComplete="off"
                  data-testid="settings-ak"
                />
              )}
            </Field>
            <SecretField
              label={t('settings.sk')}
              stored={saved.hasSk}
              transport={info?.transport ?? null}
              replacing={replacingSk}
              value={draft.sk}
              error={issueText(errors.sk, t)}
              onReplace={(r) => {
                setReplacingSk(r);
                if (!r) edit({ sk: '' });
              }}
              onChange={(sk) => edit({ sk })}
            />
            <AccountFacts />
            <ConnectionTest dirty={dirty} />
          </section>
          <section className="card">
            <h2>{t('settings.behaviour')}</h2>
            <div className="field-pair">
              <Field
                label={t('settings.syncInterval')}
                error={issueText(errors.syncIntervalMinutes, t)}
                hint={t('settings.syncIntervalHint')}
              >
                {(id, note) => (
                  <input
                    id={id}
                    type="number"
                    min={1}
                    max={1440}
                    className={errors.syncIntervalMinutes ? 'input invalid' : 'input'}
                    value={draft.syncIntervalMinutes}
                    onChange={(e) => edit({ syncIntervalMinutes: e.target.value })}
                    aria-describedby={note}
                    data-testid="settings-interval"
                  />
                )}
              </Field>
              <Field
                label={t('settings.waitingDays')}
                error={issueText(errors.waitingThresholdDays, t)}
                hint={t('settings.waitingDaysHint')}
              >
                {(id, note) => (
                  <input
                    id={id}
                    type="number"
                    min={1}
                    max={365}
                    className={errors.waitingThresholdDays ? 'input invalid' : 'input'}
                    value={draft.waitingThresholdDays}
                    onChange={(e) => edit({ waitingThresholdDays: e.target.value })}
                    aria-describedby={note}
                    data-testid="settings-waiting-days"
                  />
                )}
              </Field>
            </div>
          </section>
          <div className="form-actions">
            {notice === 'saved' && (
              <span className="saved" role="status" data-testid="settings-saved">
                {t('settings.saved')}
              </span>
            )}
            {notice === 'failed' && (
              <span className="field-error" role="alert">
                {issueText(errors._, t) ?? t('settings.saveFailed')}
              </span>
            )}
            <button
              type="submit"
              className="btn btn-primary"
              disabled={!canSave(draft, saved) || busy}
              data-testid="settings-save"
            >
              {busy ? t('settings.saving') : t('settings.save')}
            </button>
          </div>
        </form>
        <section className="card">
          <h2>{t('settings.language')}</h2>
          <Field label={t('settings.languageLabel')} hint={t('settings.languageHint')}>
            {(id, note) => (
              <select
                id={id}
                className="input"
                value={lang}
                aria-describedby={note}
                data-testid="settings-language"
                onChange={(e) => void store.getState().setLanguage(e.target.value as Language)}
              >
                {LANGUAGES.map((l) => (
                  <option key={l} value={l}>
                    {t(`language.${l}`)}
                  </option>
                ))}
              </select>
            )}
          </Field>
        </section>
        <section className="card">
          <h2>{t('settings.appearance')}</h2>
          <Field label={t('settings.themeLabel')} hint={t('settings.themeHint')}>
            {(id, note) => (
              <select
                id={id}
                className="input"
                value={saved.theme}
                aria-describedby={note}
                data-testid="settings-theme"
                onChange={(e) => void store.getState().save({ theme: e.target.value as ThemePreference })}
              >
                {THEME_PREFERENCES.map((p) => (
                  <option key={p} value={p}>
                    {t(`settings.theme.${p}`)}
                  </option>
                ))}
              </select>
            )}
          </Field>
        </section>
        <CannedReasonsCard />
        <BackupsCard />
        {info && (
          <section className="card about">
            <h2>{t('settings.about')}</h2>
            <dl className="facts">
              <dt>{t('settings.version')}</dt>
              <dd>{info.version}</dd>
              <dt>{t('settings.transport')}</dt>
              <dd>{t(`transport.${info.transport}`)}</dd>
            </dl>
          </section>
        )}
      </div>
    </div>
  );
}
