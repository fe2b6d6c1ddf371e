// `seller-desk orders list|show|import`. `--json` prints order lines as stored: the
// marketplace's own JSON objects (docs/marketplace-api.md field names), exactly the text that was received.
import { ORDERS_RAW_MAX, type OrderQuery } from '../../common/api/contract';
import type { OrderRow } from '../../common/api/types';
import { StoredJsonError } from '../db/row-problems';
import { COMMON_OPTIONS, dataDirOf, intOption, listOption, parse, PROFILE_OPTION } from './args';
import { call, validateInput, withReader, withServices } from './context';
import { CliFailure, UsageError } from './errors';
import { orderDetailText, ordersTable } from './format';
import type { CliIo } from './io';
import { COMMAND_USAGE } from './usage';

/** orders:list answers at most this many rows per call (contract); larger --limit values are paged. */
const PAGE = 500;
const DEFAULT_LIMIT = 50;
const MAX_LIMIT = 10_000_000;

const LIST_OPTIONS = {
  ...COMMON_OPTIONS,
  ...PROFILE_OPTION,
  status: { type: 'string' },
  stage: { type: 'string' },
  search: { type: 'string' },
  from: { type: 'string' },
  to: { type: 'string' },
  limit: { type: 'string' },
  json: { type: 'boolean' },
} as const;
const SHOW_OPTIONS = { ...COMMON_OPTIONS, ...PROFILE_OPTION, json: { type: 'boolean' } } as const;
const IMPORT_OPTIONS = { ...COMMON_OPTIONS, ...PROFILE_OPTION, id: { type: 'string' } } as const;

const FLAG_OF = {
  text: '--search',
  status: '--status',
  stage: '--stage',
  from: '--from',
  to: '--to',
  limit: '--limit',
};

async function list(argv: string[], io: CliIo): Promise<number> {
  const usage = COMMAND_USAGE['orders list'];
  const { values } = parse(argv, LIST_OPTIONS, usage);
  const limit = intOption('limit', values.limit, 1, MAX_LIMIT, usage) ?? DEFAULT_LIMIT;
  const filter = {
    status: listOption(values.status),
    stage: listOption(values.stage),
    text: values.search,
    from: values.from,
    to: values.to,
  } as OrderQuery; // the strings are checked against the contract by validateInput below
  const firstPage: OrderQuery = { ...filter, limit: Math.min(limit, PAGE), offset: 0 };
  validateInput('orders:list', firstPage, usage, FLAG_OF);

  return withReader(io, { dataDir: dataDirOf(values, io.env), demo: values.demo === true }, async (reader) => {
    const rows: OrderRow[] = [];
    let total = 0;
    while (rows.length < limit) {
      // Exact totals: the loop stops on the total, and the summary line prints it (no "about" here).
      const page = await call(reader, 'orders:list', {
        ...filter,
        offset: rows.length,
        limit: Math.min(PAGE, limit - rows.length),
        exactTotal: true,
      });
      total = page.total;
      rows.push(...page.rows);
      if (page.rows.length === 0 || rows.length >= total) break;
    }
    if (values.json) {
      // Concatenated as stored (orders:raw), not re-serialized: every field the marketplace sent, in its own order.
      // A line whose stored JSON no longer parses is left out and reported as a row problem by the channel: stdout
      // stays valid JSON, and afterCommand (db-gate.ts) prints the warning and makes the exit 1.
      const texts: string[] = [];
      for (let i = 0; i < rows.length; i += ORDERS_RAW_MAX) {
        const raw = await call(reader, 'orders:raw', {
          orderLineIds: rows.slice(i, i + ORDERS_RAW_MAX).map((r) => r.orderLineId),
        });
        if (raw.missing[0] !== undefined) throw new CliFailure(`no order line ${raw.missing[0]} in the local cache`);
        texts.push(...raw.lines.map((l) => l.rawJson));
      }
      io.out(texts.length ? `[\n${texts.join(',\n')}\n]` : '[]');
      return 0;
    }
    if (rows.length === 0) {
      io.out(total === 0 ? 'No order lines match.' : 'No order lines on this page.');
      return 0;
    }
    io.out(ordersTable(rows, Date.now()));
    io.out(`${rows.length} of ${total} order line${total === 1 ? '' : 's'}.`);
    return 0;
  });
}

async function show(argv: string[], io: CliIo): Promise<number> {
  const usage = COMMAND_USAGE['orders show'];
  const { values, positionals } = parse(argv, SHOW_OPTIONS, usage, 1);
  const orderLineId = positionals[0];
  if (!orderLineId) throw new UsageError('missing ORDER_LINE_ID', usage);
  validateInput('orders:get', { orderLineId }, usage, { orderLineId: 'ORDER_LINE_ID' });
  return withReader(io, { dataDir: dataDirOf(values, io.env), demo: values.demo === true }, async (reader) => {
    if (values.json) {
      const raw = await call(reader, 'orders:raw', { orderLineIds: [orderLineId] });
      // One row asked for: a damaged one is this command's failure, one line (db-gate.ts storedJsonFailure).
      if (raw.damaged[0]) throw new StoredJsonError(raw.damaged[0]);
      const line = raw.lines[0];
      if (!line) throw new CliFailure(`no order line ${orderLineId} in the local cache`);
      io.out(line.rawJson);
      return 0;
    }
    io.out(orderDetailText(await call(reader, 'orders:get', { orderLineId }), Date.now()));
    return 0;
  });
}

async function importOne(argv: string[], io: CliIo): Promise<number> {
  const usage = COMMAND_USAGE['orders import'];
  const { values } = parse(argv, IMPORT_OPTIONS, usage);
  if (values.id === undefined) throw new UsageError('missing --id ORDER_ID', usage);
  const input = { orderId: values.id };
  validateInput('orders:import', input, usage, { orderId: '--id' });
  return withServices(io, { dataDir: dataDirOf(values, io.env), demo: values.demo === true }, async (services) => {
    const { orderLineIds } = await call(services, 'orders:import', input);
    io.out(
      `Imported order ${values.id}: ${orderLineIds.length} order line${orderLineIds.length === 1 ? '' : 's'} (${orderLineIds.join(', ')}).`,
    );
    return 0;
  });
}

export async function runOrders(argv: string[], io: CliIo): Promise<number> {
  const [sub, ...rest] = argv;
  if (sub === 'list') return list(rest, io);
  if (sub === 'show') return show(rest, io);
  if (sub === 'import') return importOne(rest, io);
  throw new UsageError(
    sub ? `unknown orders command '${sub}'` : 'missing orders command (list, show or import)',
    `${COMMAND_USAGE['orders list']}`,
  );
}
