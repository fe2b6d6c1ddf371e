// The supervision table's tools above the list: saved views (a named filter + sort + columns, one click to
// apply), the column chooser, and "Export CSV" of every line the filters match (O1). Views and the column
// layout are kept in the settings (settings:set validates them), so both survive a restart.
import { createContext, useContext, useEffect, useId, useRef, useState, type ReactNode } from 'react';
import { MAX_SAVED_VIEWS, type OrdersExportResult, type SavedView } from '../../../common/api/contract';
import type { ApiError } from '../../../common/api/result';
import { Icon } from '../../components/Icon';
import { usePopover } from '../../components/use-popover';
import { useOrders, useSettings, useStores } from '../../stores/StoresContext';
import { addView, criteriaOf, deleteView, renameView, type ViewError } from '../../lib/saved-views';
import { resetWidths, toggleHidden } from '../../lib/table-columns';
import { useT } from '../../i18n/use-t';
import type { MessageKey } from '../../i18n/en';
import { downloadBase64 } from '../proofs/download';
import { COLUMNS } from './columns';
import { useTableLayout } from './use-table-layout';
import { percentOf, ProgressBar } from '../../components/ProgressBar';

/** Closes the menu a control sits in (e.g. after applying a view), focus back on the menu's button. */
const CloseMenu = createContext<() => void>(() => undefined);

/** A button with a popover below it: Esc or a click outside closes it, focus returns to the button. */
function Menu({
  label,
  icon,
  testId,
  children,
}: {
  label: string;
  icon: 'edit' | 'supervision';
  testId: string;
  children: ReactNode;
}) {
  const { open, setOpen, root, button, close } = usePopover();
  const id = useId();
  return (
    <div
      className="menu"
      ref={root}
      onKeyDown={(e) => {
        if (e.key === 'Escape' && open) {
          e.stopPropagation();
          close();
        }
      }}
    >
      <button
        ref={button}
        type="button"
        className="btn"
        aria-expanded={open}
        aria-controls={`${id}-menu`}
        onClick={() => setOpen((o) => !o)}
        data-testid={testId}
      >
        <Icon name={icon} size={15} />
        {label}
      </button>
      {open && (
        <div
          className="popover menu-popover"
          id={`${id}-menu`}
          role="dialog"
          aria-label={label}
          data-testid={`${testId}-menu`}
        >
          <CloseMenu.Provider value={close}>{children}</CloseMenu.Provider>
        </div>
      )}
    </div>
  );
}

function ColumnChooser() {
  const t = useT();
  const { layout, save } = useTableLayout();
  const ids = COLUMNS.map((c) => c.id);
  const shown = ids.filter((id) => !layout.hidden.includes(id));
  return (
    <Menu label={t('columns.button')} icon="supervision" testId="columns">
      <fieldset className="menu-section">
        <legend className="field-label">{t('columns.title')}</legend>
        {COLUMNS.map((c) => {
          const visible = !layout.hidden.includes(c.id);
          const last = visible && shown.length === 1;
          return (
            <label key={c.id} className="check-row" title={last ? t('columns.lastVisible') : undefined}>
              <input
                type="checkbox"
                checked={visible}
                disabled={last}
                onChange={() => save(toggleHidden(layout, c.id, ids))}
                data-testid={`column-toggle-${c.id}`}
              />
              {t(c.label)}
            </label>
          );
        })}
      </fieldset>
      <button
        type="button"
        className="btn btn-ghost btn-small"
        disabled={Object.keys(layout.widths).length === 0}
        onClick={() => save(resetWidths(layout))}
        data-testid="columns-reset"
      >
        {t('columns.reset')}
      </button>
    </Menu>
  );
}

/** One empty list for "no saved views yet", so the settings selector below keeps a stable value. */
const NO_VIEWS: readonly SavedView[] = [];

const VIEW_ERRORS: Record<ViewError, MessageKey> = {
  duplicate: 'views.duplicate',
  full: 'views.full',
  empty: 'views.name',
};

