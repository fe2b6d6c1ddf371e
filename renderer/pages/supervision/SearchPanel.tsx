// Search criteria of the Service Supervision list (docs/rules.md O1): typing is debounced, Enter searches
// at once, ↓ moves into the list, Esc clears the field, `/` (anywhere) focuses the free-text search.
import { useId, type RefObject } from 'react';
import { ORDER_STATUSES, STAGES } from '../../../common/marketplace/wire';
import { MultiSelect } from '../../components/MultiSelect';
import { Icon } from '../../components/Icon';
import { useOrders, useStores } from '../../stores/StoresContext';
import { listFieldErrors } from '../../stores/orders-store';
import { hasCriteria, type Criteria } from '../../lib/order-criteria';
import { useLanguage, useT } from '../../i18n/use-t';
import { DateFormatHint } from '../../components/DateFormatHint';
import { issueText } from '../../lib/issue-text';
import { QuickFilters } from './QuickFilters';

type TextKey = 'text' | 'orderNo' | 'productName';

interface FieldProps {
  label: string;
  value: string;
  placeholder?: string;
  error?: string;
  onChange(value: string): void;
  onEnter(): void;
  onArrowDown?(): void;
  inputRef?: RefObject<HTMLInputElement | null>;
  className?: string;
  icon?: boolean;
  hint?: string;
  testId: string;
}

function SearchField({ label, value, placeholder, error, onChange, onEnter, onArrowDown, inputRef, className, icon, hint, testId }: FieldProps) {
  const id = useId();
  return (
    <div className={`field ${className ?? ''}`}>
      <label className="field-label" htmlFor={id}>
        {label}
      </label>
      <div className={icon ? 'input-wrap with-icon' : 'input-wrap'}>
        {icon && <Icon name="search" size={15} className="input-icon" />}
        <input
          id={id}
          ref={inputRef}
          type="search"
          className={error ? 'input invalid' : 'input'}
          value={value}
          placeholder={placeholder}
          aria-invalid={error ? true : undefined}
          aria-describedby={error ? `${id}-error` : undefined}
          autoComplete="off"
          spellCheck={false}
          data-testid={testId}
          onChange={(e) => onChange(e.target.value)}
          onKeyDown={(e) => {
            if (e.key === 'Enter') {
              e.preventDefault();
              onEnter();
            } else if (e.key === 'ArrowDown' && onArrowDown && !e.altKey) {
              e.preventDefault();
              onArrowDown();
            } else if (e.key === 'Escape') {
              e.preventDefault();
              if (value) onChange('');
              else e.currentTarget.blur();
            }
          }}
        />
        {hint && !value && (
          <kbd className="input-kbd" aria-hidden="true">
            {hint}
          </kbd>
        )}
      </div>
      {error && (
        <span className="field-error" id={`${id}-error`} role="alert">
          {error}
        </span>
      )}
    </div>
  );
}

export function SearchPanel({ searchRef, onArrowDown }: { searchRef: RefObject<HTMLInputElement | null>; onArrowDown?: () => void }) {
  const t = useT();
  const { orders } = useStores();
  const criteria = useOrders((s) => s.criteria);
  const localErrors = useOrders((s) => s.errors);
  const listError = useOrders((s) => s.listError);
  const issues = { ...listFieldErrors(listError), ...localErrors };
  const errors: Partial<Record<keyof Criteria, string>> = {};
  for (const [k, issue] of Object.entries(issues)) errors[k as keyof Criteria] = issueText(issue, t);
  const set = (patch: Partial<Criteria>, immediate = false) => orders.getState().setCriteria(patch, { immediate });
  const apply = () => orders.getState().applyNow();

  const text = (key: TextKey) => ({
    value: criteria[key],
    error: errors[key],
    // Esc (empty value) applies at once; typing waits for the debounce.
    onChange: (v: string) => set({ [key]: v }, v === ''),
    onEnter: apply,
    onArrowDown,
  });

  return (
    <form className="search-panel" role="search" onSubmit={(e) => e.preventDefault()} aria-label={t('search.label')}>
      <div className="search-row">
        <SearchField
          {...text('text')}
          label={t('search.text')}
          placeholder={t('search.textPlaceholder')}
          inputRef={searchRef}
          className="grow-2"
          icon
          hint="/"
          testId="search-text"
        />
        <SearchField {...text('orderNo')} label={t('search.orderNo')} placeholder={t('search.orderNoPlaceholder')} className="grow-1" testId="search-order-no" />
        <SearchField {...text('productName')} label={t('search.productName')} placeholder={t('search.productNamePlaceholder')} className="grow-1" testId="search-product" />
        <MultiSelect
          label={t('search.status')}
          options={ORDER_STATUSES.map((s) => ({ value: s, label: t(`orderStatus.${s}`) }))}
          selected={criteria.status}
          onChange={(status) => set({ status }, true)}
          allLabel={t('search.all')}
          countLabel={(n) => t('search.nSelected', { n })}
          testId="filter-status"
        />
        <MultiSelect
          label={t('search.stage')}
          options={STAGES.map((s) => ({ value: s, label: t(`stage.${s}`) }))}
          selected={criteria.stage}
          onChange={(stage) => set({ stage }, true)}
          allLabel={t('search.all')}
          countLabel={(n) => t('search.nSelected', { n })}
          testId="filter-stage"
        />
      </div>
      <div className="search-row search-row-2">
        <DateRange from={criteria.from} to={criteria.to} errors={errors} onChange={(patch) => set(patch)} />
        <div className="field quick-field">
          <span className="field-label">{t('quick.label')}</span>
          <QuickFilters />
        </div>
        <div className="field field-action">
          <button type="button" className="btn btn-ghost" onClick={() => orders.getState().clear()} disabled={!hasCriteria(criteria)} data-testid="search-clear">
            {t('search.clear')}
          </button>
        </div>
      </div>
    </form>
  );
}

function DateRange({
  from,
  to,
  errors,
  onChange,
}: {
  from: string;
  to: string;
  errors: Partial<Record<string, string>>;
  onChange(patch: Partial<Criteria>): void;
}) {
  const t = useT();
  const lang = useLanguage();
  const id = useId();
  const error = errors.from ?? errors.to;
  return (
    <fieldset className="field date-range">
      <legend className="field-label" title={t('search.placedHint')}>
        {t('search.placed')}
      </legend>
      <div className="date-inputs">
        <input
          id={`${id}-from`}
          type="date"
          className={errors.from ? 'input invalid' : 'input'}
          value={from}
          max={to || undefined}
          aria-label={t('search.placedFrom')}
          data-testid="search-from"
          lang={lang}
          onChange={(e) => onChange({ from: e.target.value })}
        />
        <DateFormatHint value={from} testId="search-from-hint" />
        <span className="range-dash" aria-hidden="true">
          –
        </span>
        <input
          id={`${id}-to`}
          type="date"
          className={errors.to ? 'input invalid' : 'input'}
          value={to}
          min={from || undefined}
          aria-label={t('search.placedTo')}
          data-testid="search-to"
          lang={lang}
          onChange={(e) => onChange({ to: e.target.value })}
        />
        <DateFormatHint value={to} testId="search-to-hint" />
      </div>
      {error && (
        <span className="field-error" role="alert">
          {error}
        </span>
      )}
    </fieldset>
  );
}
