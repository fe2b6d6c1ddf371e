// The events of delivery-proof drafts, spread into channels.ts's list; contract-proofs.ts declares their payloads.

export const PROOFS_EVENT_NAMES = ['proofs:changed'] as const;
