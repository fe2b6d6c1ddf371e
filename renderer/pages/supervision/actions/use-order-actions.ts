// What the detail panel may offer for one order: main's dry run of each action (S3, S5, S5a, S5c,
// with the actions already queued applied) and the order's own outbox items. Refetched when the order or the
// outbox changes.
import { useEffect, useState } from 'react';
import type { OrderActions, OutboxEntry } from '../../../../common/api/contract-outbox';
import { useStores } from '../../../stores/StoresContext';
import { useOutbox } from '../../../stores/use-outbox';

export interface OrderActionsState {
  orderLineId: string;
  actions: OrderActions | null;
  /** This order's items, newest first (discarded ones left out). */
  items: OutboxEntry[];
}

export function useOrderActions(orderLineId: string, orderVersion: number): OrderActionsState | null {
  const { api } = useStores();
  const outboxVersion = useOutbox((s) => s.version);
  const [state, setState] = useState<OrderActionsState | null>(null);
  useEffect(() => {
    let live = true;
    void Promise.all([api['actions:available']({ orderLineId }), api['outbox:list']({ orderLineId })]).then(([available, list]) => {
      if (!live) return;
      setState({ orderLineId, actions: available.ok ? available.value : null, items: list.ok ? list.value : [] });
    });
    return () => {
      live = false;
    };
  }, [api, orderLineId, orderVersion, outboxVersion]);
  // A state for another order (the panel moved on) is not shown while the new one loads.
  return state?.orderLineId === orderLineId ? state : null;
}
