// zod schemas for what a draft save accepts (P1 values, P3 attachments). Saves come from the renderer and the CLI;
// a bad shape is an AppError('validation') naming the field, never a crash.
import { z } from 'zod';
import { AppError } from '../../common/api/result';
import { ATTACHMENT_CATEGORIES } from '../../common/marketplace/wire';

/** The outbox sends at most this much text per item (main/outbox/schemas.ts); longer is reported by validation. */
export const MAX_TEXT_CHARS = 20_000;
/** Stored as typed (validation reports what is too long), but a runaway paste is refused outright. */
const MAX_STORED_CHARS = 200_000;

export const draftValue = z.union([
  z.string().max(MAX_STORED_CHARS),
  z.number().finite(),
  z.array(z.string().max(2_000)).max(500),
]);

export const contentKey = z.string().min(1).max(200);

export const draftAttachment = z
  .object({
    sha256: z.string().regex(/^[0-9a-f]{64}$/, 'expected the SHA-256 of a file in the attachment store'),
    category: z.enum(ATTACHMENT_CATEGORIES),
    fileName: z.string().trim().min(1).max(255),
  })
  .strict();

export const draftPatch = z
  .object({
    content: z.record(contentKey, draftValue.nullable()).optional(),
    enablingTime: z.number().int().nonnegative().nullable().optional(),
    attachments: z
      .array(draftAttachment)
      .refine((list) => new Set(list.map((a) => `${a.sha256}/${a.category}`)).size === list.length, {
        message: 'the same file is attached twice in the same category',
      })
      .optional(),
    label: z.string().trim().max(200).nullable().optional(),
    expectedRevision: z.number().int().nonnegative().optional(),
  })
  .strict();

export const draftContent = z.record(z.string(), draftValue);
export const draftAttachments = z.array(draftAttachment);

/** Parses or throws AppError('validation') with every problem as `{ path, message }`. */
export function parseOrThrow<T>(schema: z.ZodType<T>, input: unknown, what: string): T {
  const r = schema.safeParse(input);
  if (r.success) return r.data;
  const issues = r.error.issues.map((i) => ({ path: [what, ...i.path.map(String)].join('.'), message: i.message }));
  throw new AppError('validation', `${issues[0].path}: ${issues[0].message}`, issues);
}
