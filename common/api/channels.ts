// The channel and event names alone, without zod, so the preload bundle stays small.
// contract.ts checks at compile time that this list and the contract's keys are the same set.
import { OUTBOX_CHANNEL_NAMES, OUTBOX_EVENT_NAMES } from './channels-outbox';
import { PROOFS_CHANNEL_NAMES, PROOFS_EVENT_NAMES } from './channels-proofs';
import { UPDATES_CHANNEL_NAMES, UPDATES_EVENT_NAMES } from './channels-updates';
import { BILLS_CHANNEL_NAMES, BILLS_EVENT_NAMES } from './channels-bills';
import { DB_CHANNEL_NAMES, DB_EVENT_NAMES } from './channels-db';

export const CHANNEL_NAMES = [
  'app:info',
  'orders:list',
  'orders:get',
  'orders:raw',
  'orders:import',
  'orders:export',
  'sync:run',
  'sync:status',
  'sync:rejects',
  'settings:get',
  'settings:set',
  'settings:test',
  ...OUTBOX_CHANNEL_NAMES,
  ...PROOFS_CHANNEL_NAMES,
  ...UPDATES_CHANNEL_NAMES,
  ...BILLS_CHANNEL_NAMES,
  ...DB_CHANNEL_NAMES,
] as const;
export type ChannelName = (typeof CHANNEL_NAMES)[number];

export const EVENT_NAME_LIST = [
  'orders:changed',
  'sync:progress',
  ...OUTBOX_EVENT_NAMES,
  ...PROOFS_EVENT_NAMES,
  ...UPDATES_EVENT_NAMES,
  ...BILLS_EVENT_NAMES,
  ...DB_EVENT_NAMES,
] as const;
