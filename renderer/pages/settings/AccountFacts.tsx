// Settings' "Account": the seller the saved connection belongs to, from the latest account snapshot a sync stored
// (GET /api/seller-sync/v1/account, docs/marketplace-api.md "Reference data"), kept in step by `sync:progress`.
import { useLanguage, useT } from '../../i18n/use-t';
import { useSync } from '../../stores/StoresContext';
import { formatDateTime } from '../../lib/format';

export function AccountFacts() {
  const t = useT();
  const lang = useLanguage();
  const account = useSync((s) => s.status?.account ?? null);
  return (
    <div className="field" data-testid="settings-account">
      <span className="field-label">{t('settings.account')}</span>
      {account ? (
        <dl className="facts">
          <dt>{t('settings.sellerName')}</dt>
          <dd data-testid="settings-seller-name">{account.sellerName}</dd>
          <dt>{t('settings.sellerId')}</dt>
          <dd data-testid="settings-seller-id">{account.sellerId}</dd>
        </dl>
      ) : (
        <span className="muted">{t('settings.accountUnknown')}</span>
      )}
      {account && (
        <span className="field-hint">
          {t('settings.accountAsOf', { time: formatDateTime(account.fetchedAt, lang) })}
        </span>
      )}
    </div>
  );
}
