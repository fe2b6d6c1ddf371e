// The actual service enabling time (V1, V4, V5): an optional date-time bounded by the order's
// placement and now, with the specific V4 error, and beside it the validity period the customer gets in BOTH
// cases — with the chosen enabling time, and without it ("from acceptance"). An enabling time that fails V4 applies
// to nothing: its outcome shows the problem, never a green "Applies" over a period, and the period without it is
// shown as the one that applies once it is cleared (V5).
import { useId } from 'react';
import type { OrderDetail } from '../../../common/api/types';
import { validityOutcomes } from '../../../common/domain/validity';
import { useLanguage, useT } from '../../i18n/use-t';
import { formatDateTime } from '../../lib/format';
import { fromLocalInput, toLocalInput } from '../../lib/proof-view';
import { Icon } from '../../components/Icon';

export interface EnablingTimeCardProps {
  order: OrderDetail;
  value: number | null;
  now: number;
  disabled: boolean;
  problems: string[];
  onChange(ms: number | null): void;
}

export function EnablingTimeCard({ order, value, now, disabled, problems, onChange }: EnablingTimeCardProps) {
  const t = useT();
  const lang = useLanguage();
  const id = useId();
  const period =
    order.periodType && order.periodNumber ? { periodType: order.periodType, periodNumber: order.periodNumber } : null;
  const outcomes = period ? validityOutcomes({ ...period, enablingTime: value, now, placedAt: order.placedAt }) : null;
  const length = period ? t(`period.${period.periodType}`, { n: period.periodNumber }) : '';
  // The picker works in minutes: the earliest whole minute at or after placement, the latest at or before now (V4).
  const min = toLocalInput(Math.ceil(order.placedAt / 60_000) * 60_000);
  const max = toLocalInput(Math.floor(now / 60_000) * 60_000);
  const invalid = problems.length > 0;
  // V4 judged here too, whatever was touched: an enabling time outside its bounds never "applies".
  const enablingInvalid = value !== null && (invalid || outcomes?.enablingTimeError != null);

  return (
    <section className="card proof-side-card" aria-labelledby={`${id}-title`} data-testid="enabling-card">
      <h2 id={`${id}-title`}>
        <Icon name="clock" size={16} />
        {t('enabling.title')}
      </h2>
      <div className="field">
        <label className="field-label" htmlFor={`${id}-input`}>
          {t('enabling.label')} <span className="opt">{t('editor.optional')}</span>
        </label>
        <div className="enabling-row">
          <input
            id={`${id}-input`}
            type="datetime-local"
            className={invalid ? 'input invalid' : 'input'}
            value={value === null ? '' : toLocalInput(value)}
            min={min}
            max={max}
            disabled={disabled}
            aria-invalid={invalid || undefined}
            aria-describedby={`${id}-hint${invalid ? ` ${id}-err` : ''}`}
            onChange={(e) => onChange(fromLocalInput(e.target.value))}
            data-testid="enabling-time"
          />
          {value !== null && !disabled && (
            <button
              type="button"
              className="btn btn-ghost btn-small"
              onClick={() => onChange(null)}
              data-testid="enabling-clear"
            >
              {t('enabling.clear')}
            </button>
          )}
        </div>
        <p className="field-hint" id={`${id}-hint`}>
          {t('enabling.hint', { placed: formatDateTime(order.placedAt, lang) })}
        </p>
        {problems.map((p, i) => (
          <p
            key={i}
            className="field-error"
            id={i === 0 ? `${id}-err` : undefined}
            role="alert"
            data-testid="enabling-problem"
          >
            {p}
          </p>
        ))}
      </div>

      <div className="validity" data-testid="validity-outcomes">
        <h3>{t('validity.title')}</h3>
        {!outcomes ? (
          <p className="muted">{t('validity.noPeriod')}</p>
        ) : (
          <>
            <div
              className={enablingInvalid ? 'outcome invalid' : value !== null ? 'outcome chosen' : 'outcome'}
              data-testid="validity-with"
              data-applies={value !== null && !enablingInvalid}
              data-invalid={enablingInvalid || undefined}
            >
              <span className="outcome-label">
                {t('validity.with')}
                {value !== null && !enablingInvalid && <span className="pill pill-good">{t('validity.applies')}</span>}
                {enablingInvalid && <span className="pill pill-danger">{t('validity.cannotApply')}</span>}
              </span>
              {enablingInvalid ? (
                <span className="outcome-problem" role="alert" data-testid="validity-problem">
                  {problems[0] ?? t('validity.invalidTime')} {t('validity.noPeriodWithIt')}
                </span>
              ) : outcomes.withEnablingTime ? (
                <strong className="outcome-range">
                  {outcomes.withEnablingTime.startDate} – {outcomes.withEnablingTime.endDate}
                </strong>
              ) : (
                <span className="muted">{t('validity.withNone')}</span>
              )}
            </div>
            <div
              className={value === null ? 'outcome chosen' : 'outcome'}
              data-testid="validity-without"
              data-applies={value === null}
            >
              <span className="outcome-label">
                {t('validity.without')}
                {value === null && <span className="pill pill-good">{t('validity.applies')}</span>}
                {enablingInvalid && <span className="pill pill-warn">{t('validity.appliesIfCleared')}</span>}
              </span>
              <strong className="outcome-range">{t('validity.fromAcceptance', { length })}</strong>
              <span className="muted small">
                {t('validity.ifNow', {
                  range: `${outcomes.ifAcceptedNow.startDate} – ${outcomes.ifAcceptedNow.endDate}`,
                })}
              </span>
            </div>
            <p className="muted small">{t('validity.zone')}</p>
          </>
        )}
      </div>
    </section>
  );
}
