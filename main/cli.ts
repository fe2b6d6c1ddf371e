// The `seller-desk` command. Exit 0 on success; 1 on failure with a one-line reason on
// stderr; 2 on bad usage with a usage line.
import { version } from '../package.json';
import { runAccount } from './cli/account';
import { runAppeal } from './cli/appeal';
import { runBills } from './cli/bills';
import { runDiagnostics } from './cli/diagnostics';
import { runDb } from './cli/db';
import { runOutbox } from './cli/outbox';
import { runProof } from './cli/proof';
import { runRequests } from './cli/requests';
import { runUnsubscription } from './cli/unsubscription';
import { CliFailure, HelpRequested, oneLine, UsageError } from './cli/errors';
import { processIo, type CliIo } from './cli/io';
import { runOrders } from './cli/orders';
import { runServe } from './cli/serve';
import { runSim } from './cli/sim';
import { runSow } from './cli/sow';
import { runSync } from './cli/sync';
import { USAGE } from './cli/usage';

const COMMANDS: Record<string, (argv: string[], io: CliIo) => Promise<number>> = {
  serve: runServe,
  sim: runSim,
  account: runAccount,
  sync: runSync,
  orders: runOrders,
  requests: runRequests,
  appeal: runAppeal,
  unsubscription: runUnsubscription,
  outbox: runOutbox,
  sow: runSow,
  proof: runProof,
  diagnostics: runDiagnostics,
  bills: runBills,
  db: runDb,
};

/** Commands named with their subcommand (`orders list`) in CliIo.command. */
const WITH_SUBCOMMANDS = new Set(['account', 'orders', 'requests', 'outbox', 'proof', 'bills', 'unsubscription', 'db']);

/** `seller-desk --data-dir X orders list` = `seller-desk orders list --data-dir X`: the common option may lead. */
function leadingOptions(argv: string[]): string[] {
  const lead: string[] = [];
  let i = 0;
  while (i < argv.length && (argv[i] === '--data-dir' || argv[i].startsWith('--data-dir=') || argv[i] === '--demo')) {
    const takesValue = argv[i] === '--data-dir';
    lead.push(...argv.slice(i, i + (takesValue ? 2 : 1)));
    i += takesValue ? 2 : 1;
  }
  return [...argv.slice(i), ...lead];
}

export async function runCli(argv: string[], io: CliIo): Promise<number> {
  const [command, ...rest] = leadingOptions(argv);
  try {
    if (command === '--help' || command === '-h' || command === 'help') {
      io.out(USAGE);
      return 0;
    }
    if (command === '--version' || command === '-v') {
      io.out(version);
      return 0;
    }
    if (command === undefined || command.startsWith('-'))
      throw new UsageError(command ? `unknown option '${command}' before the command` : 'missing command');
    const run = COMMANDS[command];
    if (!run) throw new UsageError(`unknown command '${command}'`);
    const sub = WITH_SUBCOMMANDS.has(command) && rest[0] && !rest[0].startsWith('-') ? ` ${rest[0]}` : '';
    return await run(rest, { ...io, command: `${command}${sub}` });
  } catch (err) {
    if (err instanceof HelpRequested) {
      io.out(`usage: ${err.usage}`);
      return 0;
    }
    if (err instanceof UsageError) {
      io.err(`seller-desk: ${oneLine(err.message)}`);
      io.err(
        err.usage
          ? `usage: ${err.usage}`
          : "usage: seller-desk <serve|sim|account set|sync|orders …|requests …|appeal|unsubscription review|outbox …|sow|proof export|proof submit|diagnostics|bills …|db …> [options] (see 'seller-desk --help')",
      );
      return 2;
    }
    const message =
      err instanceof CliFailure ? err.message : `unexpected error: ${err instanceof Error ? err.message : String(err)}`;
    io.err(`seller-desk: ${oneLine(message)}`);
    return 1;
  }
}

/**
 * Exits once stdout and stderr are flushed (a piped `--json` must not be cut), even if an idle keep-alive socket
 * lingers.
 */
function exitAfterFlush(code: number): void {
  process.stdout.write('', () => process.stderr.write('', () => process.exit(code)));
}

/** The process entry: bin/seller-desk.cjs calls it; `node dist/main/cli.cjs` runs it directly (below). */
export function main(argv: string[] = process.argv.slice(2)): void {
  runCli(argv, processIo()).then(exitAfterFlush, (err: unknown) => {
    process.stderr.write(`seller-desk: ${oneLine(err instanceof Error ? err.message : String(err))}\n`);
    exitAfterFlush(1);
  });
}

if (typeof require !== 'undefined' && require.main === module) main();
