// Search criteria of the Service Supervision list (docs/rules.md O1): one search box with field chips
// (SearchBox.tsx: typing is debounced, Enter searches at once, ↓ moves into the list, Esc clears the field,
// `/` anywhere focuses it), the status and stage filters, the placement dates and the quick filters. From the
// search box the list is five Tabs away (status, stage, dates, quick-filter toolbar, list) or one ↓.
import { useEffect, useId, useRef, type RefObject } from 'react';
import { Icon } from '../../components/Icon';
import { usePopover } from '../../components/use-popover';
import './keyboard-path.css';
import { ORDER_STATUSES } from '../../../common/marketplace/wire';
import { STAGE_FILTERS } from '../../../common/api/contract';
import { MultiSelect } from '../../components/MultiSelect';
import { useOrders, useStores } from '../../stores/StoresContext';
import { listFieldErrors } from '../../stores/orders-store';
import { hasCriteria, type Criteria } from '../../lib/order-criteria';
import { useLanguage, useT } from '../../i18n/use-t';
import { DateFormatHint } from '../../components/DateFormatHint';
import { issueText } from '../../lib/issue-text';
import { QuickFilters } from './QuickFilters';
import { SearchBox } from './SearchBox';

export function SearchPanel({
  searchRef,
  onArrowDown,
}: {
  searchRef: RefObject<HTMLInputElement | null>;
  onArrowDown?: () => void;
}) {
  const t = useT();
  const { orders } = useStores();
  const criteria = useOrders((s) => s.criteria);
  const localErrors = useOrders((s) => s.errors);
  const listError = useOrders((s) => s.listError);
  const issues = { ...listFieldErrors(listError), ...localErrors };
  const errors: Partial<Record<keyof Criteria, string>> = {};
  for (const [k, issue] of Object.entries(issues)) errors[k as keyof Criteria] = issueText(issue, t);
  const set = (patch: Partial<Criteria>, immediate = false) => orders.getState().setCriteria(patch, { immediate });

  return (
    <form className="search-panel" role="search" onSubmit={(e) => e.preventDefault()} aria-label={t('search.label')}>
      <div className="search-row">
        <SearchBox inputRef={searchRef} onArrowDown={onArrowDown} errors={errors} />
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
          options={STAGE_FILTERS.map((s) => ({ value: s, label: t(`stage.${s}`) }))}
          selected={criteria.stage}
          onChange={(stage) => set({ stage }, true)}
          allLabel={t('search.all')}
          countLabel={(n) => t('search.nSelected', { n })}
          testId="filter-stage"
        />
      </div>
      <div className="search-row search-row-2">
        <PlacedBetween from={criteria.from} to={criteria.to} errors={errors} onChange={(patch) => set(patch)} />
        <div className="field quick-field">
          <span className="field-label">{t('quick.label')}</span>
          <QuickFilters />
        </div>
        <div className="field field-action">
          <button
            type="button"
            className="btn btn-ghost"
            onClick={() => orders.getState().clear()}
            disabled={!hasCriteria(criteria)}
            data-testid="search-clear"
          >
            {t('search.clear')}
          </button>
        </div>
      </div>
    </form>
  );
}

/**
 * The placement dates as one Tab stop: a button that says the range and opens a small popover with the two native
 * date fields (each costs four stops: day, month, year, picker). ↓ or Enter opens it, Esc or leaving it closes it
 * and focus returns to the button. The fields stay mounted while closed (hidden), so their values and `lang` remain.
 */
function PlacedBetween({
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
  const { open, setOpen, root, button, close } = usePopover();
  const firstField = useRef<HTMLInputElement>(null);
  const error = errors.from ?? errors.to;
  const summary =
    from && to
      ? t('placed.range', { from, to })
      : from
        ? t('placed.from', { date: from })
        : to
          ? t('placed.to', { date: to })
          : t('placed.any');

  useEffect(() => {
    if (open) firstField.current?.focus();
  }, [open]);

  return (
    <div
      className="field date-range placed-between"
      ref={root}
      onKeyDown={(e) => {
        if (e.key === 'Escape' && open) {
          e.stopPropagation();
          e.preventDefault();
          close();
        }
      }}
      onBlur={(e) => {
        // Tab past the last field moves on to the quick filters and folds the popover away.
        if (open && !root.current?.contains(e.relatedTarget as Node | null)) setOpen(false);
      }}
    >
      <span className="field-label" id={`${id}-label`} title={t('search.placedHint')}>
        {t('search.placed')}
      </span>
      <button
        ref={button}
        type="button"
        className={from || to ? 'select-button has-value' : 'select-button'}
        aria-haspopup="dialog"
        aria-expanded={open}
        aria-controls={`${id}-popover`}
        aria-labelledby={`${id}-label ${id}-value`}
        aria-invalid={error ? true : undefined}
        data-testid="search-placed"
        onClick={() => setOpen((o) => !o)}
        onKeyDown={(e) => {
          if (e.key === 'ArrowDown' && !open) {
            e.preventDefault();
            setOpen(true);
          }
        }}
      >
        <span id={`${id}-value`} className="select-value" data-testid="search-placed-value">
          {summary}
        </span>
        <Icon name="chevron" size={14} />
      </button>
      <div
        className="popover placed-popover"
        id={`${id}-popover`}
        role="dialog"
        aria-labelledby={`${id}-label`}
        hidden={!open}
        data-testid="search-placed-popover"
      >
        <div className="date-inputs">
          <input
            ref={firstField}
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
        <div className="placed-actions">
          <button
            type="button"
            className="link"
            disabled={!from && !to}
            onClick={() => onChange({ from: '', to: '' })}
            data-testid="search-placed-clear"
          >
            {t('placed.clear')}
          </button>
          <button type="button" className="btn" onClick={close} data-testid="search-placed-done">
            {t('placed.done')}
          </button>
        </div>
      </div>
      {error && (
        <span className="field-error" role="alert">
          {error}
        </span>
      )}
    </div>
  );
}
