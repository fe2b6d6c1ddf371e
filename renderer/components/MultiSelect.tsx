// A labelled drop-down of checkboxes (order status, stage): keyboard-operable, Esc closes.
import { useEffect, useId, type KeyboardEvent } from 'react';
import { Icon } from './Icon';
import { usePopover } from './use-popover';

export interface Option<V extends string> {
  value: V;
  label: string;
}

interface Props<V extends string> {
  label: string;
  options: readonly Option<V>[];
  selected: readonly V[];
  onChange(next: V[]): void;
  /** Shown when nothing is ticked. */
  allLabel: string;
  /** "{n} selected". */
  countLabel(n: number): string;
  testId?: string;
}

export function MultiSelect<V extends string>({
  label,
  options,
  selected,
  onChange,
  allLabel,
  countLabel,
  testId,
}: Props<V>) {
  const { open, setOpen, root, button, close } = usePopover();
  const id = useId();

  useEffect(() => {
    if (open) root.current?.querySelector<HTMLInputElement>('input[type=checkbox]')?.focus();
  }, [open, root]);

  const summary =
    selected.length === 0
      ? allLabel
      : selected.length === 1
        ? (options.find((o) => o.value === selected[0])?.label ?? allLabel)
        : countLabel(selected.length);

  const toggle = (value: V) =>
    onChange(selected.includes(value) ? selected.filter((v) => v !== value) : [...selected, value]);

  const onKeyDown = (e: KeyboardEvent<HTMLDivElement>) => {
    if (e.key === 'Escape' && open) {
      e.stopPropagation();
      close();
      return;
    }
    if (!open || (e.key !== 'ArrowDown' && e.key !== 'ArrowUp')) return;
    const boxes = [...(root.current?.querySelectorAll<HTMLInputElement>('input[type=checkbox]') ?? [])];
    const at = boxes.indexOf(document.activeElement as HTMLInputElement);
    const next = boxes[(at + (e.key === 'ArrowDown' ? 1 : boxes.length - 1)) % boxes.length];
    next?.focus();
    e.preventDefault();
  };

  return (
    <div className="field multiselect" ref={root} onKeyDown={onKeyDown} data-testid={testId}>
      <span className="field-label" id={`${id}-label`}>
        {label}
      </span>
      <button
        ref={button}
        type="button"
        className={selected.length ? 'select-button has-value' : 'select-button'}
        aria-controls={`${id}-popover`}
        aria-expanded={open}
        aria-labelledby={`${id}-label ${id}-value`}
        onClick={() => setOpen((o) => !o)}
        onKeyDown={(e) => {
          if (e.key === 'ArrowDown' && !open) {
            e.preventDefault();
            setOpen(true);
          }
        }}
      >
        <span id={`${id}-value`} className="select-value">
          {summary}
        </span>
        <Icon name="chevron" size={14} />
      </button>
      {open && (
        <div className="popover" id={`${id}-popover`} role="group" aria-labelledby={`${id}-label`}>
          {options.map((o) => (
            <label key={o.value} className="check-row">
              <input
                type="checkbox"
                checked={selected.includes(o.value)}
                onChange={() => toggle(o.value)}
                value={o.value}
              />
              <span>{o.label}</span>
            </label>
          ))}
          {selected.length > 0 && (
            <button type="button" className="link popover-clear" onClick={() => onChange([])}>
              {allLabel}
            </button>
          )}
        </div>
      )}
    </div>
  );
}
