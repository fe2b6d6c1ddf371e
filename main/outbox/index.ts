// The outbox's public API: take an action (one local transaction), send what is due, and what
// the Sync Center and the status bar show. Handlers and the CLI use these; nothing else reaches into the files.
export { enqueueAction, requeue, discard, type EnqueueDeps } from './enqueue';
export {
  OutboxSender,
  OUTBOX_POLICY,
  recoverInterrupted,
  retryNow,
  type OutboxChange,
  type OutboxPolicy,
  type OutboxSenderOptions,
  type SendSummary,
} from './OutboxSender';
export {
  countNeedsAttention,
  countUnsent,
  getOutboxItem,
  listOutbox,
  outboxHistory,
  pendingOrderLines,
  OUTBOX_STATES,
  type OutboxError,
  type OutboxItem,
  type OutboxListItem,
  type OutboxLogEntry,
  type OutboxState,
} from './repo';
export {
  OUTBOX_KINDS,
  MAX_ATTACHMENTS,
  MAX_TEXT,
  payloadSchemas,
  parseAction,
  type ActionPayload,
  type AttachmentInput,
  type OutboxKind,
  type PayloadOf,
} from './schemas';
export { checkAction, effectOf } from './rules';
