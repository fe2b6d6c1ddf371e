// Settings' saved reject reasons: the seller's own list, offered as quick picks in the reject dialog. Each change
// saves the whole list through `settings:set` (common/api/contract.ts `cannedReasons`); a reason is what a reject
// reason may be, 1–2000 characters (docs/marketplace-api.md).
import { useId, useState } from 'react';
import { MAX_CANNED_REASONS } from '../../../common/api/contract';
import { MAX_TEXT } from '../../../common/api/action-payloads';
import { useSettings, useStores } from '../../stores/StoresContext';
import { useT } from '../../i18n/use-t';
import { fieldErrors } from '../../lib/field-errors';
import { textProblem } from '../supervision/actions/drafts';

/** One empty list, so the settings selector answers the same value while none are saved. */
const NO_REASONS: readonly string[] = [];

export function CannedReasonsCard() {
  const t = useT();
  const id = useId();
  const { settings: store } = useStores();
  const reasons = useSettings((s) => s.settings?.cannedReasons ?? NO_REASONS);
  const [text, setText] = useState('');
  const [tried, setTried] = useState(false);
  const [refused, setRefused] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const problem = textProblem(text);
  const duplicate = reasons.includes(text.trim());
  const full = reasons.length >= MAX_CANNED_REASONS;
  const message =
    tried && problem
      ? problem === 'required'
        ? t('form.required')
        : t('form.tooLong', { max: MAX_TEXT })
      : text.trim() && duplicate
        ? t('cannedReasons.duplicate')
        : full
          ? t('cannedReasons.full', { max: MAX_CANNED_REASONS })
          : refused;

  const saveList = async (list: string[]): Promise<boolean> => {
    setBusy(true);
    const result = await store.getState().save({ cannedReasons: list });
    setBusy(false);
    if (!result.ok) {
      setRefused(Object.values(fieldErrors(result.error))[0]?.message ?? result.error.message);
      return false;
    }
    setRefused(null);
    return true;
  };

  const add = async () => {
    setTried(true);
    if (problem || duplicate || full) return;
    if (await saveList([...reasons, text.trim()])) {
      setText('');
      setTried(false);
    }
  };

  return (
    <section className="card canned-reasons" data-testid="canned-reasons">
      <h2>{t('cannedReasons.title')}</h2>
      <p className="field-hint">{t('cannedReasons.hint')}</p>
      {reasons.length === 0 ? (
        <p className="muted">{t('cannedReasons.empty')}</p>
      ) : (
        <ul className="canned-reason-list">
          {reasons.map((r, i) => (
            <li key={`${i}:${r}`} className="canned-reason" data-testid="canned-reason">
              <span className="canned-reason-text">{r}</span>
              <button
                type="button"
                className="btn btn-small"
                disabled={busy}
                onClick={() => void saveList(reasons.filter((_, j) => j !== i))}
                data-testid="canned-reason-remove"
              >
                {t('cannedReasons.remove')}
              </button>
            </li>
          ))}
        </ul>
      )}
      <div className="field">
        <label className="field-label" htmlFor={id}>
          {t('cannedReasons.new')}
        </label>
        <div className="canned-reason-add">
          <textarea
            id={id}
            className={message ? 'input invalid' : 'input'}
            rows={2}
            value={text}
            aria-invalid={message ? true : undefined}
            aria-describedby={message ? `${id}-error` : undefined}
            onChange={(e) => {
              setText(e.target.value);
              setRefused(null);
            }}
            data-testid="canned-reason-input"
          />
          <button
            type="button"
            className="btn"
            disabled={busy || full}
            onClick={() => void add()}
            data-testid="canned-reason-add"
          >
            {t('cannedReasons.add')}
          </button>
        </div>
        {message && (
          <span className="field-error" id={`${id}-error`} role="alert">
            {message}
          </span>
        )}
      </div>
    </section>
  );
}
