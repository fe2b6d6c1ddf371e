// Settlement bills' channel and event names (docs/rules.md B1–B5), zod-free like channels.ts, which spreads them in.
// contract-bills.ts declares their inputs and results.

export const BILLS_CHANNEL_NAMES = [
  'bills:list',
  'bills:get',
  'bills:lines',
  'bills:why',
  'bills:reconciliation',
  'bills:monthly',
  'bills:export',
  'bills:export-reconciliation',
] as const;

export const BILLS_EVENT_NAMES = ['bills:changed', 'bills:export-progress', 'bills:open'] as const;
