// Settlement bills' events (docs/rules.md B1–B5), spread into channels.ts's list; contract-bills.ts declares their
// payloads.

export const BILLS_EVENT_NAMES = ['bills:changed', 'bills:export-progress', 'bills:open'] as const;
