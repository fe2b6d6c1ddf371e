// `seller-desk bills list|show|why|export` (docs/rules.md B1–B5): the archived bills, one bill with its B2a/B3
// explanation, why an order line is (not) billed. `export` is main/cli/bills-export.ts.
import type { ChannelInput } from '../../common/api/contract';
import { AppError } from '../../common/api/result';
import { getBillAsReceived, type BillAsReceived } from '../bills/service';
import { COMMON_OPTIONS, dataDirOf, intOption, parse, PROFILE_OPTION } from './args';
import { runBillsExport } from './bills-export';
import { billListJson, billListText, billShowJson, billShowText, billWhyJson, billWhyText } from './bills-format';
import { call, validateInput, withReader } from './context';
import { CliFailure, HelpRequested, oneLine, UsageError } from './errors';
import type { CliIo } from './io';
import { COMMAND_USAGE } from './usage';

const LIST_OPTIONS = {
  ...COMMON_OPTIONS,
  ...PROFILE_OPTION,
  period: { type: 'string' },
  currency: { type: 'string' },
  json: { type: 'boolean' },
} as const;
const SHOW_OPTIONS = {
  ...COMMON_OPTIONS,
  ...PROFILE_OPTION,
  revision: { type: 'string' },
  json: { type: 'boolean' },
} as const;
const WHY_OPTIONS = { ...COMMON_OPTIONS, ...PROFILE_OPTION, json: { type: 'boolean' } } as const;

const json = (value: unknown): string => JSON.stringify(value, null, 2);

async function list(argv: string[], io: CliIo): Promise<number> {
  const usage = COMMAND_USAGE['bills list'];
  const { values } = parse(argv, LIST_OPTIONS, usage);
  // The strings are checked against the contract by validateInput (a bad value is bad usage).
  const input = { period: values.period, currency: values.currency } as ChannelInput<'bills:list'>;
  validateInput('bills:list', input, usage);
  return withReader(io, { dataDir: dataDirOf(values, io.env), demo: values.demo === true }, async (reader) => {
    const rows = await call(reader, 'bills:list', input);
    if (values.json) io.out(json(billListJson(rows)));
    else
      io.out(
        rows.length ? `${billListText(rows)}\n${rows.length} bill${rows.length === 1 ? '' : 's'}.` : 'No bills match.',
      );
    return 0;
  });
}

async function show(argv: string[], io: CliIo): Promise<number> {
  const usage = COMMAND_USAGE['bills show'];
  const { values, positionals } = parse(argv, SHOW_OPTIONS, usage, 1);
  const billId = positionals[0];
  if (!billId) throw new UsageError('missing BILL_ID', usage);
  const input = { billId, revision: intOption('revision', values.revision, 1, 1_000_000, usage) };
  validateInput('bills:get', input, usage, { billId: 'BILL_ID' });
  return withReader(io, { dataDir: dataDirOf(values, io.env), demo: values.demo === true }, async (reader) => {
    // No channel carries what this prints, so it reads the archive directly (read-only): `--json` is the bill exactly
    // as received (no channel hands out the stored bill JSON), and the text explains every line and every B3 refund
    // split at once, while `bills:get` caps its flagged lines (BILL_FLAGGED_LIMIT) and refunds (BILL_REFUNDS_LIMIT)
    // and leaves the lines to `bills:lines` paging. The explanation itself is the same service code (B2a, B3).
    let detail: BillAsReceived;
    try {
      detail = getBillAsReceived(reader.db, input.billId, input.revision);
    } catch (err) {
      if (err instanceof AppError) throw new CliFailure(oneLine(err.message));
      throw err;
    }
    io.out(values.json ? json(billShowJson(detail)) : billShowText(detail));
    return 0;
  });
}

async function why(argv: string[], io: CliIo): Promise<number> {
  const usage = COMMAND_USAGE['bills why'];
  const { values, positionals } = parse(argv, WHY_OPTIONS, usage, 1);
  const orderLineId = positionals[0];
  if (!orderLineId) throw new UsageError('missing ORDER_LINE_ID', usage);
  validateInput('bills:why', { orderLineId }, usage, { orderLineId: 'ORDER_LINE_ID' });
  return withReader(io, { dataDir: dataDirOf(values, io.env), demo: values.demo === true }, async (reader) => {
    const answer = await call(reader, 'bills:why', { orderLineId });
    io.out(values.json ? json(billWhyJson(answer)) : billWhyText(answer));
    return 0;
  });
}

export async function runBills(argv: string[], io: CliIo): Promise<number> {
  const [sub, ...rest] = argv;
  if (sub === '--help' || sub === '-h') {
    throw new HelpRequested(
      [
        COMMAND_USAGE['bills list'],
        COMMAND_USAGE['bills show'],
        COMMAND_USAGE['bills why'],
        COMMAND_USAGE['bills export'],
      ].join('\n       '),
    );
  }
  if (sub === 'list') return list(rest, io);
  if (sub === 'show') return show(rest, io);
  if (sub === 'why') return why(rest, io);
  if (sub === 'export') return runBillsExport(rest, io);
  throw new UsageError(
    sub ? `unknown bills command '${sub}'` : 'missing bills command (list, show, why or export)',
    COMMAND_USAGE['bills list'],
  );
}
