// The settings channels (docs/architecture.md "Two transports, one handler table"): the view never carries the SK.
import type { Handlers } from '../api/dispatch';
import type { MarketplaceClient } from '../sync/client';
import { displayText } from '../sync/display-text';
import { credentialsFailure, syncFailureOf } from '../sync/failure';
import type { SyncScheduler } from '../sync/scheduler';
import type { AppSettings } from './app-settings';

export type SettingsHandlers = Pick<Handlers, 'settings:get' | 'settings:test' | 'settings:set'>;

export interface SettingsHandlerDeps {
  settings: AppSettings;
  scheduler: SyncScheduler;
  /** null until an endpoint, AK and SK are set; throws when the stored credentials cannot be read. */
  client: () => MarketplaceClient | null;
  /** The endpoint or credentials changed: rebuild the client, then sync. */
  reconnect: () => void;
}

export function createSettingsHandlers(deps: SettingsHandlerDeps): SettingsHandlers {
  const { settings, scheduler } = deps;
  return {
    'settings:get': () => settings.view(),

    // Settings' "Test connection": one signed account request with what is saved; the outcome is the answer, in
    // words the window translates (docs/marketplace-api.md "Errors"), never a thrown error.
    'settings:test': async () => {
      let client: MarketplaceClient | null;
      try {
        client = deps.client();
      } catch (err) {
        return { ok: false, failure: credentialsFailure(err) };
      }
      if (!client)
        return {
          ok: false,
          failure: { kind: 'unconfigured', status: null, message: 'no marketplace endpoint, AK and SK are set' },
        };
      try {
        const account = await client.getAccount();
        return {
          ok: true,
          sellerName: displayText(account.sellerName, 120),
          sellerId: displayText(account.sellerId, 120),
        };
      } catch (err) {
        return { ok: false, failure: syncFailureOf(err) };
      }
    },

    'settings:set': (patch) => {
      const before = settings.view().syncIntervalMinutes;
      const { view, connectionChanged } = settings.apply(patch);
      if (connectionChanged) deps.reconnect();
      else if (view.syncIntervalMinutes !== before) scheduler.reschedule();
      return view;
    },
  };
}
