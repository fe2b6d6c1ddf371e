// What the detail panel may offer for one order: main's dry run of each action (S3, S5, S5c, with the actions
// already queued applied) and the order's own outbox items, kept in the outbox store. Read when the panel opens the
// order or the order changes; an action taken here shows its own answer, and changes made elsewhere to this order's
// items reload it (outbox-store.ts).
import { useEffect } from 'react';
import { useStores } from '../../../stores/StoresContext';
import { useOutbox } from '../../../stores/use-outbox';
import type { OrderOutboxView } from '../../../stores/outbox-store';

export type OrderActionsState = OrderOutboxView;

export function useOrderActions(orderLineId: string, orderVersion: number): OrderActionsState | null {
  const { outbox } = useStores();
  useEffect(() => outbox.getState().watchOrder(orderLineId), [outbox, orderLineId]);
  useEffect(() => {
    void outbox.getState().loadOrder(orderLineId);
  }, [outbox, orderLineId, orderVersion]);
  return useOutbox((s) => s.orders[orderLineId] ?? null);
}
