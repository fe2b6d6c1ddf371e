// Parsing a seller action before it is queued. The zod payload schemas are in
// common/api/action-payloads.ts (shared with the API contract); every problem here is a typed AppError.
import { z } from 'zod';
import { AppError } from '../../common/api/result';
import {
  OUTBOX_KINDS,
  payloadSchemas,
  type AttachmentInput,
  type OutboxKind,
  type PayloadOf,
} from '../../common/api/action-payloads';

// The schemas themselves live in common/ so the API contract validates channel inputs with the very same rules.
export {
  OUTBOX_KINDS,
  MAX_ATTACHMENTS,
  MAX_TEXT,
  charCount,
  attachmentInput,
  payloadSchemas,
  type AttachmentInput,
  type OutboxKind,
  type PayloadOf,
} from '../../common/api/action-payloads';

export type ActionPayload = { [K in OutboxKind]: { kind: K; payload: PayloadOf<K> } }[OutboxKind];

export const enqueueInput = z
  .object({
    orderLineId: z.string().trim().min(1, 'the order line id is required').max(100),
    kind: z.enum(OUTBOX_KINDS),
    payload: z.unknown().optional(),
  })
  .strict();

/** Parses an action; every problem is an AppError('validation') naming the field (never a crash). */
export function parseAction(input: unknown): { orderLineId: string } & ActionPayload {
  const head = enqueueInput.safeParse(input);
  if (!head.success) throw validationError(head.error);
  const schema = payloadSchemas[head.data.kind];
  const body = schema.safeParse(head.data.payload ?? {});
  if (!body.success) throw validationError(body.error, 'payload');
  return { orderLineId: head.data.orderLineId, kind: head.data.kind, payload: body.data } as {
    orderLineId: string;
  } & ActionPayload;
}

export function parsePayload<K extends OutboxKind>(kind: K, payload: unknown): PayloadOf<K> {
  const body = payloadSchemas[kind].safeParse(payload ?? {});
  if (!body.success) throw validationError(body.error, 'payload');
  return body.data as PayloadOf<K>;
}

export function attachmentsOf(a: ActionPayload): AttachmentInput[] {
  return a.kind === 'appeal' || a.kind === 'unsubscription.review' || a.kind === 'delivery'
    ? a.payload.attachments
    : [];
}

function validationError(err: z.ZodError, prefix?: string): AppError {
  const issues = err.issues.map((i) => ({
    path: [prefix, ...i.path.map(String)].filter(Boolean).join('.'),
    message: i.message,
  }));
  const first = issues[0];
  return new AppError('validation', first ? `${first.path || 'input'}: ${first.message}` : 'invalid input', issues);
}
