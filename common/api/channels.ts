// The event names main pushes, as a list the preload and the browser-host shim check a subscription against (the
// `Events` interface in contract.ts is a type only). contract.ts proves at compile time that the two are the same set.
// Channel names have no list of their own: the contract's keys are the one declaration (contract.ts CHANNELS).
import { OUTBOX_EVENT_NAMES } from './channels-outbox';
import { PROOFS_EVENT_NAMES } from './channels-proofs';
import { UPDATES_EVENT_NAMES } from './channels-updates';
import { BILLS_EVENT_NAMES } from './channels-bills';
import { DB_EVENT_NAMES } from './channels-db';

export const EVENT_NAME_LIST = [
  'orders:changed',
  'orders:export-progress',
  'sync:progress',
  ...OUTBOX_EVENT_NAMES,
  ...PROOFS_EVENT_NAMES,
  ...UPDATES_EVENT_NAMES,
  ...BILLS_EVENT_NAMES,
  ...DB_EVENT_NAMES,
] as const;
