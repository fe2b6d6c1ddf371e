// The migration list, in order (docs/architecture.md: NNNN-what-it-does.sql, steps of 10). Add a file, then a line
// here.
import type { Migration } from '../migrate';
import orderLines from './0010-order-lines.sql';
import syncState from './0020-sync-state.sql';
import deliveryTemplates from './0030-delivery-templates.sql';
import outbox from './0040-outbox.sql';
import attachments from './0050-attachments.sql';
import proofDrafts from './0060-proof-drafts.sql';
import bills from './0070-bills.sql';
import syncRejectsOnce from './0080-sync-rejects-once.sql';
import billChecks from './0090-bill-checks.sql';
import urgency from './0100-urgency.sql';
import customerFiltersIndex from './0120-customer-filters-index.sql';
import orderLinesIncoming from './0130-order-lines-incoming.sql';
import orderLinesIncomingArrival from './0140-order-lines-incoming-arrival.sql';

export const MIGRATIONS: readonly Migration[] = [
  { version: 10, name: '0010-order-lines', sql: orderLines },
  { version: 20, name: '0020-sync-state', sql: syncState },
  { version: 30, name: '0030-delivery-templates', sql: deliveryTemplates },
  { version: 40, name: '0040-outbox', sql: outbox },
  { version: 50, name: '0050-attachments', sql: attachments },
  { version: 60, name: '0060-proof-drafts', sql: proofDrafts },
  { version: 70, name: '0070-bills', sql: bills },
  { version: 80, name: '0080-sync-rejects-once', sql: syncRejectsOnce },
  { version: 90, name: '0090-bill-checks', sql: billChecks },
  { version: 100, name: '0100-urgency', sql: urgency },
  { version: 120, name: '0120-customer-filters-index', sql: customerFiltersIndex },
  { version: 130, name: '0130-order-lines-incoming', sql: orderLinesIncoming },
  { version: 140, name: '0140-order-lines-incoming-arrival', sql: orderLinesIncomingArrival },
];