function SavedViews() {
  const t = useT();
  return (
    <Menu label={t('views.button')} icon="edit" testId="views">
      <ViewsBody />
    </Menu>
  );
}

function ViewsBody() {
  const t = useT();
  const close = useContext(CloseMenu);
  const { orders, settings } = useStores();
  // The selector returns the stored array itself (a fresh `[]` per call would re-render forever); the fallback is
  // outside.
  const views = useSettings((s) => s.settings?.savedViews) ?? NO_VIEWS;
  const { layout, save: saveLayout } = useTableLayout();
  const [name, setName] = useState('');
  const [renaming, setRenaming] = useState<{ from: string; to: string } | null>(null);
  const [message, setMessage] = useState<{ text: string; error: boolean } | null>(null);
  const nameId = useId();

  const persist = async (next: SavedView[]): Promise<boolean> => {
    const r = await settings.getState().save({ savedViews: next });
    if (!r.ok) setMessage({ text: t('views.failed', { message: r.error.message }), error: true });
    return r.ok;
  };
  const saveCurrent = async () => {
    const { criteria, sort } = orders.getState();
    const change = addView(views, name, criteria, sort, layout);
    if (!change.ok) {
      setMessage({ text: t(VIEW_ERRORS[change.error], { max: MAX_SAVED_VIEWS }), error: true });
      return;
    }
    if (await persist(change.views)) {
      setMessage({ text: t('views.saved', { name: name.trim() }), error: false });
      setName('');
    }
  };
  const apply = (view: SavedView) => {
    orders.getState().applyView(criteriaOf(view.filter), view.sort);
    saveLayout(view.columns);
    close();
  };
  const rename = async () => {
    if (!renaming) return;
    const change = renameView(views, renaming.from, renaming.to);
    if (!change.ok) {
      setMessage({ text: t(VIEW_ERRORS[change.error], { max: MAX_SAVED_VIEWS }), error: true });
      return;
    }
    if (await persist(change.views)) setRenaming(null);
  };

  return (
    <div className="views">
      <span className="field-label">{t('views.title')}</span>
      {views.length === 0 && <p className="muted small">{t('views.empty')}</p>}
      <ul className="view-list">
        {views.map((v) => (
          <li key={v.name} className="view-item" data-testid="saved-view">
            {renaming?.from === v.name ? (
              <form
                className="view-rename"
                onSubmit={(e) => {
                  e.preventDefault();
                  void rename();
                }}
              >
                <input
                  className="input input-small"
                  value={renaming.to}
                  aria-label={t('views.renameTo', { name: v.name })}
                  onChange={(e) => setRenaming({ from: v.name, to: e.target.value })}
                  maxLength={60}
                  autoFocus
                  data-testid="view-rename-input"
                />
                <button type="submit" className="btn btn-small" data-testid="view-rename-save">
                  {t('views.rename')}
                </button>
              </form>
            ) : (
              <>
                <button
                  type="button"
                  className="link view-apply"
                  aria-label={t('views.apply', { name: v.name })}
                  onClick={() => apply(v)}
                  data-testid="view-apply"
                >
                  {v.name}
                </button>
                <button
                  type="button"
                  className="icon-btn"
                  aria-label={`${t('views.rename')} ${v.name}`}
                  title={t('views.rename')}
                  onClick={() => setRenaming({ from: v.name, to: v.name })}
                  data-testid="view-rename"
                >
                  <Icon name="edit" size={13} />
                </button>
                <button
                  type="button"
                  className="icon-btn"
                  aria-label={t('views.deleteOne', { name: v.name })}
                  title={t('views.delete')}
                  onClick={() => void persist(deleteView(views, v.name))}
                  data-testid="view-delete"
                >
                  <Icon name="trash" size={13} />
                </button>
              </>
            )}
          </li>
        ))}
      </ul>
      <form
        className="view-new"
        onSubmit={(e) => {
          e.preventDefault();
          void saveCurrent();
        }}
      >
        <label className="field-label" htmlFor={nameId}>
          {t('views.name')}
        </label>
        <div className="view-new-row">
          <input
            id={nameId}
            className="input input-small"
            value={name}
            maxLength={60}
            onChange={(e) => setName(e.target.value)}
            data-testid="view-name"
          />
          <button type="submit" className="btn btn-small btn-primary" disabled={!name.trim()} data-testid="view-save">
            {t('views.save')}
          </button>
        </div>
      </form>
      {message && (
        <p
          className={message.error ? 'field-error' : 'muted small'}
          role={message.error ? 'alert' : 'status'}
          data-testid="view-message"
        >
          {message.text}
        </p>
      )}
    </div>
  );
}

