// The core of the handler table (docs/architecture.md "Two transports, one handler table"): app:info and the
// orders, sync and settings domains' handlers; services.ts spreads these with the other domains' into one table.
import type { AppInfo } from '../../common/api/types';
import type { OutboxChannel } from '../../common/api/contract-outbox';
import type { ProofsChannel } from '../../common/api/contract-proofs';
import type { UpdatesChannel } from '../../common/api/contract-updates';
import type { BillsChannel } from '../../common/api/contract-bills';
import type { DbChannel } from '../../common/api/contract-db';
import { createOrdersHandlers, type OrdersHandlerDeps } from '../orders/handlers';
import { createSettingsHandlers, type SettingsHandlerDeps } from '../settings/handlers';
import { createSyncHandlers, type SyncHandlerDeps } from '../sync/handlers';
import type { Handlers } from './dispatch';

export type HandlerDeps = OrdersHandlerDeps & SyncHandlerDeps & SettingsHandlerDeps & { info: AppInfo };

export function createHandlers(
  deps: HandlerDeps,
): Omit<Handlers, OutboxChannel | ProofsChannel | UpdatesChannel | BillsChannel | DbChannel> {
  return {
    'app:info': () => deps.info,
    ...createOrdersHandlers(deps),
    ...createSyncHandlers(deps),
    ...createSettingsHandlers(deps),
  };
}
