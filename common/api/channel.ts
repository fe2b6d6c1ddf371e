// docs/architecture.md "The API contract": a channel is declared as `channel(inputSchema, result<T>())`. The result
// type travels in `ResultOf<T>`, an empty object at run time whose only property is optional and never set, so the
// contract carries it without a cast.
import type { z } from 'zod';

/** The result type `T` of a channel, carried at the type level only (the function type keeps `T` invariant). */
export interface ResultOf<T> {
  readonly resultType?: (value: T) => T;
}

export function result<T>(): ResultOf<T> {
  return {};
}

export function channel<I extends z.ZodType, R>(input: I, resultType: ResultOf<R>): { input: I; result: ResultOf<R> } {
  return { input, result: resultType };
}
