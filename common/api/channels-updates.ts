// The desktop auto-update's channel and event names, zod-free like channels.ts, which spreads them in.
// contract-updates.ts declares their inputs and results.

export const UPDATES_CHANNEL_NAMES = [
  'update:status',
  'update:check',
  'update:restart',
  'update:cancel-restart',
] as const;

export const UPDATES_EVENT_NAMES = ['update:status'] as const;
