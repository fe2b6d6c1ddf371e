// The calm "working offline" banner: what it means for the user in words; the low-level reason (an errno, a
// host:port) only under a "Details" disclosure, never as the message.
import { useT } from '../i18n/use-t';
import { Icon } from './Icon';
import './offline-notice.css';

export function OfflineNotice({ details, className = '' }: { details?: string | null; className?: string }) {
  const t = useT();
  return (
    <div className={`notice offline-banner ${className}`.trim()} role="status" data-testid="offline-banner">
      <span>
        <Icon name="cloudUp" size={15} /> <span data-testid="offline-banner-text">{t('syncCenter.offlineBanner')}</span>
      </span>
      {details && (
        <details data-testid="offline-banner-details">
          <summary>{t('syncCenter.details')}</summary>
          <code>{details}</code>
        </details>
      )}
    </div>
  );
}
