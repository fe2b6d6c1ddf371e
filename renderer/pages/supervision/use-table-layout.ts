// The supervision table's column layout, kept in the settings (settings:set validates it) so it survives restarts.
import { useCallback, useMemo } from 'react';
import type { TableColumns } from '../../../common/api/contract';
import { useSettings, useStores } from '../../stores/StoresContext';
import { knownLayout } from '../../lib/table-columns';
import { COLUMNS } from './columns';

export function useTableLayout(): { layout: TableColumns; save(next: TableColumns): void } {
  const { settings } = useStores();
  const saved = useSettings((s) => s.settings?.tableColumns);
  const layout = useMemo(
    () =>
      knownLayout(
        saved,
        COLUMNS.map((c) => c.id),
      ),
    [saved],
  );
  const save = useCallback(
    (next: TableColumns) => {
      // Shown at once; main's answer then replaces the settings, and a refusal puts the previous layout back.
      const previous = settings.getState().settings?.tableColumns;
      settings.setState((s) => (s.settings ? { settings: { ...s.settings, tableColumns: next } } : {}));
      void settings
        .getState()
        .save({ tableColumns: next })
        .then((r) => {
          if (!r.ok)
            settings.setState((s) => (s.settings ? { settings: { ...s.settings, tableColumns: previous } } : {}));
        });
    },
    [settings],
  );
  return { layout, save };
}
