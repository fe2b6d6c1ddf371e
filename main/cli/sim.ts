// `seller-desk sim`: the marketplace simulator on its own. Its flags are the simulator's;
// `--data-dir` (when given and `--db` is not) keeps its database in <dataDir>/sim/ — otherwise it is in memory.
import { join } from 'node:path';
import { runSimulatorCli, SIM_OPTIONS, SimUsageError } from '../../marketplace-sim/cli';
import { dataDirOf, parse } from './args';
import { UsageError } from './errors';
import type { CliIo } from './io';
import { COMMAND_USAGE } from './usage';

const OPTIONS = {
  'data-dir': { type: 'string' },
  help: { type: 'boolean', short: 'h' },
  ...SIM_OPTIONS,
} as const;

export async function runSim(argv: string[], io: CliIo): Promise<number> {
  const usage = COMMAND_USAGE.sim;
  // Parsed here too, so an unknown flag is the same bad usage (exit 2) as for every other command.
  const { values } = parse(argv, OPTIONS, usage);
  const passed: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    if (argv[i] === '--data-dir') i++;
    else if (!argv[i].startsWith('--data-dir=')) passed.push(argv[i]);
  }
  if (values.db === undefined && values['data-dir'] !== undefined)
    passed.push('--db', join(dataDirOf(values, io.env), 'sim', 'marketplace-sim.db'));
  try {
    await runSimulatorCli(passed);
  } catch (err) {
    if (err instanceof SimUsageError) throw new UsageError(err.message.split('\n')[0], usage);
    throw err;
  }
  return 0;
}
