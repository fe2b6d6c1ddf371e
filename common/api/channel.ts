// docs/architecture.md "The API contract": a channel is declared as `channel(inputSchema, result<T>())`. The result
// is a phantom type carrier, never read at run time; this is the one place that makes it.
import type { z } from 'zod';

/** The result type `T` of a channel, carried at the type level only. */
export function result<T>(): T {
  return undefined as unknown as T;
}

export function channel<I extends z.ZodType, R>(input: I, resultType: R): { input: I; result: R } {
  return { input, result: resultType };
}
