// The update channels, spread into the handler table by services.ts. Only the desktop app updates itself: the
// browser host and the CLI answer `unsupported` (there is no controller) and refuse a restart with a typed error.
import { AppError } from '../../common/api/result';
import type { UpdatesChannel, UpdateStatus } from '../../common/api/contract-updates';
import type { UpdateController } from './update-controller';
import type { Handlers } from '../api/dispatch';

export type UpdateHandlers = Pick<Handlers, UpdatesChannel>;

export function unsupportedStatus(currentVersion: string): UpdateStatus {
  return {
    phase: 'unsupported',
    currentVersion,
    version: null,
    percent: null,
    error: null,
    checkedAt: null,
    requestedAt: null,
    manual: false,
    waitingFor: null,
    confirmRestart: false,
  };
}

export function createUpdateHandlers(updates: UpdateController | null, currentVersion: string): UpdateHandlers {
  if (!updates) {
    const status = unsupportedStatus(currentVersion);
    return {
      'update:status': () => status,
      'update:check': () => ({ ...status, manual: true }),
      'update:restart': () => {
        throw new AppError('conflict', 'only the installed desktop app updates itself');
      },
      'update:cancel-restart': () => status,
    };
  }
  return {
    'update:status': () => updates.status(),
    'update:check': () => updates.check({ manual: true }),
    'update:restart': (request) => updates.restart(request),
    'update:cancel-restart': () => updates.cancelRestart(),
  };
}
