// The supervision timeline: what each side did, oldest first (S2 transitions as the marketplace reported them).
import type { SupervisionEvent } from '../../../common/marketplace/wire';
import { formatDateTime } from '../../lib/format';
import { isMessageKey } from '../../i18n/translate';
import { useLanguage, useT } from '../../i18n/use-t';
import { Section } from './DetailSections';

export function Timeline({ events }: { events: SupervisionEvent[] }) {
  const t = useT();
  const lang = useLanguage();
  const sorted = [...events].sort((a, b) => Date.parse(a.at) - Date.parse(b.at));
  // Event types are the marketplace's strings: known ones are translated, others shown readably.
  const label = (type: string) => {
    const key = `event.${type}`;
    return isMessageKey(key) ? t(key) : type.replace(/[_.]/g, ' ');
  };
  return (
    <Section title={t('detail.timeline')} testId="detail-timeline">
      {sorted.length === 0 ? (
        <p className="muted small">{t('detail.noEvents')}</p>
      ) : (
        <ol className="timeline">
          {sorted.map((e, i) => (
            <li key={`${e.at}-${i}`} className={`tl-${e.actor}`} data-testid="timeline-event">
              <span className="tl-dot" aria-hidden="true" />
              <div className="tl-main">
                <span className="tl-type">{label(e.type)}</span>
                <span className="tl-actor">{t(`actor.${e.actor}`)}</span>
              </div>
              <time className="tl-time" dateTime={e.at}>
                {formatDateTime(Date.parse(e.at), lang)}
              </time>
              {e.note && <p className="tl-note">{e.note}</p>}
            </li>
          ))}
        </ol>
      )}
    </Section>
  );
}
