// The desktop auto-update's events, spread into channels.ts's list; contract-updates.ts declares their payloads.

export const UPDATES_EVENT_NAMES = ['update:status'] as const;
