// The events of seller actions, the outbox and notifications, spread into channels.ts's list; contract-outbox.ts
// declares their payloads.

export const OUTBOX_EVENT_NAMES = ['outbox:changed', 'notification', 'notification:open'] as const;
