// The window's first question (docs/architecture.md "Data"): is the local database usable? A missing, empty or damaged
// one — where the data folder shows there was data — is never replaced silently: the recovery screen is shown instead
// of the app (restore the latest backup, or recover), and the app's stores are not started against it.
import type { ReactNode } from 'react';
import { useStores } from '../../stores/StoresContext';
import { useT } from '../../i18n/use-t';
import { DbStatusProvider, useDbStatusSource } from './db-status';
import { RecoveryScreen } from './RecoveryScreen';
import './recovery.css';

export function DbGate({ children }: { children: ReactNode }) {
  const { api } = useStores();
  const t = useT();
  const db = useDbStatusSource(api);
  if (db.recovery) return <RecoveryScreen status={db.recovery} />;
  if (!db.status && !db.failed) {
    return (
      <div className="db-checking" role="status" data-testid="db-checking">
        {t('db.checking')}
      </div>
    );
  }
  return <DbStatusProvider value={db}>{children}</DbStatusProvider>;
}
