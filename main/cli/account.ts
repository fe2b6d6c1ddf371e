// `seller-desk account set`: connects a profile to a marketplace. The SK comes from stdin only — a secret on
// the command line ends up in shell history and `ps` (never shown, never logged).
import type { SettingsPatch } from '../../common/api/contract';
import type { SettingsView } from '../../common/api/types';
import { COMMON_OPTIONS, dataDirOf, parse, PROFILE_OPTION } from './args';
import { call, validateInput, withServices } from './context';
import { UsageError } from './errors';
import type { CliIo } from './io';
import { COMMAND_USAGE } from './usage';

/** The connection flags, shared with `serve` (which can connect the profile before it starts). */
export const ACCOUNT_OPTIONS = {
  endpoint: { type: 'string' },
  ak: { type: 'string' },
  'sk-stdin': { type: 'boolean' },
} as const;

const OPTIONS = { ...COMMON_OPTIONS, ...PROFILE_OPTION, ...ACCOUNT_OPTIONS } as const;

/**
 * The AK is not echoed (docs/architecture.md "Security": terminals are logged and shared): at most its last 4
 * characters, and only when that leaves at least 4 hidden.
 */
export function akText(ak: string | null): string {
  if (!ak) return 'AK (none)';
  return ak.length >= 8 ? `AK set (ending …${ak.slice(-4)})` : 'AK set';
}

/** The secret key never comes from the command line: it ends up in shell history and `ps`. */
export function refuseSkArgument(argv: readonly string[], usage: string): void {
  if (argv.some((a) => a === '--sk' || a.startsWith('--sk=')))
    throw new UsageError('the secret key is read from standard input only: pipe it in and pass --sk-stdin', usage);
}

/**
 * The connection flags as a settings patch, validated as the Settings page's save is (settings:set); the SK is read
 * from stdin with --sk-stdin. Empty when no flag was given.
 */
export async function accountPatch(
  values: { endpoint?: string; ak?: string; 'sk-stdin'?: boolean },
  io: CliIo,
  usage: string,
): Promise<SettingsPatch> {
  const patch: SettingsPatch = {};
  if (values.endpoint !== undefined) patch.endpoint = values.endpoint;
  if (values.ak !== undefined) patch.ak = values.ak;
  if (values['sk-stdin']) {
    // One trailing newline (from `echo`) is not part of the key.
    const sk = (await io.readStdin()).replace(/\r?\n$/, '');
    if (!sk) throw new UsageError('--sk-stdin: standard input was empty', usage);
    patch.sk = sk;
  }
  if (Object.keys(patch).length > 0) validateInput('settings:set', patch, usage, { sk: '--sk-stdin' });
  return patch;
}

/** What was saved, in one line: the endpoint, the AK's last 4 characters at most, whether an SK is stored. */
export function accountSavedText(profile: { dataDir: string; demo: boolean }, view: SettingsView): string {
  return (
    `Account saved (${profile.demo ? 'demo' : 'account'} profile in ${profile.dataDir}): endpoint ${view.endpoint ?? '(none)'}, ` +
    `${akText(view.ak)}, SK ${view.hasSk ? 'stored' : '(none)'}.`
  );
}

export async function runAccount(argv: string[], io: CliIo): Promise<number> {
  const [sub, ...rest] = argv;
  const usage = COMMAND_USAGE['account set'];
  if (sub !== 'set') throw new UsageError(sub ? `unknown account command '${sub}'` : 'missing account command', usage);
  refuseSkArgument(rest, usage);
  const { values } = parse(rest, OPTIONS, usage);
  const patch = await accountPatch(values, io, usage);
  if (Object.keys(patch).length === 0)
    throw new UsageError('nothing to set: give --endpoint, --ak and/or --sk-stdin', usage);

  const profile = { dataDir: dataDirOf(values, io.env), demo: values.demo === true };
  return withServices(io, profile, async (services) => {
    io.out(accountSavedText(profile, await call(services, 'settings:set', patch)));
    return 0;
  });
}
