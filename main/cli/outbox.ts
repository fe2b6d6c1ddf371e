// `seller-desk outbox list|requeue|discard`: what waits to be sent, what the marketplace
// refused (with its message) and what conflicted; a refused item can be re-queued or discarded (recorded).
import { DateTime } from 'luxon';
import { OUTBOX_STATES, type OutboxEntry, type OutboxState } from '../../common/api/contract-outbox';
import type { OutboxKind } from '../../common/api/action-payloads';
import { MARKET_ZONE } from '../../common/domain/time';
import { COMMON_OPTIONS, dataDirOf, listOption, parse, PROFILE_OPTION } from './args';
import { call, validateInput, withReader, withServices } from './context';
import { UsageError } from './errors';
import type { CliIo } from './io';
import { COMMAND_USAGE } from './usage';

const KIND_LABEL: Record<OutboxKind, string> = {
  'request.accept': 'accept request',
  'request.reject': 'reject request',
  appeal: 'appeal',
  'unsubscription.review': 'review unsubscription',
  delivery: 'delivery',
};

/** What an action command prints: the item id first, so a script can take it. */
export function queuedLine(item: OutboxEntry): string {
  return `${item.id} queued; run 'seller-desk sync' to send`;
}

const cut = (text: string, width: number): string => (text.length > width ? `${text.slice(0, width - 1)}…` : text);
const when = (ms: number): string => DateTime.fromMillis(ms, { zone: MARKET_ZONE }).toFormat('yyyy-LL-dd HH:mm');

function stateOf(item: OutboxEntry): string {
  return item.discardedAt !== null ? 'discarded' : item.state;
}

function errorOf(item: OutboxEntry): string {
  if (item.discardedAt !== null) return `discarded: ${item.discardReason ?? ''}`;
  const e = item.lastError;
  if (!e) return '';
  return [e.status, e.resultCode, e.message].filter((x) => x !== undefined && x !== '').join(' ');
}

export function outboxTable(items: OutboxEntry[]): string {
  const header = ['ID', 'QUEUED (UTC+8)', 'ACTION', 'ORDER LINE', 'STATE', 'TRIES', 'LAST ERROR'];
  const rows = items.map((i) => [
    i.id,
    when(i.createdAt),
    KIND_LABEL[i.kind],
    i.orderLineId,
    stateOf(i),
    String(i.attempts),
    cut(errorOf(i), 80),
  ]);
  const widths = header.map((h, c) => Math.max(h.length, ...rows.map((r) => r[c].length)));
  return [header, ...rows]
    .map((r) =>
      r
        .map((cell, c) => cell.padEnd(widths[c]))
        .join('  ')
        .trimEnd(),
    )
    .join('\n');
}

const LIST_OPTIONS = {
  ...COMMON_OPTIONS,
  ...PROFILE_OPTION,
  state: { type: 'string' },
  all: { type: 'boolean' },
  json: { type: 'boolean' },
} as const;
const ID_OPTIONS = { ...COMMON_OPTIONS, ...PROFILE_OPTION } as const;
const DISCARD_OPTIONS = { ...COMMON_OPTIONS, ...PROFILE_OPTION, reason: { type: 'string' } } as const;

async function list(argv: string[], io: CliIo): Promise<number> {
  const usage = COMMAND_USAGE['outbox list'];
  const { values } = parse(argv, LIST_OPTIONS, usage);
  const input = {
    states: listOption(values.state) as OutboxState[] | undefined,
    includeDiscarded: values.all === true,
  }; // checked below
  validateInput('outbox:list', input, usage, { states: `--state (one of ${OUTBOX_STATES.join(', ')})` });
  return withReader(io, { dataDir: dataDirOf(values, io.env), demo: values.demo === true }, async (reader) => {
    const items = await call(reader, 'outbox:list', input);
    if (values.json) {
      io.out(JSON.stringify(items, null, 2));
      return 0;
    }
    if (items.length === 0) {
      io.out('The outbox is empty.');
      return 0;
    }
    io.out(outboxTable(items));
    const { unsent, needsAttention } = await call(reader, 'outbox:summary', {});
    io.out(
      `${items.length} item${items.length === 1 ? '' : 's'}; ${unsent} unsent, ${needsAttention} need${needsAttention === 1 ? 's' : ''} attention.`,
    );
    return 0;
  });
}

async function requeueOne(argv: string[], io: CliIo): Promise<number> {
  const usage = COMMAND_USAGE['outbox requeue'];
  const { values, positionals } = parse(argv, ID_OPTIONS, usage, 1);
  const id = positionals[0];
  if (!id) throw new UsageError('missing ID (see seller-desk outbox list)', usage);
  validateInput('outbox:requeue', { id }, usage, { id: 'ID' });
  return withServices(io, { dataDir: dataDirOf(values, io.env), demo: values.demo === true }, async (services) => {
    io.out(queuedLine(await call(services, 'outbox:requeue', { id })));
    return 0;
  });
}

async function discardOne(argv: string[], io: CliIo): Promise<number> {
  const usage = COMMAND_USAGE['outbox discard'];
  const { values, positionals } = parse(argv, DISCARD_OPTIONS, usage, 1);
  const id = positionals[0];
  if (!id) throw new UsageError('missing ID (see seller-desk outbox list)', usage);
  if (values.reason === undefined) throw new UsageError('missing --reason TEXT (the discard is recorded)', usage);
  const input = { id, reason: values.reason };
  validateInput('outbox:discard', input, usage, { id: 'ID', reason: '--reason' });
  return withServices(io, { dataDir: dataDirOf(values, io.env), demo: values.demo === true }, async (services) => {
    const item = await call(services, 'outbox:discard', input);
    io.out(`${item.id} discarded (${KIND_LABEL[item.kind]} on ${item.orderLineId}); the reason is recorded.`);
    return 0;
  });
}

export async function runOutbox(argv: string[], io: CliIo): Promise<number> {
  const [sub, ...rest] = argv;
  if (sub === 'list') return list(rest, io);
  if (sub === 'requeue') return requeueOne(rest, io);
  if (sub === 'discard') return discardOne(rest, io);
  throw new UsageError(
    sub ? `unknown outbox command '${sub}'` : 'missing outbox command (list, requeue or discard)',
    COMMAND_USAGE['outbox list'],
  );
}
