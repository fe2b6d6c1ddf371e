// One handler table, two transports (docs/architecture.md): IPC in Electron, POST /api/<channel> in the browser host.
import type { z } from 'zod';
import { contract, type Channel, type ChannelParsedInput, type ChannelResult } from '../../common/api/contract';
import { randomBytes } from 'node:crypto';
import { AppError, fail, ok, type Result } from '../../common/api/result';

// Both maps are written over `Channel` once, so that `Handlers[C]`, `InputSchemas[C]` and `Results[C]` stay
// correlated for a generic `C` and `dispatchChannel` calls the handler without widening its input to a union.
type ParsedInputs = { [C in Channel]: ChannelParsedInput<C> };
type Results = { [C in Channel]: ChannelResult<C> };

export type Handlers = {
  [C in Channel]: (input: ParsedInputs[C]) => Results[C] | Promise<Results[C]>;
};

type InputSchemas = { readonly [C in Channel]: { readonly input: z.ZodType<ParsedInputs[C]> } };
/** The contract seen per channel: checked here, key by key, against the parsed input types above. */
const inputs: InputSchemas = contract;

/** What one call is served by: a (partial) table, and a witness of whatever a handler throws. */
export interface Serving {
  readonly handlers: Partial<Handlers>;
  /** Sees a handler's error before it becomes the answer (the profile runtime looks for a damaged file). */
  onThrow?(err: unknown): void;
}

/**
 * A table that changes while the app runs (the profile runtime, docs/architecture.md "Data": the database is closed
 * and reopened by a restore or a recovery). A channel missing from what is serving is answered by `unavailable`.
 */
export interface HandlerSource {
  serving(): Serving;
  unavailable(channel: Channel): AppError;
}

export type HandlerTable = Handlers | HandlerSource;

function isSource(table: HandlerTable): table is HandlerSource {
  return 'serving' in table && typeof table.serving === 'function';
}

/** A table that never changes: every channel has its handler, so `unavailable` answers only a table built wrong. */
function fixed(handlers: Handlers): HandlerSource {
  return {
    serving: () => ({ handlers }),
    unavailable: (channel) => new AppError('not_found', `no handler: ${channel}`),
  };
}

export function isChannel(name: string): name is Channel {
  return Object.prototype.hasOwnProperty.call(contract, name);
}

export interface DispatchLog {
  error(message: string, err: unknown): void;
}

/** Any channel name, as a transport receives it: an unknown one is `not_found`, a known one is dispatched. */
export async function dispatch(
  table: HandlerTable,
  channel: string,
  rawInput: unknown,
  log?: DispatchLog,
): Promise<Result<unknown>> {
  if (!isChannel(channel)) return fail('not_found', `unknown channel: ${channel}`);
  return dispatchChannel(table, channel, rawInput, log);
}

/** Validates the input with the channel's schema, runs the handler, and always answers with the channel's Result. */
export async function dispatchChannel<C extends Channel>(
  table: HandlerTable,
  channel: C,
  rawInput: unknown,
  log?: DispatchLog,
): Promise<Result<Results[C]>> {
  const parsed = inputs[channel].input.safeParse(rawInput ?? {});
  if (!parsed.success) {
    const issues = parsed.error.issues.map((i) => ({ path: i.path.join('.'), message: i.message }));
    const first = issues[0];
    return fail('validation', first ? `${first.path || 'input'}: ${first.message}` : 'invalid input', issues);
  }
  const source = isSource(table) ? table : fixed(table);
  const serving = source.serving();
  try {
    const handler = serving.handlers[channel];
    if (!handler) throw source.unavailable(channel);
    try {
      return ok(await handler(parsed.data));
    } catch (err) {
      serving.onThrow?.(err);
      throw err;
    }
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
