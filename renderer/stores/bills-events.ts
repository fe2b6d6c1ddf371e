// Wires the bills events (docs/rules.md B5) to the stores: `bills:changed` (a pull stored a new bill or revision)
// reloads the Bills page and the reconciliation and raises a toast in the window; `bills:export-progress` moves an
// export's progress bar; `bills:open` (a desktop notification clicked, Electron) shows that bill.
import type { Stores } from './create-stores';

/** Shows one bill on the Bills page. */
export function openBill(stores: Stores, billId: string): void {
  stores.nav.getState().go('bills');
  void stores.bills.getState().openBill(billId);
}

export function startBillsEvents(stores: Stores): () => void {
  const { api } = stores;
  const offs = [
    api.on('bills:changed', ({ bills }) => {
      stores.bills.getState().changed(bills);
      stores.recon.getState().refresh();
      stores.toasts.getState().pushBills(bills);
    }),
    api.on('bills:export-progress', (p) => stores.bills.getState().progress(p)),
    api.on('bills:open', ({ billId }) => {
      if (billId) return openBill(stores, billId);
      stores.nav.getState().go('bills');
      stores.bills.getState().closeBill();
    }),
    // B4: a line that moved (paid, completed, closed) may have changed its billing state.
    api.on('orders:changed', () => stores.recon.getState().refresh()),
  ];
  return () => {
    for (const off of offs) off();
  };
}
