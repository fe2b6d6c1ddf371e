// `seller-desk appeal ORDER_LINE_ID --reason TEXT [--unreachable] [--attach CATEGORY=PATH]…` (S5):
// files go to the attachment store first; the appeal is checked locally (S5a, and S5's letter of commitment when
// the customer cannot be reached) and queued. `seller-desk sync` uploads the files and sends it.
import { COMMON_OPTIONS, parse, PROFILE_OPTION } from './args';
import { parseAttach, queueWithAttachments } from './attach';
import { call, validateInput } from './context';
import { UsageError } from './errors';
import type { CliIo } from './io';
import { COMMAND_USAGE } from './usage';

const OPTIONS = {
  ...COMMON_OPTIONS,
  ...PROFILE_OPTION,
  reason: { type: 'string' },
  unreachable: { type: 'boolean' },
  attach: { type: 'string', multiple: true },
} as const;

export async function runAppeal(argv: string[], io: CliIo): Promise<number> {
  const usage = COMMAND_USAGE.appeal;
  const { values, positionals } = parse(argv, OPTIONS, usage, 1);
  const orderLineId = positionals[0];
  if (!orderLineId) throw new UsageError('missing ORDER_LINE_ID', usage);
  if (values.reason === undefined) throw new UsageError('missing --reason TEXT', usage);
  const files = parseAttach((values as { attach?: string | string[] }).attach, usage);
  const input = { orderLineId, reason: values.reason, customerUnreachable: values.unreachable === true };
  validateInput('actions:appeal', input, usage, {
    orderLineId: 'ORDER_LINE_ID',
    reason: '--reason',
    customerUnreachable: '--unreachable',
  });
  return queueWithAttachments(io, values, files, (services, attachments) =>
    call(services, 'actions:appeal', { ...input, attachments }),
  );
}
