// Dev only: the update channels in memory for `vite dev` — an update "downloads" a few seconds after start and the
// first restart is refused with two unsent actions, so the banner's states can be looked at. Never in a production
// build.
import type { SellerDeskApi } from '../../common/api/bridge';
import type { UpdatesChannel, UpdateStatus } from '../../common/api/contract-updates';
import { ok } from '../../common/api/result';

type UpdatesApi = Pick<SellerDeskApi, UpdatesChannel>;

export function createMockUpdates(emit: (status: UpdateStatus) => void): UpdatesApi {
  let status: UpdateStatus = {
    phase: 'idle',
    currentVersion: '0.1.0-dev',
    version: null,
    percent: null,
    error: null,
    checkedAt: null,
    requestedAt: null,
    manual: false,
    waitingFor: null,
    confirmRestart: false,
  };
  let refusals = 1;
  const set = (patch: Partial<UpdateStatus>): UpdateStatus => {
    status = { ...status, ...patch };
    emit(status);
    return status;
  };
  const delay = <T>(v: T) => new Promise<T>((r) => setTimeout(() => r(v), 40));
  setTimeout(() => set({ phase: 'ready', version: '0.2.0', percent: 100, checkedAt: Date.now() }), 3000);
  return {
    'update:status': () => delay(ok(status)),
    'update:check': () => delay(ok(set({ manual: true, requestedAt: Date.now() }))),
    'update:restart': ({ mode, unsavedDraft = false }) => {
      if (mode !== 'anyway' && refusals-- > 0) {
        if (mode === 'when-sent') set({ waitingFor: 2 });
        const message = '2 actions not yet sent to the marketplace';
        return delay(ok({ restarting: false, waiting: mode === 'when-sent', unsentActions: 2, unsavedDraft, message }));
      }
      set({ phase: 'restarting', waitingFor: null });
      return delay(ok({ restarting: true, waiting: false, unsentActions: 0, unsavedDraft, message: null }));
    },
    'update:cancel-restart': () => delay(ok(set({ waitingFor: null, confirmRestart: false }))),
  };
}
