// One handler table, two transports (docs/architecture.md): IPC in Electron, POST /api/<channel> in the browser host.
import { contract, type Channel, type ChannelParsedInput, type ChannelResult } from '../../common/api/contract';
import { AppError, fail, ok, type Result } from '../../common/api/result';

export type Handlers = {
  [C in Channel]: (input: ChannelParsedInput<C>) => ChannelResult<C> | Promise<ChannelResult<C>>;
};

export function isChannel(name: string): name is Channel {
  return Object.prototype.hasOwnProperty.call(contract, name);
}

export interface DispatchLog {
  error(message: string, err: unknown): void;
}

/** Validates the input with the channel's schema, runs the handler, and always answers with a Result. */
export async function dispatch(handlers: Handlers, channel: string, rawInput: unknown, log?: DispatchLog): Promise<Result<unknown>> {
  if (!isChannel(channel)) return fail('not_found', `unknown channel: ${channel}`);
  const parsed = contract[channel].input.safeParse(rawInput ?? {});
  if (!parsed.success) {
    const issues = parsed.error.issues.map((i) => ({ path: i.path.join('.'), message: i.message }));
    const first = issues[0];
    return fail('validation', first ? `${first.path || 'input'}: ${first.message}` : 'invalid input', issues);
  }
  try {
    const handler = handlers[channel] as (input: unknown) => unknown;
    return ok(await handler(parsed.data));
  } catch (err) {
    if (err instanceof AppError) return fail(err.code, err.message, err.details);
    log?.error(`handler ${channel} failed`, err);
    return fail('internal', err instanceof Error ? err.message : 'internal error');
  }
}
