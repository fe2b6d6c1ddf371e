// Why an action cannot be taken, in the user's language: main's checks answer with a stable reason code (S3 stage,
// S5a appeal_open, S5c no_pending_unsubscription, S5 commitment_letter_required …) that is translated here; any
// other refusal is shown as main worded it.
import type { ActionAvailability } from '../../../../common/api/contract-outbox';
import { detailsOf, reasonOf, type ApiError, type ErrorReason } from '../../../../common/api/result';
import { STAGES, type Stage } from '../../../../common/marketplace/wire';
import type { Translate } from '../../../i18n/translate';
import { errorIdOf, errorText } from '../../../lib/error-text';

const isStage = (x: unknown): x is Stage => typeof x === 'string' && (STAGES as readonly string[]).includes(x);

function reasonText(t: Translate, reason: ErrorReason | null, stage: unknown, current?: Stage | null): string | null {
  switch (reason) {
    case 'appeal_open':
      return t('actions.why.appeal_open');
    case 'stage':
      if (!isStage(stage)) return null;
      // Main judges the order as it will be once queued actions are applied: say so when that differs from now.
      return t(current && current !== stage ? 'actions.why.stageQueued' : 'actions.why.stage', {
        stage: t(`stage.${stage}`),
      });
    case 'no_pending_unsubscription':
      return t('actions.why.no_pending_unsubscription');
    case 'not_supervised':
      return t('actions.why.not_supervised');
    case 'not_found':
      return t('actions.why.not_found');
    case 'commitment_letter_required':
      return t('appeal.letterRequired');
    default:
      return null;
  }
}

/** A disabled button's explanation; `current` is the order's stage as cached. */
export function whyNot(t: Translate, a: ActionAvailability, current?: Stage | null): string {
  return reasonText(t, a.reason, a.stage, current) ?? a.message ?? '';
}

/** A refused `actions:*` / `outbox:*` call, as one sentence. */
export function actionErrorText(t: Translate, error: ApiError): string {
  if (error.code === 'offline') return t('syncCenter.offlineHost');
  // Not connected (a download before an account is set) and unexpected failures read the same on every screen.
  if (error.code === 'not_configured' || errorIdOf(error)) return errorText(t, error);
  return reasonText(t, reasonOf(error), detailsOf(error).stage) ?? t('actions.failed', { message: error.message });
}
