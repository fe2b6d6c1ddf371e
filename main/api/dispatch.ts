// One handler table, two transports (docs/architecture.md): IPC in Electron, POST /api/<channel> in the browser host.
import { contract, type Channel, type ChannelParsedInput, type ChannelResult } from '../../common/api/contract';
import { randomBytes } from 'node:crypto';
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
export async function dispatch(
  handlers: Handlers,
  channel: string,
  rawInput: unknown,
  log?: DispatchLog,
): Promise<Result<unknown>> {
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
    // An unexpected failure: the window gets a generic sentence and an id to quote; the log keeps the stack under it.
    const errorId = randomBytes(4).toString('hex');
    log?.error(`handler ${channel} failed (error ${errorId})`, err);
    return fail('internal', `Something went wrong inside Seller Desk (error ${errorId}). The log has the details.`, {
      errorId,
    });
  }
}
