// Channel and event names (seller actions, attachments, the outbox, notifications), zod-free like
// channels.ts, which spreads them in. contract-outbox.ts declares their inputs and results.

export const OUTBOX_CHANNEL_NAMES = [
  'actions:available',
  'actions:accept-request',
  'actions:reject-request',
  'actions:appeal',
  'actions:review-unsubscription',
  'attachments:add',
  'attachments:download',
  'outbox:list',
  'outbox:summary',
  'outbox:requeue',
  'outbox:discard',
  'outbox:retry-now',
] as const;

export const OUTBOX_EVENT_NAMES = ['outbox:changed', 'notification', 'notification:open'] as const;
