// `seller-desk account set`: connects a profile to a marketplace. The SK comes from stdin only — a secret on
// the command line ends up in shell history and `ps` (never shown, never logged).
import type { SettingsPatch } from '../../common/api/contract';
import { COMMON_OPTIONS, dataDirOf, parse, PROFILE_OPTION } from './args';
import { call, validateInput, withServices } from './context';
import { UsageError } from './errors';
import type { CliIo } from './io';
import { COMMAND_USAGE } from './usage';

const OPTIONS = {
  ...COMMON_OPTIONS,
  ...PROFILE_OPTION,
  endpoint: { type: 'string' },
  ak: { type: 'string' },
  'sk-stdin': { type: 'boolean' },
} as const;

/**
 * The AK is not echoed (docs/architecture.md "Security": terminals are logged and shared): at most its last 4
 * characters, and only when that leaves at least 4 hidden.
 */
export function akText(ak: string | null): string {
  if (!ak) return 'AK (none)';
  return ak.length >= 8 ? `AK set (ending …${ak.slice(-4)})` : 'AK set';
}

export async function runAccount(argv: string[], io: CliIo): Promise<number> {
  const [sub, ...rest] = argv;
  const usage = COMMAND_USAGE['account set'];
  if (sub !== 'set') throw new UsageError(sub ? `unknown account command '${sub}'` : 'missing account command', usage);
  if (rest.some((a) => a === '--sk' || a.startsWith('--sk='))) {
    throw new UsageError('the secret key is read from standard input only: pipe it in and pass --sk-stdin', usage);
  }
  const { values } = parse(rest, OPTIONS, usage);
  const patch: SettingsPatch = {};
  if (values.endpoint !== undefined) patch.endpoint = values.endpoint;
  if (values.ak !== undefined) patch.ak = values.ak;
  if (values['sk-stdin']) {
    // One trailing newline (from `echo`) is not part of the key.
    const sk = (await io.readStdin()).replace(/\r?\n$/, '');
    if (!sk) throw new UsageError('--sk-stdin: standard input was empty', usage);
    patch.sk = sk;
  }
  if (Object.keys(patch).length === 0)
    throw new UsageError('nothing to set: give --endpoint, --ak and/or --sk-stdin', usage);
  validateInput('settings:set', patch, usage, { sk: '--sk-stdin' });

  const profile = { dataDir: dataDirOf(values, io.env), demo: values.demo === true };
  return withServices(io, profile, async (services) => {
    const view = await call(services, 'settings:set', patch);
    io.out(
      `Account saved (${profile.demo ? 'demo' : 'account'} profile in ${profile.dataDir}): endpoint ${view.endpoint ?? '(none)'}, ` +
        `${akText(view.ak)}, SK ${view.hasSk ? 'stored' : '(none)'}.`,
    );
    return 0;
  });
}
