// One template item of the proof editor (P1): title, description, required mark, the control for
// its kind — text, longtext, date, number, checklist, attachment — and its problems right beside it.
import { useId, useState, type ReactNode } from 'react';
import type { ProofValue } from '../../../common/api/contract-proofs';
import type { WireTemplateItem } from '../../../common/marketplace/wire';
import { useLanguage, useT } from '../../i18n/use-t';
import { DateFormatHint, nativeDateMatches } from '../../components/DateFormatHint';
import { AttachmentZone } from './AttachmentZone';
import { useChangedSince } from './use-changed-since';

export interface ItemFieldProps {
  item: WireTemplateItem;
  value: ProofValue | undefined;
  onChange(value: ProofValue | null): void;
  disabled: boolean;
  problems: string[];
  /** P5: a required item the draft's previous template version did not require. */
  badge?: string | null;
  /** Input remount key part: bumped when the values are replaced from main. */
  generation: number;
}

function Shell({
  item,
  controlId,
  describedBy,
  problems,
  badge,
  children,
}: {
  item: WireTemplateItem;
  controlId: string;
  describedBy: string;
  problems: string[];
  badge?: string | null;
  children: ReactNode;
}) {
  const t = useT();
  // S5b: a re-delivery marks what differs from the delivery the draft was filled from.
  const since = useChangedSince();
  const changed = since?.changed.items.has(item.key)
    ? t(since.sameOrder ? 'redelivery.changed' : 'redelivery.changedFromEarlier')
    : null;
  return (
    <div
      className={problems.length ? 'proof-item has-problem' : 'proof-item'}
      data-testid={`proof-item-${item.key}`}
      data-kind={item.kind}
    >
      <div className="proof-item-head">
        <label className="proof-item-title" htmlFor={controlId} id={`${controlId}-label`}>
          {item.title}
          {item.required ? (
            <span className="req" title={t('editor.required')} aria-label={t('editor.required')}>
              *
            </span>
          ) : (
            <span className="opt">{t('editor.optional')}</span>
          )}
        </label>
        {badge && <span className="pill pill-warn">{badge}</span>}
        {changed && (
          <span className="pill pill-info changed-marker" data-testid="changed-marker">
            {changed}
          </span>
        )}
      </div>
      {item.description && (
        <p className="field-hint" id={`${describedBy}-desc`}>
          {item.description}
        </p>
      )}
      {children}
      {problems.map((p, i) => (
        <p
          key={i}
          className="field-error"
          id={i === 0 ? `${describedBy}-err` : undefined}
          role="alert"
          data-testid="proof-item-problem"
        >
          {p}
        </p>
      ))}
    </div>
  );
}

function NumberInput({
  id,
  value,
  onChange,
  disabled,
  invalid,
  describedBy,
  testId,
}: {
  id: string;
  value: ProofValue | undefined;
  onChange(v: ProofValue | null): void;
  disabled: boolean;
  invalid: boolean;
  describedBy?: string;
  testId: string;
}) {
  // Keeps the text as typed ("12." while typing 12.5); a value that is not a number is saved as typed and reported.
  const [text, setText] = useState(value === undefined ? '' : String(value));
  return (
    <input
      id={id}
      className={invalid ? 'input input-number invalid' : 'input input-number'}
      inputMode="decimal"
      value={text}
      disabled={disabled}
      aria-invalid={invalid || undefined}
      aria-describedby={describedBy}
      data-testid={testId}
      onChange={(e) => {
        const next = e.target.value;
        setText(next);
        const trimmed = next.trim();
        const n = Number(trimmed);
        onChange(
          trimmed === ''
            ? null
            : /^[-+]?(\d+\.?\d*|\.\d+)(e[-+]?\d+)?$/i.test(trimmed) && Number.isFinite(n)
              ? n
              : next,
        );
      }}
    />
  );
}

export function ItemField({ item, value, onChange, disabled, problems, badge, generation }: ItemFieldProps) {
  const t = useT();
  const lang = useLanguage();
  const uid = useId();
  const id = `${uid}--${item.key}`;
  const described =
    [item.description ? `${id}-desc` : '', problems.length ? `${id}-err` : ''].filter(Boolean).join(' ') || undefined;
  const invalid = problems.length > 0;
  const testId = `proof-input-${item.key}`;
  const text = typeof value === 'string' ? value : value === undefined ? '' : String(value);

  let control: ReactNode;
  switch (item.kind) {
    case 'text':
      control = (
        <input
          id={id}
          className={invalid ? 'input invalid' : 'input'}
          value={text}
          disabled={disabled}
          aria-invalid={invalid || undefined}
          aria-describedby={described}
          onChange={(e) => onChange(e.target.value === '' ? null : e.target.value)}
          data-testid={testId}
        />
      );
      break;
    case 'longtext':
      control = (
        <textarea
          id={id}
          className={invalid ? 'input textarea invalid' : 'input textarea'}
          rows={5}
          value={text}
          disabled={disabled}
          aria-invalid={invalid || undefined}
          aria-describedby={described}
          onChange={(e) => onChange(e.target.value === '' ? null : e.target.value)}
          data-testid={testId}
        />
      );
      break;
    case 'date':
      control = (
        <input
          id={id}
          type="date"
          lang={lang}
          className={invalid ? 'input input-date invalid' : 'input input-date'}
          value={text}
          disabled={disabled}
          aria-invalid={invalid || undefined}
          aria-describedby={described}
          onChange={(e) => onChange(e.target.value === '' ? null : e.target.value)}
          data-testid={testId}
        />
      );
      if (!nativeDateMatches(lang))
        control = (
          <span className="date-with-hint">
            {control} <DateFormatHint value={text} />
          </span>
        );
      break;
    case 'number':
      control = (
        <NumberInput
          key={generation}
          id={id}
          value={value}
          onChange={onChange}
          disabled={disabled}
          invalid={invalid}
          describedBy={described}
          testId={testId}
        />
      );
      break;
    case 'checklist': {
      const ticked = new Set(Array.isArray(value) ? value : []);
      const options = item.options ?? [];
      const toggle = (option: string, on: boolean) => {
        const next = options.filter((o) => (o === option ? on : ticked.has(o)));
        onChange(next.length ? next : null);
      };
      control = (
        <div
          className="checklist"
          role="group"
          aria-labelledby={`${id}-label`}
          aria-describedby={described}
          id={id}
          data-testid={testId}
        >
          {options.map((o) => (
            <label key={o} className={ticked.has(o) ? 'check-option checked' : 'check-option'}>
              <input
                type="checkbox"
                checked={ticked.has(o)}
                disabled={disabled}
                value={o}
                onChange={(e) => toggle(o, e.target.checked)}
                data-testid="proof-option"
              />
              <span>{o}</span>
            </label>
          ))}
          <span className="muted small checklist-count">
            {t('checklist.count', { n: options.filter((o) => ticked.has(o)).length, total: options.length })}
          </span>
        </div>
      );
      break;
    }
    case 'attachment':
      control = (
        <AttachmentZone
          id={id}
          category={item.attachmentCategory ?? 'other'}
          disabled={disabled}
          describedBy={described}
        />
      );
      break;
  }
  return (
    <Shell item={item} controlId={id} describedBy={id} problems={problems} badge={badge}>
      {control}
    </Shell>
  );
}
