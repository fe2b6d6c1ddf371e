// Channel and event names (delivery-proof drafts, the statement of work), zod-free like channels.ts,
// which spreads them in. contract-proofs.ts declares their inputs and results.

export const PROOFS_CHANNEL_NAMES = [
  'proofs:list',
  'proofs:list-all',
  'proofs:create',
  'proofs:get',
  'proofs:save',
  'proofs:attach',
  'proofs:detach',
  'proofs:delete',
  'proofs:validate',
  'proofs:submit',
  'proofs:move-template',
  'proofs:resolve-conflict',
  'proofs:earlier-deliveries',
  'proofs:prefill',
  'proofs:recategorize',
  'proofs:file-preview',
  'proofs:export-package',
  'sow:generate',
  'sow:attach',
  'sow:export',
] as const;

export const PROOFS_EVENT_NAMES = ['proofs:changed'] as const;
