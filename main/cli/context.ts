// Running a channel from the CLI: the same contract schema validates the flags (a bad value is bad usage,
// exit 2), the same handler table answers (a failure is exit 1 with its one-line reason).
import { contract, type Channel, type ChannelInput, type ChannelResult } from '../../common/api/contract';
import { dispatch } from '../api/dispatch';
import { createServices, type Services } from '../services';
import { createLogger, levelFromEnv } from '../log';
import { CliFailure, oneLine, UsageError } from './errors';
import type { CliIo } from './io';

export interface ProfileArgs {
  dataDir: string;
  demo: boolean;
}

export async function withServices<T>(io: CliIo, profile: ProfileArgs, fn: (services: Services) => Promise<T>): Promise<T> {
  let services: Services;
  try {
    services = createServices({
      dataDir: profile.dataDir,
      demo: profile.demo,
      // One-shot commands: logs only when asked (SELLER_DESK_LOG), so stderr stays one line on failure.
      log: createLogger({ level: levelFromEnv(io.env, 'silent'), sink: io.err }),
      syncOnReconnect: false,
    });
  } catch (err) {
    throw new CliFailure(`cannot open the data folder ${profile.dataDir}: ${err instanceof Error ? err.message : String(err)}`);
  }
  try {
    return await fn(services);
  } finally {
    await services.close();
  }
}

/** Validates `input` with the channel's schema; `flagOf` maps a schema path to the flag the user typed. */
export function validateInput<C extends Channel>(channel: C, input: ChannelInput<C>, usage: string, flagOf: Record<string, string> = {}): void {
  const parsed = contract[channel].input.safeParse(input);
  if (parsed.success) return;
  const issue = parsed.error.issues[0];
  const key = String(issue?.path[0] ?? '');
  const flag = flagOf[key] ?? (key ? `--${key}` : 'input');
  throw new UsageError(`${flag}: ${issue?.message ?? 'invalid value'}`, usage);
}

export async function call<C extends Channel>(services: Services, channel: C, input: ChannelInput<C>): Promise<ChannelResult<C>> {
  const result = await dispatch(services.handlers, channel, input, services.log);
  if (!result.ok) throw new CliFailure(oneLine(result.error.message));
  return result.value as ChannelResult<C>;
}
