// zod schemas of what the user enters for each seller action, shared by the outbox (main/outbox,
// which queues and sends them) and the API contract (common/api/contract-outbox.ts, which validates each channel's
// input) — one definition, so the renderer, the CLI and the outbox judge an input the same way.
// Attachments are referenced by the SHA-256 of a file in the local attachment store; the sender uploads them first.
import { z } from 'zod';
import { ATTACHMENT_CATEGORIES } from '../marketplace/wire';

export const OUTBOX_KINDS = [
  'request.accept',
  'request.reject',
  'appeal',
  'unsubscription.review',
  'delivery',
] as const;
export type OutboxKind = (typeof OUTBOX_KINDS)[number];

/** P3: at most 20 files in one submission. */
export const MAX_ATTACHMENTS = 20;
/**
 * docs/marketplace-api.md: a rejection reason is 1–2000 characters; the same bound is used for appeal reasons and
 * review comments.
 */
export const MAX_TEXT = 2000;

/** Characters as a person counts them (code points), so 2000 Chinese characters are 2000, not 4000 UTF-16 units. */
export function charCount(s: string): number {
  let n = 0;
  for (const _ of s) n++;
  return n;
}

const text = (what: string) =>
  z
    .string({ error: `${what} must be text` })
    .refine((s) => s.trim().length > 0, { message: `${what} is required` })
    .refine((s) => charCount(s) <= MAX_TEXT, { message: `${what} may be at most ${MAX_TEXT} characters` });

export const attachmentInput = z
  .object({
    sha256: z.string().regex(/^[0-9a-f]{64}$/, 'expected the SHA-256 of a file in the attachment store'),
    category: z.enum(ATTACHMENT_CATEGORIES),
    /** The name to send; the first name the file was added under when absent. */
    fileName: z.string().min(1).max(255).optional(),
  })
  .strict();
export type AttachmentInput = z.infer<typeof attachmentInput>;

export const attachmentList = z
  .array(attachmentInput)
  .max(MAX_ATTACHMENTS, `at most ${MAX_ATTACHMENTS} files can go in one submission (P3)`)
  .refine((list) => new Set(list.map((a) => `${a.sha256}/${a.category}`)).size === list.length, {
    message: 'the same file is attached twice in the same category',
  });

/** P1: `text`/`longtext` a string, `date` YYYY-MM-DD, `number` a JSON number, `checklist` the ticked options. */
const contentValue = z.union([z.string().max(20_000), z.number().finite(), z.array(z.string().max(500)).max(200)]);

export const payloadSchemas = {
  'request.accept': z.object({}).strict(),
  'request.reject': z.object({ reason: text('the reason') }).strict(),
  appeal: z
    .object({
      reason: text('the reason'),
      /** S5: the seller marks the customer unreachable → a commitment_letter attachment is required. */
      customerUnreachable: z.boolean().default(false),
      attachments: attachmentList.default([]),
    })
    .strict(),
  'unsubscription.review': z
    .object({
      decision: z.enum(['agree', 'reject']),
      comments: text('the review comments'),
      attachments: attachmentList.default([]),
    })
    .strict(),
  delivery: z
    .object({
      templateVersion: z.number().int().nonnegative(),
      /** P2/V1: the actual service enabling time (UTC ms), optional. */
      enablingTime: z.number().int().nonnegative().nullable().default(null),
      content: z.record(z.string().min(1).max(200), contentValue),
      attachments: attachmentList,
    })
    .strict(),
} as const;

export type PayloadOf<K extends OutboxKind> = z.output<(typeof payloadSchemas)[K]>;
export type PayloadInput<K extends OutboxKind> = z.input<(typeof payloadSchemas)[K]>;
