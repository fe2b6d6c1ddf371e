// `seller-desk requests accept|reject`: checked locally (S3, S5a) and queued in the outbox; the
// next `seller-desk sync` sends it. A refused local check exits 1 with its specific reason.
import { COMMON_OPTIONS, dataDirOf, parse, PROFILE_OPTION } from './args';
import { call, validateInput, withServices } from './context';
import { UsageError } from './errors';
import type { CliIo } from './io';
import { queuedLine } from './outbox';
import { COMMAND_USAGE } from './usage';

const ACCEPT_OPTIONS = { ...COMMON_OPTIONS, ...PROFILE_OPTION } as const;
const REJECT_OPTIONS = { ...COMMON_OPTIONS, ...PROFILE_OPTION, reason: { type: 'string' } } as const;

async function accept(argv: string[], io: CliIo): Promise<number> {
  const usage = COMMAND_USAGE['requests accept'];
  const { values, positionals } = parse(argv, ACCEPT_OPTIONS, usage, 1);
  const orderLineId = positionals[0];
  if (!orderLineId) throw new UsageError('missing ORDER_LINE_ID', usage);
  const input = { orderLineId };
  validateInput('actions:accept-request', input, usage, { orderLineId: 'ORDER_LINE_ID' });
  return withServices(io, { dataDir: dataDirOf(values, io.env), demo: values.demo === true }, async (services) => {
    io.out(queuedLine(await call(services, 'actions:accept-request', input)));
    return 0;
  });
}

async function reject(argv: string[], io: CliIo): Promise<number> {
  const usage = COMMAND_USAGE['requests reject'];
  const { values, positionals } = parse(argv, REJECT_OPTIONS, usage, 1);
  const orderLineId = positionals[0];
  if (!orderLineId) throw new UsageError('missing ORDER_LINE_ID', usage);
  // S1: a rejection goes back to the customer for modification, so it needs a reason (1–2000 characters).
  if (values.reason === undefined) throw new UsageError('missing --reason TEXT (the customer sees it)', usage);
  const input = { orderLineId, reason: values.reason };
  validateInput('actions:reject-request', input, usage, { orderLineId: 'ORDER_LINE_ID', reason: '--reason' });
  return withServices(io, { dataDir: dataDirOf(values, io.env), demo: values.demo === true }, async (services) => {
    io.out(queuedLine(await call(services, 'actions:reject-request', input)));
    return 0;
  });
}

export async function runRequests(argv: string[], io: CliIo): Promise<number> {
  const [sub, ...rest] = argv;
  if (sub === 'accept') return accept(rest, io);
  if (sub === 'reject') return reject(rest, io);
  throw new UsageError(
    sub ? `unknown requests command '${sub}'` : 'missing requests command (accept or reject)',
    COMMAND_USAGE['requests reject'],
  );
}
