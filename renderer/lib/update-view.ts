// What the update banner shows for a status (pure, so it is tested without a DOM): a downloaded update is always
// offered; checking, "up to date" and failures only after a check the user asked for (a start-up check that found
// nothing, or could not reach the server, is no news). A refused restart says what is unsent and offers the choice.
import type { RestartAnswer, UpdateStatus } from '../../common/api/contract-updates';
import type { Translate } from '../i18n/translate';

export type BannerAction = 'restart' | 'restartAnyway' | 'restartWhenSent' | 'dontWait' | 'later' | 'retry' | 'close';

export interface UpdateBannerView {
  tone: 'info' | 'error';
  text: string;
  /** The refusal's reasons, one line each. */
  reasons: string[];
  actions: BannerAction[];
  /** The key a "Later" / "Close" hides: the banner comes back with a new phase, version or check. */
  key: string;
}

export function bannerKey(s: UpdateStatus): string {
  return `${s.phase}|${s.version ?? ''}|${s.requestedAt ?? ''}`;
}

function reasonsOf(answer: RestartAnswer, t: Translate): string[] {
  const out: string[] = [];
  if (answer.unsentActions > 0) out.push(t('update.unsent', { n: answer.unsentActions }));
  if (answer.unsavedDraft) out.push(t('update.unsavedDraft'));
  return out;
}

export function updateBanner(
  status: UpdateStatus | null,
  refused: RestartAnswer | null,
  dismissed: string | null,
  t: Translate,
): UpdateBannerView | null {
  if (!status) return null;
  const key = bannerKey(status);
  if (key === dismissed) return null;
  const version = status.version ?? '';
  const view = (
    tone: UpdateBannerView['tone'],
    text: string,
    actions: BannerAction[],
    reasons: string[] = [],
  ): UpdateBannerView => ({
    tone,
    text,
    reasons,
    actions,
    key,
  });
  switch (status.phase) {
    case 'ready':
      if (status.confirmRestart) return view('info', t('update.restarting', { version }), []);
      if (status.waitingFor !== null) {
        return view('info', t('update.waiting', { version, n: status.waitingFor }), ['restartAnyway', 'dontWait']);
      }
      if (refused && !refused.restarting && !refused.waiting) {
        // Waiting for the outbox cannot save a draft the window failed to save.
        const canWait = refused.unsentActions > 0 && !refused.unsavedDraft;
        const actions: BannerAction[] = canWait
          ? ['restartAnyway', 'restartWhenSent', 'later']
          : ['restartAnyway', 'later'];
        return view('info', t('update.blocked', { version }), actions, reasonsOf(refused, t));
      }
      return view('info', t('update.ready', { version }), ['restart', 'later']);
    case 'restarting':
      return view('info', t('update.restarting', { version }), []);
    case 'checking':
      return status.manual ? view('info', t('update.checking'), []) : null;
    case 'downloading':
      return status.manual
        ? view('info', t('update.downloading', { version, percent: status.percent ?? 0 }), ['close'])
        : null;
    case 'up-to-date':
      return status.manual ? view('info', t('update.upToDate', { version: status.currentVersion }), ['close']) : null;
    case 'error': {
      if (!status.manual || !status.error) return null;
      const { code, message } = status.error;
      // 'other' has no words of its own: main's sentence is the best there is.
      return view('error', t('update.failed', { reason: code === 'other' ? message : t(`update.error.${code}`) }), [
        'retry',
        'close',
      ]);
    }
    default:
      return null;
  }
}
