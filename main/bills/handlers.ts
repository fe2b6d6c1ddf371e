// The bills channels (docs/rules.md B1–B5), spread into the handler table by services.ts. Inputs arrive validated
// by dispatch(); an unknown bill or order line is a typed not_found. The exports are export-handlers.ts.
import type { BillsChannel } from '../../common/api/contract-bills';
import type { Handlers } from '../api/dispatch';
import type { ReadDb } from '../db/connection';
import type { Clock } from '../sync/client';
import { createBillExportHandlers, type BillExportDeps } from './export-handlers';
import { reconcile } from './reconciliation';
import { billLines, getBill, listBills, monthly, whyBilled } from './service';

export type BillsHandlers = Pick<Handlers, BillsChannel>;
/** The read channels: the list, one bill, its lines, why, reconciliation, monthly. */
export type BillsReadHandlers = Pick<Handlers, Exclude<BillsChannel, 'bills:export' | 'bills:export-reconciliation'>>;

export function createBillsReadHandlers(deps: { db: ReadDb; clock: Clock }): BillsReadHandlers {
  const { db, clock } = deps;
  return {
    'bills:list': (filter) => listBills(db, filter),
    'bills:get': ({ billId, revision }) => getBill(db, billId, revision),
    'bills:lines': (query) => billLines(db, query),
    'bills:why': ({ orderLineId }) => whyBilled(db, orderLineId, clock.now()),
    'bills:reconciliation': (query) => reconcile(db, query, clock.now()),
    'bills:monthly': ({ months }) => monthly(db, months, clock.now()),
  };
}

export function createBillsHandlers(deps: BillExportDeps): BillsHandlers {
  return { ...createBillsReadHandlers(deps), ...createBillExportHandlers(deps) };
}
