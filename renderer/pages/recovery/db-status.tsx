// The local database's status in the window (docs/architecture.md "Data"): asked once at start (`db:status`) and kept
// current by the `db:status` event — a database that needs recovery, rows a list skipped as damaged.
import { createContext, useContext, useEffect, useState, type ReactNode } from 'react';
import type { SellerDeskApi } from '../../../common/api/bridge';
import type { DbStatus } from '../../../common/api/contract-db';

export interface DbStatusState {
  status: DbStatus | null;
  /** `db:status` could not be asked (no token, the host gone): the app decides what to show. */
  failed: boolean;
  /**
   * The status that needed recovery, kept once seen: the recovery screen stays until the user goes on (a recovery
   * reopens the database and reports `ok` before its report has been read).
   */
  recovery: DbStatus | null;
}

const DbStatusContext = createContext<DbStatusState>({ status: null, failed: false, recovery: null });

export function useDbStatusSource(api: SellerDeskApi): DbStatusState {
  const [state, setState] = useState<DbStatusState>({ status: null, failed: false, recovery: null });
  useEffect(() => {
    let live = true;
    const apply = (status: DbStatus): void =>
      setState((s) => ({ status, failed: false, recovery: status.state === 'needs_recovery' ? status : s.recovery }));
    const off = api.on('db:status', apply);
    void api['db:status']({}).then((r) => {
      if (!live) return;
      if (r.ok)
        setState((s) =>
          s.status
            ? s
            : { status: r.value, failed: false, recovery: r.value.state === 'needs_recovery' ? r.value : s.recovery },
        );
      else setState((s) => (s.status ? s : { ...s, failed: true }));
    });
    return () => {
      live = false;
      off();
    };
  }, [api]);
  return state;
}

export function DbStatusProvider({ value, children }: { value: DbStatusState; children: ReactNode }) {
  return <DbStatusContext.Provider value={value}>{children}</DbStatusContext.Provider>;
}

export const useDbStatus = (): DbStatusState => useContext(DbStatusContext);

/** After a restore or a recovery every store starts again from the new database (Electron also restarts itself). */
export function reloadApp(): void {
  window.location.reload();
}
