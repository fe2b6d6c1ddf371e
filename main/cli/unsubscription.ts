// `seller-desk unsubscription review ORDER_LINE_ID --decision agree|reject --comments TEXT [--attach CATEGORY=PATH]…`
// (S5c): the review of a negotiated unsubscription, checked locally and queued.
import { COMMON_OPTIONS, parse, PROFILE_OPTION } from './args';
import { parseAttach, queueWithAttachments } from './attach';
import { call, validateInput } from './context';
import { UsageError } from './errors';
import type { CliIo } from './io';
import { COMMAND_USAGE } from './usage';

const OPTIONS = {
  ...COMMON_OPTIONS,
  ...PROFILE_OPTION,
  decision: { type: 'string' },
  comments: { type: 'string' },
  attach: { type: 'string', multiple: true },
} as const;

async function review(argv: string[], io: CliIo): Promise<number> {
  const usage = COMMAND_USAGE['unsubscription review'];
  const { values, positionals } = parse(argv, OPTIONS, usage, 1);
  const orderLineId = positionals[0];
  if (!orderLineId) throw new UsageError('missing ORDER_LINE_ID', usage);
  if (values.decision === undefined) throw new UsageError('missing --decision agree|reject', usage);
  if (values.comments === undefined) throw new UsageError('missing --comments TEXT', usage);
  const files = parseAttach((values as { attach?: string | string[] }).attach, usage);
  const input = { orderLineId, decision: values.decision as 'agree' | 'reject', comments: values.comments }; // checked just below
  validateInput('actions:review-unsubscription', input, usage, {
    orderLineId: 'ORDER_LINE_ID',
    decision: '--decision',
    comments: '--comments',
  });
  return queueWithAttachments(io, values, files, (services, attachments) =>
    call(services, 'actions:review-unsubscription', { ...input, attachments }),
  );
}

export async function runUnsubscription(argv: string[], io: CliIo): Promise<number> {
  const [sub, ...rest] = argv;
  if (sub === 'review') return review(rest, io);
  throw new UsageError(
    sub ? `unknown unsubscription command '${sub}'` : 'missing unsubscription command (review)',
    COMMAND_USAGE['unsubscription review'],
  );
}