function ExportCsv() {
  const t = useT();
  const { api } = useStores();
  const query = useOrders((s) => s.query);
  const electron = useSettings((s) => s.info?.transport === 'electron');
  const [busy, setBusy] = useState(false);
  const [outcome, setOutcome] = useState<{ result: OrdersExportResult } | { error: ApiError } | null>(null);
  // Lines written of all, from `orders:export-progress` events with this export's id (a million lines take seconds).
  const [progress, setProgress] = useState<{ done: number; total: number } | null>(null);
  const exportId = useRef<string | null>(null);
  useEffect(
    () =>
      api.on('orders:export-progress', (p) => {
        if (p.exportId === exportId.current) setProgress({ done: p.done, total: p.total });
      }),
    [api],
  );
  const run = async () => {
    setBusy(true);
    setOutcome(null);
    setProgress(null);
    exportId.current = `orders-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 8)}`;
    // The export always writes every match: the list's own "count exactly" request is not part of it.
    const { exactTotal: _exactTotal, ...filtersAndSort } = query;
    const r = await api['orders:export']({ ...filtersAndSort, exportId: exportId.current });
    exportId.current = null;
    setBusy(false);
    if (!r.ok) {
      setOutcome({ error: r.error });
      return;
    }
    if (r.value.download)
      downloadBase64(r.value.download.fileName, r.value.download.contentType, r.value.download.dataBase64);
    setOutcome({ result: r.value });
  };
  let status: ReactNode = null;
  if (busy) {
    status = (
      <span className="export-csv-progress" data-testid="export-orders-progress">
        <ProgressBar percent={progress ? percentOf(progress.done, progress.total) : null} label={t('export.busy')} />
        <span className="muted small">
          {progress && progress.total > 0
            ? t('export.progress', { done: progress.done, total: progress.total })
            : t('export.busy')}
        </span>
      </span>
    );
  } else if (outcome && 'error' in outcome)
    status = <span className="field-error">{t('export.failed', { message: outcome.error.message })}</span>;
  else if (outcome && !outcome.result.canceled && outcome.result.path) {
    const r = outcome.result;
    status = (
      <span className="muted small">
        {r.download
          ? t('export.downloaded', { n: r.rows, name: r.fileName })
          : electron
            ? t('export.saved', { n: r.rows, path: r.path ?? '' })
            : t('export.tooBig', { n: r.rows, path: r.path ?? '' })}
      </span>
    );
  }
  return (
    <div className="export-csv">
      <button
        type="button"
        className="btn"
        onClick={() => void run()}
        disabled={busy}
        title={t('export.csvHint')}
        data-testid="export-orders-csv"
      >
        <Icon name={busy ? 'sync' : 'download'} size={15} className={busy ? 'spin' : undefined} />
        {t('export.csv')}
      </button>
      <span role="status" data-testid="export-orders-status" className="export-csv-status">
        {status}
      </span>
    </div>
  );
}

export function TableToolbar() {
  return (
    <div className="table-toolbar" data-testid="table-toolbar">
      <SavedViews />
      <ColumnChooser />
      <ExportCsv />
    </div>
  );
}
