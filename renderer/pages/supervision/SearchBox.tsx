// One search box for the list (O1): what is typed searches all fields at once (debounced; Enter now, ↓ into the
// list); a field chip narrows a term to Order No., Customer or Product. Chips leave with × or Backspace in the
// empty box. Tab from the box reaches the field choices, shown while something is typed; ↓ (shown while the box has
// focus) skips every filter and lands in the list.
import { useId, type RefObject } from 'react';
import { Icon } from '../../components/Icon';
import { useOrders, useStores } from '../../stores/StoresContext';
import type { Criteria } from '../../lib/order-criteria';
import { useT } from '../../i18n/use-t';
import type { MessageKey } from '../../i18n/en';

export const CHIP_FIELDS = ['orderNo', 'customerName', 'productName'] as const;
export type ChipField = (typeof CHIP_FIELDS)[number];

const FIELD_LABELS: Record<ChipField | 'text', MessageKey> = {
  text: 'searchBox.field.text',
  orderNo: 'searchBox.field.orderNo',
  customerName: 'searchBox.field.customerName',
  productName: 'searchBox.field.productName',
};

interface Props {
  inputRef: RefObject<HTMLInputElement | null>;
  onArrowDown?(): void;
  errors: Partial<Record<keyof Criteria, string>>;
}

export function SearchBox({ inputRef, onArrowDown, errors }: Props) {
  const t = useT();
  const id = useId();
  const { orders } = useStores();
  const criteria = useOrders((s) => s.criteria);
  const set = (patch: Partial<Criteria>, immediate = false) => orders.getState().setCriteria(patch, { immediate });
  const chips = CHIP_FIELDS.filter((f) => criteria[f].trim() !== '');
  const draft = criteria.text;
  const typed = draft.trim();
  const error = errors.text ?? errors.orderNo ?? errors.customerName ?? errors.productName;

  const pin = (field: ChipField | 'text') => {
    if (field === 'text') orders.getState().applyNow();
    else if (typed) set({ [field]: typed, text: '' }, true);
    inputRef.current?.focus();
  };
  const remove = (field: ChipField) => {
    set({ [field]: '' }, true);
    inputRef.current?.focus();
  };

  return (
    <div className="field grow-3 search-box">
      <label className="field-label" htmlFor={id}>
        {t('searchBox.label')}
      </label>
      <div className={error ? 'chip-input invalid' : 'chip-input'} onClick={() => inputRef.current?.focus()}>
        <Icon name="search" size={15} className="chip-input-icon" />
        {chips.map((f) => {
          const label = t(FIELD_LABELS[f]);
          return (
            <span
              key={f}
              className="search-chip"
              data-testid={`search-chip-${f}`}
              title={t('searchBox.chip', { field: label, value: criteria[f] })}
            >
              <span className="search-chip-field">{label}</span>
              <span className="search-chip-value">{criteria[f]}</span>
              <button
                type="button"
                className="search-chip-x"
                aria-label={t('searchBox.removeChip', { field: label, value: criteria[f] })}
                onClick={() => remove(f)}
                data-testid={`search-chip-remove-${f}`}
              >
                <Icon name="close" size={12} />
              </button>
            </span>
          );
        })}
        <input
          id={id}
          ref={inputRef}
          type="search"
          className="chip-input-field"
          value={draft}
          placeholder={chips.length ? undefined : t('searchBox.placeholder')}
          aria-invalid={error ? true : undefined}
          aria-describedby={`${id}-hint${onArrowDown ? ` ${id}-keys` : ''}${error ? ` ${id}-error` : ''}`}
          autoComplete="off"
          spellCheck={false}
          data-testid="search-text"
          onChange={(e) => set({ text: e.target.value }, e.target.value === '')}
          onKeyDown={(e) => {
            if (e.key === 'Enter') {
              e.preventDefault();
              orders.getState().applyNow();
            } else if (e.key === 'ArrowDown' && onArrowDown && !e.altKey) {
              e.preventDefault();
              onArrowDown();
            } else if (e.key === 'Escape') {
              e.preventDefault();
              if (draft) set({ text: '' }, true);
              else e.currentTarget.blur();
            } else if (e.key === 'Backspace' && draft === '' && chips.length > 0) {
              e.preventDefault();
              remove(chips[chips.length - 1]);
            }
          }}
        />
        {!draft && !chips.length && (
          <kbd className="input-kbd search-slash" aria-hidden="true">
            /
          </kbd>
        )}
        {!draft && onArrowDown && (
          // Shown while the box has focus: the shortcut past every filter (keyboard-path.css).
          <span className="search-keys" aria-hidden="true" data-testid="search-to-list-hint">
            <kbd className="input-kbd">↓</kbd>
            {t('searchBox.toList')}
          </span>
        )}
      </div>
      <span id={`${id}-hint`} className="visually-hidden">
        {t('searchBox.hint')}
      </span>
      {onArrowDown && (
        <span id={`${id}-keys`} className="visually-hidden">
          {t('searchBox.toList.hint')}
        </span>
      )}
      {typed && (
        <div
          className="search-scope"
          role="group"
          aria-label={t('searchBox.in', { text: typed })}
          data-testid="search-scope"
        >
          <span className="muted small">{t('searchBox.in', { text: typed })}</span>
          {(['text', ...CHIP_FIELDS] as const).map((f) => (
            <button
              key={f}
              type="button"
              className="chip chip-small"
              onClick={() => pin(f)}
              data-testid={`search-in-${f}`}
            >
              {t(FIELD_LABELS[f])}
            </button>
          ))}
        </div>
      )}
      {error && (
        <span className="field-error" id={`${id}-error`} role="alert">
          {error}
        </span>
      )}
    </div>
  );
}
